import { ClientReportCreateSchema } from "../contracts/reports";
import { listCategoryRows } from "../db/queries/categories";
import {
  lastPublishedChanges,
  type PublishedRequestRow,
  publishedRequests,
  publishedRequestsByIds,
  publishedUpdates,
} from "../db/queries/open311";
import {
  type ArgumentProblem,
  type QueryArguments,
  requestsQuery,
  toW3cHanoi,
  updatesQuery,
} from "../domain/open311/params";
import { PUBLISHED_REPRESENTATIVE, publishedState, reportStatusesFor } from "../domain/open311/status";
import type { XmlObject } from "../domain/open311/xml";
import { ApiError } from "../http/errors";
import { Open311Error } from "../http/open311";
import { OPEN311_ATTRIBUTES, open311Message } from "../i18n/open311";
import { toFieldErrors } from "../i18n/validation";
import { authenticateClient, countClientFiling } from "./api-clients";
import type { ServiceContext } from "./context";
import { fileClientReport } from "./report-filing";

/**
 * The use cases of Open311 GeoReport v2 with mySociety's
 * `servicerequestupdates` (docs/open311.md). What a request shows is decided
 * by reporter safety: an opaque id, the category, open/closed with a fixed
 * note, and two instants; never its text, unit, people or evidence.
 */

/** The specification token clients discover the endpoint by [SD]. */
export const GEOREPORT_V2 = "http://wiki.open311.org/GeoReport_v2";

/** When this interface's services or their definitions last changed (the categories are fixed data). */
export const OPEN311_CHANGESET = "2026-12-06T00:00:00Z";

/** `GET discovery`: where the endpoint is, how to get a key, and who runs it. */
export function discovery(ctx: ServiceContext, origin: string): XmlObject {
  const local = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin);
  return {
    changeset: OPEN311_CHANGESET,
    contact: open311Message("contact", ctx.lang),
    key_service: open311Message("key_service", ctx.lang),
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url: `${origin}/open311/v2`,
        changeset: OPEN311_CHANGESET,
        type: local ? "test" : "production",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}

/** `GET services`: one service per report category, named in `ctx.lang`, most severe first. */
export async function listServices(ctx: ServiceContext): Promise<XmlObject[]> {
  const rows = await listCategoryRows(ctx.db);
  const en = ctx.lang === "en";
  return rows.map((row) => ({
    service_code: row.code,
    service_name: en ? row.nameEn : row.nameVi,
    description: en ? row.descriptionEn : row.descriptionVi,
    metadata: true,
    type: "realtime",
  }));
}

/** `GET services/{code}`: the optional attributes every category takes; 404 for an unknown code. */
export async function serviceDefinition(ctx: ServiceContext, code: string): Promise<XmlObject> {
  const rows = await listCategoryRows(ctx.db);
  if (!rows.some((row) => row.code === code)) throw new Open311Error(404, [{ key: "unknown_service" }]);
  return {
    service_code: code,
    attributes: OPEN311_ATTRIBUTES.map((attribute, index) => ({
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: false,
      datatype_description: attribute.datatype_description[ctx.lang],
      order: index + 1,
      description: attribute.description[ctx.lang],
      ...("values" in attribute
        ? { values: attribute.values.map((value) => ({ key: value.key, name: value.name[ctx.lang] })) }
        : {}),
    })),
  };
}

/** A 400 for the arguments a checker refused. */
function badArguments(problems: readonly ArgumentProblem[]): Open311Error {
  return new Open311Error(
    400,
    problems.map((problem) => ({ key: problem.key, argument: problem.argument })),
  );
}

/** Requests as published: the rows' public fields, each with its category's name and last published change. */
async function publish(ctx: ServiceContext, rows: readonly PublishedRequestRow[]): Promise<XmlObject[]> {
  if (rows.length === 0) return [];
  const [categories, changes] = await Promise.all([
    listCategoryRows(ctx.db),
    lastPublishedChanges(
      ctx.db,
      rows.map((row) => row.id),
    ),
  ]);
  const names = new Map(categories.map((row) => [row.code, ctx.lang === "en" ? row.nameEn : row.nameVi]));
  return rows.map((row) => {
    const state = publishedState(row.status);
    return {
      service_request_id: row.publicId,
      status: state.status,
      status_notes: state.note[ctx.lang],
      service_name: names.get(row.categoryCode) ?? row.categoryCode,
      service_code: row.categoryCode,
      requested_datetime: toW3cHanoi(row.receivedAt),
      updated_datetime: toW3cHanoi(changes.get(row.id) ?? row.receivedAt),
    };
  });
}

/**
 * `GET requests`: a list of ids (overriding every other argument; unknown
 * ids are simply missing), or the requests received in the window, newest
 * first, filtered by status and service code, one page at a time.
 */
