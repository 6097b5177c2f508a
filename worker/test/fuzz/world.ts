import { env, SELF } from "cloudflare:test";
import { fold } from "../../src/domain/text";
import { createUser, ORIGIN, PASSWORD, type TestUser } from "../support/accounts";
import { solvedAltcha } from "../support/altcha";
import { insertUnits } from "../support/fixtures";
import {
  concludedWith,
  contest,
  createInspection,
  inspectionBody,
  inspectionReadyToConclude,
  referredLead,
  uploadDocument,
} from "../support/inspections";
import {
  createUnit,
  fileAbout,
  fileBribe,
  insertLead,
  leadIdOf,
  moveLead,
  RUDENESS_TEXT,
  uploadEvidence,
} from "../support/leads";
import type { FiledReport } from "../support/reports";

/**
 * Real accounts, sessions and resources for the fuzzer, so that some of its
 * requests get past authentication and lookups into the handlers' deeper code.
 */

/** Who sends a request: nobody, or a signed-in account of each role. */
export const ACTORS = ["anonymous", "inspector", "inspectorTied", "supervisor", "admin"] as const;
export type ActorName = (typeof ACTORS)[number];
type SignedIn = Exclude<ActorName, "anonymous">;

/** A signed-in account whose cookie the fuzzer sends. */
export interface FuzzSession {
  user: TestUser;
  cookie: string;
}

/**
 * A coherent set of real path parameters, the receipt whose secret opens
 * them when there is one, and body values that only make sense with them
 * (the leads a split may move).
 */
export interface RealParams {
  values: Record<string, string>;
  report?: FiledReport;
  body?: Record<string, string | string[]>;
}

/** What exists in D1 and R2 before the first hostile request. */
export interface FuzzWorld {
  sessions: Record<SignedIn, FuzzSession>;
  /** Accounts nobody signs in with: the admin routes and the login form may change them at will. */
  victims: TestUser[];
  staffIds: string[];
  /** An inspector who may join any team (no unit ties). */
  teamMemberId: string;
  unitIds: string[];
  reports: FiledReport[];
  leadIds: string[];
  /** A receipt no other case uses, so its evidence quota is free when the oversized uploads come. */
  spareReport: FiledReport;
  /** Solved ALTCHA payloads; each is spent by the first report it files. */
  altcha: string[];
  /** Real path parameters per `METHOD /path` or, for every method, per `/path` (OpenAPI templates). */
  params: Map<string, RealParams[]>;
}

/** The real path parameters for an operation, best first (an empty list when it takes none). */
export function realParams(world: FuzzWorld, op: { method: string; path: string }): RealParams[] {
  return world.params.get(`${op.method} ${op.path}`) ?? world.params.get(op.path) ?? [];
}

/** The address the fuzzer's own logins come from, kept apart from the addresses it fuzzes with. */
const SETUP_IP = "2001:db8:f022::1";

