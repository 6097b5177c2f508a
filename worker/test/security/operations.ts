import { env } from "cloudflare:test";
import type { Measure } from "../../src/contracts/inspections";
import { fixture } from "../fixtures";
import { PASSWORD, type TestUser, totpNow } from "../support/accounts";
import { solvedAltcha } from "../support/altcha";
import {
  concludedWith,
  conclusionBody,
  contest,
  createInspection,
  expectInspection,
  expectMeasure,
  findingBody,
  inspectionBody,
  measureAction,
  uploadDocument,
  uploadMeasureDocument,
} from "../support/inspections";
import { call, createUnit, insertLead, leadIdOf, type Session, uploadEvidence } from "../support/leads";
import { type FiledReport, reportBody } from "../support/reports";
import { insertLeadWithReports } from "../support/routing";
import { type CallerName, type Cast, type Credentials, createAccount } from "./callers";
import type { Operation, TransitionStep } from "./policy";

/**
 * One well-formed request per operation, about real resources of a unit the
 * recused inspector is tied to (through the directory). A caller the policy
 * allows gets a resource of its own (`fresh`) where the call changes state
 * for good (starting, cancelling, verifying…), so each allowed call can
 * succeed; refused callers share one, which they must leave untouched.
 */

/** A request under `/api`, ready to send with some caller's credentials. */
export interface Outgoing {
  method: string;
  /** Path under `/api`, ids filled in. */
  path: string;
  json?: unknown;
  /** A multipart body, built on each send. */
  form?: () => FormData;
  /** The status an allowed caller gets when it is not a 2xx (an enrolled admin setting up TOTP again: 409). */
  okStatus?: number;
  /** Sent instead of the caller's own credentials: a fresh account of the same kind, or the receipt of this report. */
  credentials?: Credentials;
}

/** Builds the request of an operation for a caller; `fresh` when the policy allows the caller. */
export type Build = (caller: CallerName, fresh: boolean) => Promise<Outgoing>;

const MEASURE_DEADLINE = "2099-06-30";
const PROPOSAL = {
  to: "dismissal_proposed",
  reason: "Nội dung không thuộc phạm vi công vụ của đơn vị.",
  reasonCode: "not_public_service",
};

/** Caches a fixture: built on first use, shared after. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** Takes the shared fixture for refused callers and a new one for each allowed caller. */
function sharedOrFresh<T>(make: () => Promise<T>): (fresh: boolean) => Promise<T> {
  const shared = once(make);
  return (fresh) => (fresh ? make() : shared());
}

/** The scenario: units below the recused inspector's ward, and everything the operations are called about. */
export interface World {
  cast: Cast;
  /** Ids the recused inspector must never see in a list: units, leads, inspections, measures. */
  hidden: Set<string>;
  /** Makes sure the resources a list should show exist. */
  populate(): Promise<void>;
  builders: Record<Operation, Build>;
  /** `POST /leads/{id}/transitions` taking one workflow step, about a lead of its own in the step's starting state. */
  transition(step: TransitionStep, caller: CallerName): Promise<Outgoing>;
}

/**
 * The fixtures and one builder per operation. `ward` is the unit the recused
 * inspector is tied to; `target` a report about a unit below it, whose
 * reporter is the cast's `owner`.
 */
