/**
 * The site's one API client. Every call goes through {@link request} (or
 * {@link upload} when a file's progress matters): same origin, the page's
 * language in `Accept-Language` (the server localizes its problems), JSON in
 * and out. A failure is thrown as an {@link ApiError} carrying the RFC 9457
 * problem (`detail`, `errors`, `code`); a network failure is status 0.
 *
 * Typed endpoints ({@link api}) take and return the zod contracts' types from
 * `worker/src/contracts/`, so the browser and the Worker share one shape.
 */
import type { z } from "zod";
import type {
  ApiClient,
  ApiClientCreateSchema,
  ApiClientIssued,
  ApiClientList,
  ApiClientUpdateSchema,
} from "../../../worker/src/contracts/api-clients";
import type {
  LoginResult,
  LoginSchema,
  Me,
  PasswordChangeSchema,
  TotpCodeSchema,
  TotpSetup,
} from "../../../worker/src/contracts/auth";
import type { ContestResolutionInputSchema } from "../../../worker/src/contracts/contests";
import type { ExtensionInputSchema } from "../../../worker/src/contracts/extensions";
import type { HolidayConfirm, HolidayList, HolidayPutSchema } from "../../../worker/src/contracts/holidays";
import type {
  ConclusionInputSchema,
  FindingInputSchema,
  InspectionAssignmentSchema,
  InspectionCancelSchema,
  InspectionCreateSchema,
  InspectionDetail,
  InspectionDocument,
  InspectionPatchSchema,
  InspectionSplitSchema,
  Measure,
  MeasureDocument,
  MeasureList,
  MeasureQuery,
  MeasureRejectInputSchema,
  MeasureResponseInputSchema,
  Plan,
  PlanBuildResult,
} from "../../../worker/src/contracts/inspections";
import type {
  AssignmentSchema,
  BulkAssignSchema,
  BulkMergeSchema,
  BulkResult,
  ContactQuerySchema,
  LeadDetail,
  LeadExportQuery,
  LeadList,
  LeadMessageCreateSchema,
  LeadQuery,
  NoteCreateSchema,
  TransitionSchema,
} from "../../../worker/src/contracts/leads";
import type { ExtensionRequestInputSchema, UnitMeasure, UnitMeasureList } from "../../../worker/src/contracts/liaison";
import type {
  DeliveryLog,
  DeliveryLogQuery,
  NotificationPreferences,
  NotificationPreferencesUpdateSchema,
} from "../../../worker/src/contracts/notifications";
import type { RedactionPreview, RedactionPreviewInputSchema } from "../../../worker/src/contracts/redactions";
import type { Attachment, Contact, IntakeReportCreateSchema, Receipt } from "../../../worker/src/contracts/reports";
import type { RoutingSchema, SplitSchema } from "../../../worker/src/contracts/routing";
import type { SettingList, SettingsPatchSchema } from "../../../worker/src/contracts/settings";
import type { StaffList } from "../../../worker/src/contracts/staff";
import type { StatsResponse } from "../../../worker/src/contracts/stats";
import type {
  AdminUnit,
  AdminUnitList,
  AdminUnitQuery,
  UnitCreateSchema,
  UnitMergeSchema,
  UnitRetireSchema,
  UnitSplitResult,
  UnitSplitSchema,
  UnitUpdateSchema,
} from "../../../worker/src/contracts/unit-admin";
import type { UnitList } from "../../../worker/src/contracts/units";
import type {
  SecurityPolicy,
  User,
  UserCreateSchema,
  UserList,
  UserUpdateSchema,
  UserWithPassword,
} from "../../../worker/src/contracts/users";
import { type ApiResult, callUpload, file, request, upload } from "./api-transport";

export * from "./api-transport";

// ---------------------------------------------------------------- endpoints

/** A request body as the contract accepts it (before its transforms: untrimmed text, defaults omitted). */
type In<S extends z.ZodType> = z.input<S>;