async function signInAs(user: TestUser): Promise<string> {
  const res = await SELF.fetch(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "CF-Connecting-IP": SETUP_IP },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`fuzz setup: login of ${user.email} answered ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function session(role: TestUser["role"], ties: string[] = []): Promise<FuzzSession> {
  const user = await createUser(role, { ties });
  return { user, cookie: await signInAs(user) };
}

/**
 * A lead with 120 reports written straight into D1 (filing them through the
 * API would take minutes): past D1's 100 bound parameters if any query binds
 * a lead's report ids one by one.
 */
async function bigLead(unitId: string): Promise<string> {
  const leadId = await insertLead({ unitId, priority: 50, categoryCode: "delay" });
  const at = new Date().toISOString();
  const description = "Hồ sơ bị trả lại nhiều lần mà không có lý do bằng văn bản.";
  const statements = Array.from({ length: 120 }, (_, i) =>
    env.DB.prepare(
      `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, reporter_kind,
         status, lead_id, description_folded, received_at, updated_at)
       VALUES (?, ?, ?, 'anonymous', ?, 'delay', ?, 'citizen', 'received', ?, ?, ?, ?)`,
    ).bind(
      crypto.randomUUID(),
      `PA-BIG${String(i).padStart(3, "0")}-FZ`,
      "0".repeat(64),
      unitId,
      description,
      leadId,
      fold(description),
      at,
      at,
    ),
  );
  await env.DB.batch(statements);
  return leadId;
}

/**
 * Builds the world: the test directory of units plus fresh ones, one account
 * per role (and an inspector tied to Phường Đống Đa), receipts, leads in
 * several states, an attachment, inspections planned, started and concluded,
 * a document, measures, a contested outcome and a lead of 120 reports.
 */
export async function buildWorld(): Promise<FuzzWorld> {
  await insertUnits(env.DB);
  const sessions: Record<SignedIn, FuzzSession> = {
    inspector: await session("inspector"),
    inspectorTied: await session("inspector", ["phuong-dong-da"]),
    supervisor: await session("supervisor"),
    admin: await session("admin"),
  };
  const victims = [await createUser("inspector"), await createUser("supervisor"), await createUser("admin")];
  const supervisor = { user: sessions.supervisor.user, cookie: sessions.supervisor.cookie };
  const ward = await createUnit();
  const desk = await createUnit({ name: "Bộ phận Một cửa", kind: "agency", parentId: ward.id });

  const bribes = [await fileBribe(ward.id), await fileBribe(ward.id)];
  const named = await fileAbout("phuong-dong-da", {
    track: "named",
    contact: { name: "Nguyễn Văn A", email: "a@example.vn", phone: "0912345678" },
  });
  const plain = await fileAbout("so-xay-dung");
  const spareReport = await fileAbout("so-xay-dung");
  const bribeLead = await leadIdOf((bribes[0] as FiledReport).trackingCode);
  const namedLead = await leadIdOf(named.trackingCode);
  const plainLead = await leadIdOf(plain.trackingCode);
  const attachmentId = await uploadEvidence(plain);

  // Each state-changing inspection route gets its own inspection, so that one route's
  // successes (a new team, a cancellation, a conclusion) do not starve the next route.
  const team = [{ userId: sessions.inspector.user.id, role: "member" as const }];
  const planned = async (leads: 1 | 2) => {
    const unitId = (await createUnit()).id;
    const first = await referredLead(supervisor, unitId);
    const leadIds = [first.leadId];
    if (leads === 2) {
      const second = await fileAbout(unitId, { categoryCode: "conduct", description: RUDENESS_TEXT });
      const secondLead = await leadIdOf(second.trackingCode);
      await moveLead(supervisor.cookie, secondLead, { to: "in_review" });
      await moveLead(supervisor.cookie, secondLead, { to: "referred" });
      leadIds.push(secondLead);
    }
    const created = await createInspection(supervisor.cookie, inspectionBody(unitId, { leadIds, team }));
    return { id: created.id, leadId: first.leadId, leadIds, report: first.report };
  };
  const toPatch = await planned(1);
  const toStart = await planned(1);
  const toCancel = await planned(1);
  const toSplit = await planned(2);
  const started = await inspectionReadyToConclude(supervisor, (await createUnit()).id, { team });
  const toConclude = await inspectionReadyToConclude(supervisor, (await createUnit()).id, { team });
  const upload = await uploadDocument(supervisor.cookie, started.inspection.id);
  if (upload.status !== 201) throw new Error(`fuzz setup: document upload answered ${upload.status}`);
  const docId = ((await upload.json()) as { id: string }).id;
  const concludedUnit = (await createUnit()).id;
  const concluded = await concludedWith(supervisor, concludedUnit, [
    { responsibleUnitId: concludedUnit, description: "Niêm yết công khai thủ tục", deadline: "2099-12-31" },
    { responsibleUnitId: concludedUnit, description: "Tập huấn cán bộ một cửa", deadline: "2099-06-30" },
  ]);
  const contestRes = await contest(concluded.report, "Tôi không đồng ý với kết luận vì chưa ai liên hệ với tôi.");
  if (contestRes.status !== 201) throw new Error(`fuzz setup: contest answered ${contestRes.status}`);
  const big = await bigLead(ward.id);

  const reports = [...bribes, named, plain, toPatch.report, started.report, concluded.report];
  const leadIds = [bribeLead, namedLead, plainLead, toPatch.leadId, started.leadId, concluded.leadId, big];
  const ids = (...list: string[]) => list.map((id) => ({ values: { id } }));
  const measureIds = concluded.inspection.measures.map((m) => m.id);
  const admin = sessions.admin.user;
  const apiClientIds = [crypto.randomUUID(), crypto.randomUUID()];
  for (const id of apiClientIds) {
    await env.DB.prepare(
      "INSERT INTO api_clients (id, name, key_hash, key_prefix, requests_per_hour, created_at) VALUES (?, ?, ?, ?, 30, ?)",
    )
      .bind(
        id,
        `Ứng dụng ${id.slice(0, 8)}`,
        id.replaceAll("-", "").padEnd(64, "0"),
        "pacv_fuz",
        new Date().toISOString(),
      )
      .run();
  }

  const byCode = (report: FiledReport): RealParams => ({ values: { trackingCode: report.trackingCode }, report });
  const params = new Map<string, RealParams[]>([
    ["/api/reports/{trackingCode}", reports.map(byCode)],
    ["/api/reports/{trackingCode}/messages", reports.map(byCode)],
    ["/api/reports/{trackingCode}/contest", reports.map(byCode)],
    ["/api/reports/{trackingCode}/attachments", reports.map(byCode)],
    ["/api/admin/users/{id}", [...victims, admin].map((u) => ({ values: { id: u.id } }))],
    ["/api/admin/users/{id}/reset", victims.map((u) => ({ values: { id: u.id } }))],
    ["/api/admin/holidays/{date}", ["2036-03-03", "2036-01-01", "2036-03-08"].map((date) => ({ values: { date } }))],
    ["/api/admin/holidays/{year}/confirm", ["2036", "2037"].map((year) => ({ values: { year } }))],
    ["/api/leads/{id}", leadIds.map((id) => ({ values: { id } }))],
    ["/api/leads/{id}/transitions", leadIds.map((id) => ({ values: { id } }))],
    ["/api/leads/{id}/notes", leadIds.map((id) => ({ values: { id } }))],
    ["/api/leads/{id}/messages", leadIds.map((id) => ({ values: { id } }))],
    ["/api/leads/{id}/assignment", leadIds.map((id) => ({ values: { id } }))],
    ["/api/leads/{id}/contest-resolution", [concluded.leadId, bribeLead].map((id) => ({ values: { id } }))],
    ["/api/leads/{id}/extension", leadIds.map((id) => ({ values: { id } }))],
    [
      "/api/leads/{id}/reports/{trackingCode}/contact",
      [
        { values: { id: namedLead, trackingCode: named.trackingCode }, report: named },
        { values: { id: namedLead, trackingCode: named.trackingCode.toLowerCase() }, report: named },
        { values: { id: plainLead, trackingCode: plain.trackingCode }, report: plain },
      ],
    ],
    ["/api/leads/{id}/attachments/{attachmentId}", [{ values: { id: plainLead, attachmentId } }]],
    ["/api/leads/{id}/routing", leadIds.map((id) => ({ values: { id } }))],
    ...["/api/leads/{id}/reports/{trackingCode}/routing", "/api/leads/{id}/reports/{trackingCode}/split"].map(
      (path): [string, RealParams[]] => [
        path,
        bribes.map((report) => ({ values: { id: bribeLead, trackingCode: report.trackingCode }, report })),
      ],
    ),
    ["GET /api/inspections/{id}", ids(started.inspection.id, toPatch.id, concluded.inspection.id)],
    ["PATCH /api/inspections/{id}", ids(toPatch.id, concluded.inspection.id)],
    [
      "/api/inspections/{id}/split",
      [{ values: { id: toSplit.id }, body: { leadIds: toSplit.leadIds.slice(1) } }, ...ids(concluded.inspection.id)],
    ],
    ["/api/inspections/{id}/start", ids(toStart.id, started.inspection.id)],
    ["/api/inspections/{id}/cancel", ids(toCancel.id, concluded.inspection.id)],
    ["/api/inspections/{id}/conclusion", ids(toConclude.inspection.id, concluded.inspection.id)],
    ["/api/inspections/{id}/documents", ids(started.inspection.id, concluded.inspection.id)],
    [
      "/api/inspections/{id}/findings/{leadId}",
      [
        { values: { id: started.inspection.id, leadId: started.leadId } },
        { values: { id: toConclude.inspection.id, leadId: toConclude.leadId } },
        { values: { id: concluded.inspection.id, leadId: concluded.leadId } },
      ],
    ],
    ["/api/inspections/{id}/documents/{docId}", [{ values: { id: started.inspection.id, docId } }]],
    ...[
      "/api/measures/{id}/response",
      "/api/measures/{id}/verify",
      "/api/measures/{id}/reject",
      "/api/measures/{id}/extension",
    ].map((path): [string, RealParams[]] => [path, measureIds.map((id) => ({ values: { id } }))]),
    ["/api/plan/{year}/build", ["2026", "2027", "2000", "2100"].map((year) => ({ values: { year } }))],
    ["/api/admin/api-clients/{id}", ids(...apiClientIds)],
    ["/api/admin/api-clients/{id}/revoke", ids(...apiClientIds)],
  ]);

  return {
    sessions,
    victims,
    staffIds: [...Object.values(sessions).map((s) => s.user.id), ...victims.map((v) => v.id)],
    teamMemberId: sessions.inspector.user.id,
    unitIds: ["so-xay-dung", "so-quy-hoach-kien-truc", "phuong-dong-da", "ha-noi", ward.id, desk.id, concludedUnit],
    reports,
    spareReport,
    leadIds,
    altcha: await Promise.all(Array.from({ length: 40 }, () => solvedAltcha())),
    params,
  };
}

/**
 * Undoes what the fuzzer's own requests may have done to its footing: the
 * TOTP policy (PUT /api/admin/security) and signed-out sessions
 * (POST /api/auth/logout with the real cookie). Returns how many sessions
 * had to sign in again.
 */
export async function heal(world: FuzzWorld): Promise<number> {
  await env.DB.prepare("DELETE FROM settings WHERE key = 'totp_required_roles'").run();
  let renewed = 0;
  for (const s of Object.values(world.sessions)) {
    const me = await SELF.fetch(`${ORIGIN}/api/auth/me`, { headers: { Cookie: s.cookie } });
    await me.body?.cancel();
    if (me.status === 200) continue;
    await env.DB.prepare("UPDATE users SET disabled_at = NULL, totp_enabled_at = NULL WHERE id = ?")
      .bind(s.user.id)
      .run();
    s.cookie = await signInAs(s.user);
    renewed++;
  }
  return renewed;
}