export function buildWorld(cast: Cast, ward: string, target: FiledReport, targetUnit: string): World {
  const hidden = new Set<string>([ward, targetUnit]);
  const supervisor = cast.credentials.supervisor.cookie as string;
  const supervisorSession: Session = { user: cast.credentials.supervisor.user as TestUser, cookie: supervisor };
  const inspectorId = cast.credentials.inspector.user?.id as string;
  const onTeam = [{ userId: inspectorId, role: "member" as const }];

  async function unit(): Promise<string> {
    const { id } = await createUnit({ name: "Bộ phận Một cửa Phường Đống Đa", kind: "agency", parentId: ward });
    hidden.add(id);
    return id;
  }

  async function lead(unitId: string, status = "new"): Promise<string> {
    const id = await insertLead({ unitId, priority: 60, status });
    hidden.add(id);
    return id;
  }

  const targetLead = once(async () => {
    const id = await leadIdOf(target.trackingCode);
    hidden.add(id);
    return id;
  });
  const evidence = once(() => uploadEvidence(target));

  /** A stored holiday of its own: Mondays of 2033, one per call. */
  let holidays = 0;
  async function storedHoliday(): Promise<string> {
    const date = new Date(Date.UTC(2033, 0, 3 + 7 * holidays++)).toISOString().slice(0, 10);
    await env.DB.prepare(
      "INSERT OR REPLACE INTO holidays (date, kind, name_vi, name_en, provisional) VALUES (?, 'holiday', 'Ngày nghỉ thử', 'Test day off', 0)",
    )
      .bind(date)
      .run();
    return date;
  }
  const sharedHoliday = once(storedHoliday);
  const sharedLead = once(() => lead(targetUnit));
  const sharedMergeSource = once(() => lead(targetUnit));
  /** A lead about the target unit with two reports, to route or split one of them. */
  const twoReports = sharedOrFresh(async () => {
    const made = await insertLeadWithReports({ unitId: targetUnit });
    hidden.add(made.leadId);
    return made;
  });

  /** A planned verification visit, the matrix inspector on its team (the supervisor heads it). */
  async function planned(leadIds: string[] = [], unitId?: string): Promise<string> {
    const at = unitId ?? (await unit());
    const created = await createInspection(supervisor, inspectionBody(at, { leadIds, team: onTeam }));
    hidden.add(created.id);
    return created.id;
  }
  const plannedVisit = sharedOrFresh(() => planned());

  /** A department with a name of its own, for the directory's administration. */
  const directoryUnit = async () =>
    (await createUnit({ name: `Phòng thử ${crypto.randomUUID().slice(0, 8)}`, kind: "department" })).id;
  const unitToChange = sharedOrFresh(directoryUnit);
  /** An Open311 client application of its own, straight in D1 (its key is never used here). */
  const apiClient = sharedOrFresh(async () => {
    const id = crypto.randomUUID();
    await env.DB.prepare(
      "INSERT INTO api_clients (id, name, key_hash, key_prefix, requests_per_hour, created_at) VALUES (?, ?, ?, ?, 30, ?)",
    )
      .bind(
        id,
        `Ứng dụng ${id.slice(0, 8)}`,
        id.replaceAll("-", "").padEnd(64, "0"),
        "pacv_tst",
        new Date().toISOString(),
      )
      .run();
    return id;
  });
  const document = once(async () => {
    const res = await uploadDocument(supervisor, await plannedVisit(false));
    if (res.status !== 201) throw new Error(`document upload answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  });

  /** A planned visit with two referred leads: one can be split off. */
  const splittable = sharedOrFresh(async () => {
    const unitId = await unit();
    const leadIds = [await lead(unitId, "referred"), await lead(unitId, "referred")];
    return { id: await planned(leadIds, unitId), moving: leadIds[1] as string };
  });

  /** A visit under way with one referred lead and its finding recorded: ready to conclude. */
  async function underWay(): Promise<{ id: string; leadId: string; unitId: string }> {
    const unitId = await unit();
    const leadId = await lead(unitId, "referred");
    const id = await planned([leadId], unitId);
    await expectInspection(await call(supervisor, `/api/inspections/${id}/start`, { method: "POST" }));
    await expectInspection(
      await call(supervisor, `/api/inspections/${id}/findings/${leadId}`, { method: "PUT", body: findingBody() }),
    );
    return { id, leadId, unitId };
  }
  const readyToConclude = sharedOrFresh(underWay);

  /** A concluded visit with nine measures: one open (responses), four responded to verify, four to reject. */
  const measures = once(async () => {
    const visit = await underWay();
    const body = conclusionBody(
      Array.from({ length: 9 }, (_, i) => ({
        responsibleUnitId: visit.unitId,
        description: `Biện pháp chấn chỉnh số ${i + 1}: niêm yết công khai thủ tục`,
        deadline: MEASURE_DEADLINE,
      })),
    );
    const concluded = await expectInspection(
      await call(supervisor, `/api/inspections/${visit.id}/conclusion`, { method: "POST", body }),
    );
    const ids = concluded.measures.map((m: Measure) => m.id);
    for (const id of ids) hidden.add(id);
    for (const id of ids.slice(1)) {
      await expectMeasure(
        await measureAction(supervisor, id, "response", { response: "Đơn vị đã gửi báo cáo khắc phục" }),
      );
    }
    return { open: ids[0] as string, toVerify: ids.slice(1, 5), toReject: ids.slice(5, 9) };
  });
  /** A responded measure: the first of `pool` for refused callers, the next unused one for each allowed caller. */
  function respondedMeasure(pick: "toVerify" | "toReject") {
    let next = 1;
    return async (fresh: boolean) => {
      const pool = (await measures())[pick];
      const id = pool[fresh ? next++ : 0];
      if (!id) throw new Error(`no ${pick} measure left: add more to the fixture`);
      return id;
    };
  }
  /** A document the ward's liaison sent with the open measure's response. */
  const measureDocument = once(async () => {
    const res = await uploadMeasureDocument(cast.credentials.liaison.cookie as string, (await measures()).open);
    if (res.status !== 201) throw new Error(`measure document upload answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  });
  const toVerify = respondedMeasure("toVerify");
  const toReject = respondedMeasure("toReject");

  /** A concluded lead about a unit below the ward, with a real report (reporters contest those). */
  async function concludedReport(): Promise<{ leadId: string; report: FiledReport }> {
    const unitId = await unit();
    const { leadId, report } = await concludedWith(supervisorSession, unitId, [
      { responsibleUnitId: unitId, description: "Chấn chỉnh việc tiếp nhận hồ sơ", deadline: MEASURE_DEADLINE },
    ]);
    hidden.add(leadId);
    return { leadId, report };
  }
  const contestable = once(concludedReport);
  const contested = sharedOrFresh(async () => {
    const concluded = await concludedReport();
    const res = await contest(concluded.report, "Tôi không đồng ý: cán bộ vẫn đòi tiền sau khi đoàn làm việc.");
    if (res.status !== 201) throw new Error(`contest answered ${res.status}: ${await res.text()}`);
    return concluded.leadId;
  });

  const editedUser = once(() => createAccount("inspector"));
  const resetUser = once(() => createAccount("inspector"));
  const loginUser = once(() => createAccount("inspector"));

  /** The caller's own credentials, or a fresh account of its kind when the call changes the account. */
  async function account(caller: CallerName, fresh: boolean, totp?: "pending" | "enrolled") {
    return fresh ? cast.fresh(caller, caller === "admin" ? "enrolled" : totp) : cast.credentials[caller];
  }

  function evidenceForm(): FormData {
    const form = new FormData();
    const bytes = fixture("progressive.jpg") as Uint8Array<ArrayBuffer>;
    form.append("file", new File([bytes], "so-do.jpg", { type: "image/jpeg" }));
    return form;
  }

  function documentForm(): FormData {
    const form = new FormData();
    form.append("file", new File([fixture("document.pdf") as Uint8Array<ArrayBuffer>], "bien-ban.pdf"));
    form.append("title", "Biên bản làm việc");
    return form;
  }

  const reportPath = (report: FiledReport) => `/reports/${report.trackingCode}`;

  const builders: Record<Operation, Build> = {
    "GET /health": async () => ({ method: "GET", path: "/health" }),
    "GET /categories": async () => ({ method: "GET", path: "/categories" }),
    "GET /units": async () => ({ method: "GET", path: "/units?q=xay" }),
    "GET /challenge": async () => ({ method: "GET", path: "/challenge" }),
    "POST /reports": async () => ({
      method: "POST",
      path: "/reports",
      json: { ...reportBody({ unitId: "so-xay-dung" }), altcha: await solvedAltcha() },
    }),
    "POST /intake/reports": async () => ({
      method: "POST",
      path: "/intake/reports",
      json: { ...reportBody({ unitId: "so-xay-dung" }), channel: "hotline", receivedOn: "2026-06-10" },
    }),
    "GET /public/stats": async () => ({ method: "GET", path: "/public/stats" }),
    "GET /public/stats.csv": async () => ({ method: "GET", path: "/public/stats.csv" }),
    "POST /auth/login": async () => ({
      method: "POST",
      path: "/auth/login",
      json: { email: (await loginUser()).email, password: PASSWORD },
    }),
    "POST /auth/logout": async (caller, fresh) => ({
      method: "POST",
      path: "/auth/logout",
      credentials: await account(caller, fresh),
    }),

    "GET /reports/{trackingCode}": async () => ({ method: "GET", path: reportPath(target) }),
    "POST /reports/{trackingCode}/messages": async () => ({
      method: "POST",
      path: `${reportPath(target)}/messages`,
      json: { body: "Tôi bổ sung: cán bộ hẹn gặp riêng ngoài giờ làm việc." },
    }),
    "POST /reports/{trackingCode}/attachments": async () => ({
      method: "POST",
      path: `${reportPath(target)}/attachments`,
      form: evidenceForm,
    }),
    "POST /reports/{trackingCode}/contest": async (caller) => {
      const { report } = await contestable();
      return {
        method: "POST",
        path: `${reportPath(report)}/contest`,
        json: { reason: "Tôi không đồng ý với kết luận: sự việc vẫn tiếp diễn." },
        // Only a concluded outcome can be contested: its own reporter holds this receipt.
        ...(caller === "owner" ? { credentials: { bearer: report.secret } } : {}),
      };
    },

    "GET /auth/me": async () => ({ method: "GET", path: "/auth/me" }),
    "POST /auth/password": async (caller, fresh) => ({
      method: "POST",
      path: "/auth/password",
      json: { currentPassword: PASSWORD, newPassword: "another-demo-password-long" },
      credentials: await account(caller, fresh),
    }),
    "POST /auth/totp/setup": async (caller, fresh) => ({
      method: "POST",
      path: "/auth/totp/setup",
      credentials: await account(caller, fresh),
      // Already enrolled: setting up a second key is a conflict, not a refusal.
      ...(caller === "admin" ? { okStatus: 409 } : {}),
    }),
    "POST /auth/totp/confirm": async (caller, fresh) => {
      const credentials = await account(caller, fresh, "pending");
      const user = credentials.user;
      return {
        method: "POST",
        path: "/auth/totp/confirm",
        json: { code: user?.totpKey ? totpNow(user) : "000000" },
        credentials,
      };
    },
    "POST /auth/totp/disable": async (caller, fresh) => {
      const credentials = await account(caller, fresh, "enrolled");
      const user = credentials.user;
      return {
        method: "POST",
        path: "/auth/totp/disable",
        json: { code: user?.totpKey ? totpNow(user) : "000000" },
        credentials,
      };
    },

    "GET /admin/users": async () => ({ method: "GET", path: "/admin/users" }),
    "POST /admin/users": async () => ({
      method: "POST",
      path: "/admin/users",
      json: {
        email: `new-${crypto.randomUUID().slice(0, 8)}@test.local`,
        displayName: "Cán bộ mới",
        role: "inspector",
        unitTies: [],
      },
    }),
    "PATCH /admin/users/{id}": async () => ({
      method: "PATCH",
      path: `/admin/users/${(await editedUser()).id}`,
      json: { displayName: "Cán bộ đổi tên" },
    }),
    "POST /admin/users/{id}/reset": async () => ({
      method: "POST",
      path: `/admin/users/${(await resetUser()).id}/reset`,
    }),
    "GET /admin/security": async () => ({ method: "GET", path: "/admin/security" }),
    "PUT /admin/security": async () => ({
      method: "PUT",
      path: "/admin/security",
      json: { totpRequiredRoles: ["admin"] },
    }),

    "GET /admin/holidays": async () => ({ method: "GET", path: "/admin/holidays?year=2031" }),
    "PUT /admin/holidays/{date}": async () => ({
      method: "PUT",
      path: "/admin/holidays/2031-03-03",
      json: { kind: "holiday", nameVi: "Ngày nghỉ thử", nameEn: "Test day off" },
    }),
    "DELETE /admin/holidays/{date}": async (_caller, fresh) => ({
      method: "DELETE",
      path: `/admin/holidays/${fresh ? await storedHoliday() : await sharedHoliday()}`,
    }),
    "POST /admin/holidays/{year}/confirm": async () => ({ method: "POST", path: "/admin/holidays/2032/confirm" }),
    "GET /admin/settings": async () => ({ method: "GET", path: "/admin/settings" }),
    "PATCH /admin/settings": async () => ({
      method: "PATCH",
      path: "/admin/settings",
      json: { "retention.evidence_months": 30 },
    }),
    "GET /admin/units": async () => ({ method: "GET", path: "/admin/units?status=all" }),
    "GET /admin/units/{id}": async () => ({ method: "GET", path: `/admin/units/${await unitToChange(false)}` }),
    "POST /admin/units": async () => ({
      method: "POST",
      path: "/admin/units",
      json: { name: `Phòng mới ${crypto.randomUUID().slice(0, 8)}`, kind: "department", sector: "general" },
    }),
    "PATCH /admin/units/{id}": async (_caller, fresh) => ({
      method: "PATCH",
      path: `/admin/units/${await unitToChange(fresh)}`,
      json: { name: `Phòng đổi tên ${crypto.randomUUID().slice(0, 8)}` },
    }),
    "POST /admin/units/{id}/merge": async (_caller, fresh) => ({
      method: "POST",
      path: `/admin/units/${await unitToChange(fresh)}/merge`,
      json: { successorId: await directoryUnit(), effectiveOn: "2099-01-01" },
    }),
    "POST /admin/units/{id}/split": async (_caller, fresh) => ({
      method: "POST",
      path: `/admin/units/${await unitToChange(fresh)}/split`,
      json: { successors: [{ id: await directoryUnit() }, { id: await directoryUnit() }], effectiveOn: "2099-01-01" },
    }),
    "POST /admin/units/{id}/retire": async (_caller, fresh) => ({
      method: "POST",
      path: `/admin/units/${await unitToChange(fresh)}/retire`,
      json: { effectiveOn: "2099-01-01" },
    }),

    "GET /leads": async () => ({ method: "GET", path: "/leads?limit=100" }),
    "GET /leads.csv": async () => ({ method: "GET", path: "/leads.csv?status=new" }),
    "GET /leads/{id}": async () => ({ method: "GET", path: `/leads/${await sharedLead()}` }),
    "POST /leads/{id}/transitions": async (_caller, fresh) => ({
      method: "POST",
      path: `/leads/${fresh ? await lead(targetUnit) : await sharedLead()}/transitions`,
      json: { to: "in_review" },
    }),
    "POST /leads/{id}/notes": async () => ({
      method: "POST",
      path: `/leads/${await sharedLead()}/notes`,
      json: { body: "Đã gọi điện xác minh với bộ phận một cửa." },
    }),
    "POST /leads/{id}/messages": async () => ({
      method: "POST",
      path: `/leads/${await targetLead()}/messages`,
      json: { body: "Xin ông/bà cho biết thời điểm cụ thể cán bộ đề nghị khoản tiền." },
    }),
    "POST /leads/{id}/reports/{trackingCode}/contact": async () => ({
      method: "POST",
      path: `/leads/${await targetLead()}/reports/${target.trackingCode}/contact`,
      json: { reason: "Gọi lại để xác minh thời điểm" },
    }),
    "GET /leads/{id}/reports/{trackingCode}/contact": async () => ({
      method: "GET",
      path: `/leads/${await targetLead()}/reports/${target.trackingCode}/contact?reason=${encodeURIComponent("Gọi lại để xác minh thời điểm")}`,
    }),
    // Each caller takes a lead for themselves: inspectors may take an unassigned lead, supervisors assign anyone.
    "POST /leads/{id}/assignment": async (caller, fresh) => ({
      method: "POST",
      path: `/leads/${fresh ? await lead(targetUnit) : await sharedLead()}/assignment`,
      json: { assigneeId: cast.credentials[caller].user?.id ?? "nobody" },
    }),
    "POST /leads/bulk/assign": async (_caller, fresh) => ({
      method: "POST",
      path: "/leads/bulk/assign",
      json: {
        leadIds: [fresh ? await lead(targetUnit) : await sharedLead()],
        assigneeId: cast.credentials.inspector.user?.id ?? "nobody",
      },
    }),
    "POST /leads/bulk/merge": async (_caller, fresh) => {
      const [targetId, leadId] = fresh
        ? [await lead(targetUnit), await lead(targetUnit)]
        : [await sharedLead(), await sharedMergeSource()];
      return { method: "POST", path: "/leads/bulk/merge", json: { leadIds: [leadId], targetId } };
    },
    "GET /leads/{id}/attachments/{attachmentId}": async () => ({
      method: "GET",
      path: `/leads/${await targetLead()}/attachments/${await evidence()}`,
    }),
    "POST /leads/{id}/contest-resolution": async (_caller, fresh) => ({
      method: "POST",
      path: `/leads/${await contested(fresh)}/contest-resolution`,
      json: { decision: "uphold", reason: "Đã đối chiếu lại hồ sơ; không có tình tiết mới." },
    }),
    "POST /leads/{id}/extension": async (_caller, fresh) => ({
      method: "POST",
      path: `/leads/${fresh ? await lead(targetUnit) : await sharedLead()}/extension`,
      json: { workingDays: 3, reason: "Cần thêm thời gian xác minh với bộ phận một cửa." },
    }),
    "POST /leads/{id}/routing": async (_caller, fresh) => ({
      method: "POST",
      path: `/leads/${fresh ? await lead(targetUnit) : await sharedLead()}/routing`,
      json: { categoryCode: "delay", reason: "Nội dung là chậm trễ giải quyết hồ sơ, không phải nhũng nhiễu." },
    }),
    "POST /leads/{id}/reports/{trackingCode}/routing": async (_caller, fresh) => {
      const { leadId, trackingCodes } = await twoReports(fresh);
      return {
        method: "POST",
        path: `/leads/${leadId}/reports/${trackingCodes[1]}/routing`,
        json: { categoryCode: "conduct", reason: "Phản ánh này về thái độ của cán bộ, là việc khác." },
      };
    },
    "POST /leads/{id}/reports/{trackingCode}/split": async (_caller, fresh) => {
      const { leadId, trackingCodes } = await twoReports(fresh);
      return {
        method: "POST",
        path: `/leads/${leadId}/reports/${trackingCodes[1]}/split`,
        json: { reason: "Hai phản ánh về hai lần nộp hồ sơ khác nhau." },
      };
    },
    "GET /staff": async () => ({ method: "GET", path: `/staff?unitId=${targetUnit}` }),

    "GET /inspections": async () => ({ method: "GET", path: "/inspections" }),
    "POST /inspections": async () => ({
      method: "POST",
      path: "/inspections",
      json: inspectionBody(targetUnit, { team: onTeam }),
    }),
    "GET /inspections/{id}": async () => ({ method: "GET", path: `/inspections/${await plannedVisit(false)}` }),
    "PATCH /inspections/{id}": async () => ({
      method: "PATCH",
      path: `/inspections/${await plannedVisit(false)}`,
      json: { scope: "Xác minh việc tiếp nhận hồ sơ và thu phí ngoài quy định" },
    }),
    "POST /inspections/{id}/split": async (_caller, fresh) => {
      const visit = await splittable(fresh);
      return {
        method: "POST",
        path: `/inspections/${visit.id}/split`,
        json: { leadIds: [visit.moving], plannedStart: "2027-04-05", plannedEnd: "2027-04-07" },
      };
    },
    "POST /inspections/{id}/start": async (_caller, fresh) => ({
      method: "POST",
      path: `/inspections/${await plannedVisit(fresh)}/start`,
    }),
    "POST /inspections/{id}/assignment": async (caller, fresh) => ({
      method: "POST",
      path: `/inspections/${await plannedVisit(fresh)}/assignment`,
      json: { assigneeId: cast.credentials[caller].user?.id ?? "nobody" },
    }),
    "POST /inspections/{id}/cancel": async (_caller, fresh) => ({
      method: "POST",
      path: `/inspections/${await plannedVisit(fresh)}/cancel`,
      json: { reason: "Đơn vị đang sáp nhập, chuyển sang đợt kiểm tra sau." },
    }),
    "PUT /inspections/{id}/findings/{leadId}": async () => {
      const visit = await readyToConclude(false);
      return { method: "PUT", path: `/inspections/${visit.id}/findings/${visit.leadId}`, json: findingBody() };
    },
    "POST /inspections/{id}/documents": async () => ({
      method: "POST",
      path: `/inspections/${await plannedVisit(false)}/documents`,
      form: documentForm,
    }),
    "GET /inspections/{id}/documents/{docId}": async () => ({
      method: "GET",
      path: `/inspections/${await plannedVisit(false)}/documents/${await document()}`,
    }),
    "POST /inspections/{id}/conclusion": async (_caller, fresh) => {
      const visit = await readyToConclude(fresh);
      return {
        method: "POST",
        path: `/inspections/${visit.id}/conclusion`,
        json: conclusionBody([
          { responsibleUnitId: visit.unitId, description: "Chấn chỉnh tiếp nhận hồ sơ", deadline: MEASURE_DEADLINE },
        ]),
      };
    },
    "GET /plan": async () => ({ method: "GET", path: "/plan?year=2027" }),
    "POST /plan/{year}/build": async () => ({ method: "POST", path: "/plan/2099/build" }),

    "GET /measures": async () => ({ method: "GET", path: "/measures" }),
    "POST /measures/{id}/response": async () => ({
      method: "POST",
      path: `/measures/${(await measures()).open}/response`,
      json: { response: "Đơn vị đã niêm yết thủ tục tại bộ phận một cửa." },
    }),
    "POST /measures/{id}/extension": async () => ({
      method: "POST",
      path: `/measures/${(await measures()).open}/extension`,
      json: { workingDays: 5, reason: "Đơn vị đề nghị gia hạn do cần phối hợp liên ngành." },
    }),
    "POST /measures/{id}/verify": async (_caller, fresh) => ({
      method: "POST",
      path: `/measures/${await toVerify(fresh)}/verify`,
    }),
    "POST /measures/{id}/reject": async (_caller, fresh) => ({
      method: "POST",
      path: `/measures/${await toReject(fresh)}/reject`,
      json: { reason: "Báo cáo chưa kèm tài liệu chứng minh việc niêm yết." },
    }),

    "GET /exports/personnel.csv": async () => ({
      method: "GET",
      path: "/exports/personnel.csv?from=2026-01-01&to=2027-12-31",
    }),

    "GET /admin/api-clients": async () => ({ method: "GET", path: "/admin/api-clients" }),
    "POST /admin/api-clients": async () => ({
      method: "POST",
      path: "/admin/api-clients",
      json: { name: "Ứng dụng thử của ma trận", requestsPerHour: 30, publicApp: false },
    }),
    "PATCH /admin/api-clients/{id}": async (_caller, fresh) => ({
      method: "PATCH",
      path: `/admin/api-clients/${await apiClient(fresh)}`,
      json: { requestsPerHour: 45 },
    }),
    "POST /admin/api-clients/{id}/revoke": async (_caller, fresh) => ({
      method: "POST",
      path: `/admin/api-clients/${await apiClient(fresh)}/revoke`,
    }),
    "GET /unit/measures/{id}": async () => ({ method: "GET", path: `/unit/measures/${(await measures()).open}` }),
    "GET /unit/leads": async () => ({ method: "GET", path: "/unit/leads" }),
    "POST /measures/{id}/documents": async () => ({
      method: "POST",
      path: `/measures/${(await measures()).open}/documents`,
      form: documentForm,
    }),
    "GET /measures/{id}/documents/{docId}": async () => ({
      method: "GET",
      path: `/measures/${(await measures()).open}/documents/${await measureDocument()}`,
    }),
    "POST /measures/{id}/extension-request": async () => ({
      method: "POST",
      path: `/measures/${(await measures()).open}/extension-request`,
      json: { reason: "Đơn vị cần thêm thời gian để phối hợp với các phòng chuyên môn." },
    }),
    "GET /me/notifications": async () => ({ method: "GET", path: "/me/notifications" }),
    "PUT /me/notifications": async (caller) => ({
      method: "PUT",
      path: "/me/notifications",
      // Each role turns on a kind it receives (a liaison's kinds are the measures').
      json: {
        items: [
          { kind: caller.startsWith("liaison") ? "measure.deadline_soon" : "lead.reporter_replied", enabled: true },
        ],
      },
    }),
    "GET /admin/notifications": async () => ({ method: "GET", path: "/admin/notifications?status=dead" }),
    "POST /redactions/preview": async () => ({
      method: "POST",
      path: "/redactions/preview",
      json: { text: "Chị Lan ở bộ phận một cửa gọi 0912 345 678 đòi tiền." },
    }),
  };

  /** A dismissal proposed by `by` (the matrix inspector unless said), on a fresh lead. */
  async function proposed(by: CallerName = "inspector"): Promise<string> {
    const id = await lead(targetUnit, "in_review");
    const res = await call(cast.credentials[by].cookie, `/api/leads/${id}/transitions`, {
      method: "POST",
      body: PROPOSAL,
    });
    if (res.status !== 200) throw new Error(`proposal answered ${res.status}: ${await res.text()}`);
    return id;
  }

  const STEPS: Record<TransitionStep, (caller: CallerName) => Promise<{ id: string; json: unknown }>> = {
    review: async () => ({ id: await lead(targetUnit), json: { to: "in_review" } }),
    request_info: async () => ({ id: await lead(targetUnit, "in_review"), json: { to: "info_requested" } }),
    resume: async () => ({ id: await lead(targetUnit, "info_requested"), json: { to: "in_review" } }),
    refer: async () => ({ id: await lead(targetUnit, "in_review"), json: { to: "referred" } }),
    propose_dismissal: async () => ({ id: await lead(targetUnit, "in_review"), json: PROPOSAL }),
    approve_dismissal: async () => ({ id: await proposed(), json: { to: "dismissed" } }),
    approve_own_dismissal: async (caller) => ({ id: await proposed(caller), json: { to: "dismissed" } }),
    send_back: async () => ({
      id: await proposed(),
      json: { to: "in_review", reason: "Cần xác minh thêm với người phản ánh." },
    }),
    merge: async () => ({
      id: await lead(targetUnit),
      json: { to: "merged", targetLeadId: await lead(targetUnit) },
    }),
    reopen: async () => ({
      id: await lead(targetUnit, "dismissed"),
      json: { to: "in_review", reason: "Người phản ánh cung cấp tình tiết mới." },
    }),
    forward: async () => ({
      id: await lead(targetUnit, "in_review"),
      json: {
        to: "forwarded",
        reason: "Nội dung thuộc thẩm quyền của Thanh tra Sở Xây dựng.",
        forwardedTo: { name: "Thanh tra Sở Xây dựng" },
      },
    }),
  };

  async function transition(step: TransitionStep, caller: CallerName): Promise<Outgoing> {
    const { id, json } = await STEPS[step](caller);
    return { method: "POST", path: `/leads/${id}/transitions`, json };
  }

  async function populate(): Promise<void> {
    await targetLead();
    await sharedLead();
    await plannedVisit(false);
    await measures();
  }

  return { cast, hidden, populate, builders, transition };
}