const at = (...parts: string[]) => parts.map(encodeURIComponent).join("/");
const query = (values: Record<string, string | number | boolean | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  return params.size ? `?${params}` : "";
};
const post = <T>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });

/**
 * The API's operations used by the site, typed by the contracts.
 *
 * @example
 * const detail = await api.leads.transition(id, { to: "in_review" });
 */
export const api = {
  reports: {
    /** One evidence file, as the reporter holding the receipt, with upload progress; a result, not an exception. */
    uploadEvidence: (
      trackingCode: string,
      secret: string,
      file: File,
      lang: string,
      onProgress: (loaded: number) => void,
    ): Promise<ApiResult<Attachment>> => {
      const body = new FormData();
      body.append("file", file, file.name);
      return callUpload<Attachment>(
        `/api/reports/${at(trackingCode)}/attachments`,
        body,
        lang,
        { Authorization: `Bearer ${secret}` },
        onProgress,
      );
    },
  },
  stats: {
    /** `GET /api/public/stats` at `path` (built by the statistics page's `apiPath`); failures are the page's to explain. */
    get: (path: string) => request<Partial<StatsResponse> | null>(path, { quiet: true }),
  },
  auth: {
    me: (quiet = false) => request<Me>("/api/auth/me", { quiet }),
    login: (body: In<typeof LoginSchema>) =>
      request<LoginResult>("/api/auth/login", { method: "POST", body, quiet: true }),
    logout: () => request<void>("/api/auth/logout", { method: "POST", quiet: true }),
    changePassword: (body: In<typeof PasswordChangeSchema>) => post<void>("/api/auth/password", body),
    totpSetup: () => post<TotpSetup>("/api/auth/totp/setup"),
    totpConfirm: (body: In<typeof TotpCodeSchema>) => post<void>("/api/auth/totp/confirm", body),
    totpDisable: (body: In<typeof TotpCodeSchema>) => post<void>("/api/auth/totp/disable", body),
  },
  units: {
    search: (q: string, limit: number) => request<UnitList>(`/api/units${query({ q, limit })}`),
  },
  intake: {
    /** `POST /api/intake/reports`; the same `key` for a retry of the same body gives the same receipt back. */
    enter: (body: In<typeof IntakeReportCreateSchema>, key: string) =>
      request<Receipt>("/api/intake/reports", { method: "POST", body, headers: { "Idempotency-Key": key } }),
  },
  staff: {
    forUnit: (unitId: string) => request<StaffList>(`/api/staff${query({ unitId })}`),
  },
  leads: {
    list: (filters: Partial<Record<keyof LeadQuery, string | number>>) =>
      request<LeadList>(`/api/leads${query(filters)}`),
    /** The filtered queue as CSV (supervisors). */
    exportCsv: (filters: Partial<Record<keyof LeadExportQuery, string>>) => file(`/api/leads.csv${query(filters)}`),
    get: (id: string) => request<LeadDetail>(`/api/leads/${at(id)}`),
    transition: (id: string, body: In<typeof TransitionSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/transitions`, body),
    note: (id: string, body: In<typeof NoteCreateSchema>) => post<LeadDetail>(`/api/leads/${at(id)}/notes`, body),
    message: (id: string, body: In<typeof LeadMessageCreateSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/messages`, body),
    resolveContest: (id: string, body: In<typeof ContestResolutionInputSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/contest-resolution`, body),
    /** A supervisor's deadline extension (`dueOn` or `workingDays`, with a reason). */
    extend: (id: string, body: In<typeof ExtensionInputSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/extension`, body),
    /** A reporter's contact details (assignee and supervisors); the reason is audited. */
    contact: (id: string, trackingCode: string, params: In<typeof ContactQuerySchema>) =>
      request<{ contact: Contact | null }>(`/api/leads/${at(id, "reports", trackingCode)}/contact${query(params)}`),
    assign: (id: string, body: In<typeof AssignmentSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/assignment`, body),
    bulkAssign: (body: In<typeof BulkAssignSchema>) => post<BulkResult>("/api/leads/bulk/assign", body),
    bulkMerge: (body: In<typeof BulkMergeSchema>) => post<BulkResult>("/api/leads/bulk/merge", body),
    attachmentHref: (id: string, fileId: string) => `/api/leads/${at(id, "attachments", fileId)}`,
    route: (id: string, body: In<typeof RoutingSchema>) => post<LeadDetail>(`/api/leads/${at(id)}/routing`, body),
    routeReport: (id: string, trackingCode: string, body: In<typeof RoutingSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id, "reports", trackingCode)}/routing`, body),
    split: (id: string, trackingCode: string, body: In<typeof SplitSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id, "reports", trackingCode)}/split`, body),
  },
  plan: {
    get: (year: number) => request<Plan>(`/api/plan${query({ year })}`),
    build: (year: number) => post<PlanBuildResult>(`/api/plan/${year}/build`),
  },
  inspections: {
    get: (id: string) => request<InspectionDetail>(`/api/inspections/${at(id)}`),
    create: (body: In<typeof InspectionCreateSchema>) => post<InspectionDetail>("/api/inspections", body),
    patch: (id: string, body: In<typeof InspectionPatchSchema>) =>
      request<InspectionDetail>(`/api/inspections/${at(id)}`, { method: "PATCH", body }),
    split: (id: string, body: In<typeof InspectionSplitSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/split`, body),
    start: (id: string) => post<InspectionDetail>(`/api/inspections/${at(id)}/start`),
    cancel: (id: string, body: In<typeof InspectionCancelSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/cancel`, body),
    /** Set or clear the inspector in charge (supervisors; an inspector takes an unassigned one). */
    assign: (id: string, body: In<typeof InspectionAssignmentSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/assignment`, body),
    finding: (id: string, leadId: string, body: In<typeof FindingInputSchema>) =>
      request<InspectionDetail>(`/api/inspections/${at(id, "findings", leadId)}`, { method: "PUT", body }),
    conclude: (id: string, body: In<typeof ConclusionInputSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/conclusion`, body),
    uploadDocument: (id: string, body: FormData, onProgress: (loaded: number) => void) =>
      upload<InspectionDocument>(`/api/inspections/${at(id)}/documents`, body, onProgress),
    documentHref: (id: string, documentId: string) => `/api/inspections/${at(id, "documents", documentId)}`,
  },
  measures: {
    list: (filters: Partial<Record<keyof MeasureQuery, string>>) =>
      request<MeasureList>(`/api/measures${query(filters)}`),
    respond: (id: string, body: In<typeof MeasureResponseInputSchema>) =>
      post<Measure>(`/api/measures/${at(id)}/response`, body),
    verify: (id: string) => post<Measure>(`/api/measures/${at(id)}/verify`),
    extend: (id: string, body: In<typeof ExtensionInputSchema>) =>
      post<Measure>(`/api/measures/${at(id)}/extension`, body),
    reject: (id: string, body: In<typeof MeasureRejectInputSchema>) =>
      post<Measure>(`/api/measures/${at(id)}/reject`, body),
  },
  admin: {
    users: () => request<UserList>("/api/admin/users"),
    createUser: (body: In<typeof UserCreateSchema>) => post<UserWithPassword>("/api/admin/users", body),
    updateUser: (id: string, body: In<typeof UserUpdateSchema>) =>
      request<User>(`/api/admin/users/${at(id)}`, { method: "PATCH", body }),
    resetUser: (id: string) => post<UserWithPassword>(`/api/admin/users/${at(id)}/reset`),
    security: () => request<SecurityPolicy>("/api/admin/security"),
    saveSecurity: (body: SecurityPolicy) => request<SecurityPolicy>("/api/admin/security", { method: "PUT", body }),
    holidays: (year: number) => request<HolidayList>(`/api/admin/holidays${query({ year })}`),
    putHoliday: (date: string, body: In<typeof HolidayPutSchema>) =>
      request<HolidayList>(`/api/admin/holidays/${at(date)}`, { method: "PUT", body }),
    deleteHoliday: (date: string) => request<HolidayList>(`/api/admin/holidays/${at(date)}`, { method: "DELETE" }),
    confirmHolidays: (year: number) => post<HolidayConfirm>(`/api/admin/holidays/${at(String(year))}/confirm`),
    settings: () => request<SettingList>("/api/admin/settings"),
    patchSettings: (body: In<typeof SettingsPatchSchema>) =>
      request<SettingList>("/api/admin/settings", { method: "PATCH", body }),
    units: (filters: Partial<Record<keyof AdminUnitQuery, string>>) =>
      request<AdminUnitList>(`/api/admin/units${query(filters)}`),
    unit: (id: string) => request<AdminUnit>(`/api/admin/units/${at(id)}`),
    createUnit: (body: In<typeof UnitCreateSchema>) => post<AdminUnit>("/api/admin/units", body),
    updateUnit: (id: string, body: In<typeof UnitUpdateSchema>) =>
      request<AdminUnit>(`/api/admin/units/${at(id)}`, { method: "PATCH", body }),
    mergeUnit: (id: string, body: In<typeof UnitMergeSchema>) =>
      post<AdminUnit>(`/api/admin/units/${at(id)}/merge`, body),
    splitUnit: (id: string, body: In<typeof UnitSplitSchema>) =>
      post<UnitSplitResult>(`/api/admin/units/${at(id)}/split`, body),
    retireUnit: (id: string, body: In<typeof UnitRetireSchema>) =>
      post<AdminUnit>(`/api/admin/units/${at(id)}/retire`, body),
    apiClients: () => request<ApiClientList>("/api/admin/api-clients"),
    createApiClient: (body: In<typeof ApiClientCreateSchema>) => post<ApiClientIssued>("/api/admin/api-clients", body),
    updateApiClient: (id: string, body: In<typeof ApiClientUpdateSchema>) =>
      request<ApiClient>(`/api/admin/api-clients/${at(id)}`, { method: "PATCH", body }),
    revokeApiClient: (id: string) => post<ApiClient>(`/api/admin/api-clients/${at(id)}/revoke`),
    /** The notifications' delivery log (one row per message, never a body). */
    notificationLog: (filters: Partial<Record<keyof DeliveryLogQuery, string>>) =>
      request<DeliveryLog>(`/api/admin/notifications${query(filters)}`),
  },
  /** The unit liaison's section: their unit's measures only (anything else is a 404). */
  unit: {
    measures: () => request<UnitMeasureList>("/api/measures"),
    measure: (id: string) => request<UnitMeasure>(`/api/unit/measures/${at(id)}`),
    respond: (id: string, body: In<typeof MeasureResponseInputSchema>) =>
      post<UnitMeasure>(`/api/measures/${at(id)}/response`, body),
    uploadDocument: (id: string, body: FormData, onProgress: (loaded: number) => void) =>
      upload<MeasureDocument>(`/api/measures/${at(id)}/documents`, body, onProgress),
    documentHref: (id: string, documentId: string) => `/api/measures/${at(id, "documents", documentId)}`,
    requestExtension: (id: string, body: In<typeof ExtensionRequestInputSchema>) =>
      post<UnitMeasure>(`/api/measures/${at(id)}/extension-request`, body),
  },
  notifications: {
    /** The signed-in caseworker's e-mail notification choices. */
    preferences: () => request<NotificationPreferences>("/api/me/notifications"),
    update: (body: In<typeof NotificationPreferencesUpdateSchema>) =>
      request<NotificationPreferences>("/api/me/notifications", { method: "PUT", body }),
  },
  redactions: {
    preview: (body: In<typeof RedactionPreviewInputSchema>) => post<RedactionPreview>("/api/redactions/preview", body),
  },
};