export async function listRequests(ctx: ServiceContext, args: QueryArguments): Promise<XmlObject[]> {
  const query = requestsQuery(args, ctx.now);
  if (!query.ok) throw badArguments(query.problems);
  if (query.value.kind === "ids") return publish(ctx, await publishedRequestsByIds(ctx.db, query.value.ids));
  const { window, statuses, serviceCodes, paging } = query.value;
  const rows = await publishedRequests(ctx.db, {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    statuses: statuses.flatMap(reportStatusesFor),
    categoryCodes: serviceCodes,
    limit: paging.pageSize,
    offset: (paging.page - 1) * paging.pageSize,
  });
  return publish(ctx, rows);
}

/** `GET requests/{id}`: an array of one, or 404 (a tracking code is not an id). */
export async function getRequest(ctx: ServiceContext, publicId: string): Promise<XmlObject[]> {
  const found = await publish(ctx, await publishedRequestsByIds(ctx.db, [publicId]));
  if (found.length === 0) throw new Open311Error(404, [{ key: "unknown_request" }]);
  return found;
}

/**
 * `GET servicerequestupdates` (mySociety): each change of a request's
 * published state in the window (both dates required), oldest first, with
 * the state's fixed note. Moves the public cannot see (the inspectors asking
 * the reporter for information, a proposed dismissal) are no update.
 */
export async function listUpdates(ctx: ServiceContext, args: QueryArguments): Promise<XmlObject[]> {
  const query = updatesQuery(args, ctx.now);
  if (!query.ok) throw badArguments(query.problems);
  const { window, paging } = query.value;
  const rows = await publishedUpdates(ctx.db, {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    limit: paging.pageSize,
    offset: (paging.page - 1) * paging.pageSize,
  });
  return rows.map((row) => {
    const state = publishedState(row.status);
    return {
      update_id: row.updateId,
      service_request_id: row.publicId,
      status: state.state,
      updated_datetime: toW3cHanoi(row.at),
      description: state.note[ctx.lang],
      media_url: "",
      external_status_code:
        PUBLISHED_REPRESENTATIVE[row.status as keyof typeof PUBLISHED_REPRESENTATIVE] ?? "in_review",
    };
  });
}

/** A POST body's fields: every value of each name, as sent. */
export type FormArguments = QueryArguments;

/** The last non-empty value of a field ("empty = absent" [GR2]). */
function field(form: FormArguments, name: string): string | undefined {
  return (form[name] ?? []).filter((value) => value.trim() !== "").at(-1);
}

/** The report a client's form describes, in the shape of the report contract (checked after). */
function reportOf(form: FormArguments): Record<string, unknown> {
  const name = [field(form, "first_name"), field(form, "last_name")].filter(Boolean).join(" ");
  const contact = {
    ...(name ? { name } : {}),
    ...(field(form, "email") ? { email: field(form, "email") } : {}),
    ...(field(form, "phone") ? { phone: field(form, "phone") } : {}),
  };
  const named = Object.keys(contact).length > 0;
  const optional = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    track: named ? "named" : "anonymous",
    ...optional("categoryCode", field(form, "service_code")),
    ...optional("unitId", field(form, "address_id")),
    ...optional("description", field(form, "description")),
    reporterKind: field(form, "attribute[reporter_kind]") ?? "citizen",
    ...optional("procedure", field(form, "attribute[procedure]")),
    ...optional("officialHint", field(form, "attribute[official]")),
    ...optional("occurredOn", field(form, "attribute[occurred_on]")),
    ...(named ? { contact } : {}),
  };
}

/**
 * `POST requests`: a registered client app files a report. The key first
 * (403, nothing filed, when missing, unknown or revoked), then the client's
 * hourly budget (400 with Retry-After), then the report's own checks (400
 * per argument), then the same filing as the portal's form (a public app's
 * key also needs a solved `altcha`). Answers the public id and the receipt,
 * whose secret is shown nowhere else.
 */
export async function submitRequest(ctx: ServiceContext, form: FormArguments): Promise<XmlObject[]> {
  const auth = await authenticateClient(ctx, field(form, "api_key"));
  if (!auth.ok) throw new Open311Error(403, [{ key: auth.reason === "missing" ? "missing_key" : "bad_key" }]);
  const budget = await countClientFiling(ctx, auth.client);
  if (!budget.allowed) throw new Open311Error(400, [{ key: "rate_limited" }], budget.retryAfter);
  const parsed = ClientReportCreateSchema.safeParse(reportOf(form));
  if (!parsed.success) {
    // The http layer names each field by the argument it came in (address_id, attribute[official]…).
    throw new ApiError("validation_failed", { errors: toFieldErrors(parsed.error, ctx.lang) });
  }
  const { receipt, publicId } = await fileClientReport(ctx, auth.client, parsed.data, field(form, "altcha"));
  return [
    {
      service_request_id: publicId,
      service_notice: open311Message("service_notice", ctx.lang),
      tracking_code: receipt.trackingCode,
      secret: receipt.secret,
    },
  ];
}
