import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { ProblemSchema } from "../../src/contracts/common";
import { type LeadDetail, LeadDetailSchema, type LeadList, LeadListSchema } from "../../src/contracts/leads";
import type { ReportCreateInput } from "../../src/contracts/reports";
import type { Role } from "../../src/domain/auth-policy";
import { fold } from "../../src/domain/text";
import { fixture } from "../fixtures";
import { asUser, createUser, login, ORIGIN, type TestUser } from "./accounts";
import { type FiledReport, fileReport } from "./reports";

/**
 * Helpers for the triage tests. D1 rows outlive a test within a file, so
 * every scenario builds its own units (a fresh ward clusters nothing but its
 * own reports) and sends from its own client address (rate-limit rows
 * outlive a test too).
 */

/** A unit inserted for one scenario. */
export interface TestUnit {
  id: string;
  name: string;
}

/**
 * Inserts a fresh unit, by default a ward called "Phường Đống Đa" under the
 * city (`insertUnits` must have run for the parent to exist).
 *
 * @example
 * const ward = await createUnit();
 * const office = await createUnit({ name: "Bộ phận một cửa", kind: "agency", parentId: ward.id });
 */
export async function createUnit(
  options: { name?: string; kind?: "department" | "agency" | "ward" | "commune"; parentId?: string } = {},
): Promise<TestUnit> {
  const id = `t-${crypto.randomUUID().slice(0, 12)}`;
  const name = options.name ?? "Phường Đống Đa";
  await env.DB.prepare("INSERT INTO units (id, name, name_folded, kind, parent_id) VALUES (?, ?, ?, ?, ?)")
    .bind(id, name, fold(name), options.kind ?? "ward", options.parentId ?? "ha-noi")
    .run();
  return { id, name };
}

/** A fresh ward and a sub-unit of it (its one-stop desk), for recusal through the hierarchy. */
export async function createWardWithDesk(): Promise<{ ward: TestUnit; desk: TestUnit }> {
  const ward = await createUnit();
  const desk = await createUnit({ name: "Bộ phận Một cửa Phường Đống Đa", kind: "agency", parentId: ward.id });
  return { ward, desk };
}

/** A client address never used before (IPv6 documentation range). */
export function freshIp(): string {
  const hex = crypto.randomUUID().replaceAll("-", "");
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}:${hex.slice(12, 16)}::1`;
}

/** The bribe demand of the acceptance scenario, as three reporters put it. */
export const BRIBE_TEXTS = [
  "Cán bộ địa chính phường Đống Đa đòi 2 triệu đồng 'bồi dưỡng' mới nhận hồ sơ cấp sổ đỏ của gia đình tôi.",
  "Tôi nộp hồ sơ xin cấp sổ đỏ tại phường Đống Đa, cán bộ địa chính gợi ý phải có 2 triệu tiền bồi dưỡng thì mới nhận hồ sơ.",
  "Nhân viên địa chính ở phường đòi tiền bồi dưỡng hai triệu, không đưa thì không nhận hồ sơ cấp giấy chứng nhận cho chúng tôi.",
] as const;

export const LAND_PROCEDURE = "Cấp giấy chứng nhận quyền sử dụng đất";

export const RUDENESS_TEXT =
  "Cán bộ bộ phận một cửa phường Đống Đa quát nạt, nói năng thiếu tôn trọng khi tôi hỏi về thời gian trả kết quả.";

/** Files a report about `unitId` from a fresh client address. */
export function fileAbout(
  unitId: string,
  overrides: Partial<ReportCreateInput> = {},
  ip: string = freshIp(),
): Promise<FiledReport> {
  return fileReport({ unitId, ...overrides }, { headers: { "CF-Connecting-IP": ip } });
}

/** Files a bribery report about `unitId` (first wording, land procedure, a date). */
export function fileBribe(unitId: string, overrides: Partial<ReportCreateInput> = {}): Promise<FiledReport> {
  return fileAbout(unitId, {
    categoryCode: "bribery",
    description: BRIBE_TEXTS[0],
    procedure: LAND_PROCEDURE,
    occurredOn: "2026-01-12",
    ...overrides,
  });
}

/** The stored report row (snake_case columns). */
export async function reportRow(trackingCode: string): Promise<Record<string, unknown>> {
  const row = await env.DB.prepare("SELECT * FROM reports WHERE tracking_code = ?")
    .bind(trackingCode)
    .first<Record<string, unknown>>();
  if (!row) throw new Error(`no report ${trackingCode}`);
  return row;
}

/** The lead a report was placed in. */
export async function leadIdOf(trackingCode: string): Promise<string> {
  const leadId = (await reportRow(trackingCode)).lead_id;
  if (typeof leadId !== "string") throw new Error(`report ${trackingCode} has no lead`);
  return leadId;
}

/** Uploads the progressive JPEG sample as evidence, as the reporter; returns the attachment id. */
export async function uploadEvidence(report: FiledReport, ip: string = freshIp()): Promise<string> {
  const form = new FormData();
  form.append(
    "file",
    new File([fixture("progressive.jpg") as Uint8Array<ArrayBuffer>], "so-do.jpg", { type: "image/jpeg" }),
  );
  const res = await SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}/attachments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${report.secret}`, "CF-Connecting-IP": ip },
    body: form,
  });
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A signed-in account. */
export interface Session {
  user: TestUser;
  cookie: string;
}

/** Creates an account and signs it in. */
export async function signIn(role: Role, options: { ties?: string[]; unitId?: string } = {}): Promise<Session> {
  const user = await createUser(role, options);
  return { user, cookie: await login(user) };
}

/** A request to the API as a signed-in user (or anonymously with `cookie` undefined). */
export function call(
  cookie: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const base: RequestInit = {
    method: init.method ?? "GET",
    headers: init.headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  };
  const request = cookie ? asUser(cookie, base) : base;
  const headers = new Headers(request.headers);
  if (init.body !== undefined && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  return SELF.fetch(`${ORIGIN}${path}`, { ...request, headers });
}

/** `GET /api/leads` with a query, checked against the contract. */
export async function listLeads(
  cookie: string,
  query: Record<string, string | number | boolean> = {},
): Promise<LeadList> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await call(cookie, `/api/leads?${params}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return LeadListSchema.parse(await res.json());
}

/** Every lead of the queue for a query, following `nextCursor` to the end. */
export async function listAllLeads(
  cookie: string,
  query: Record<string, string | number | boolean> = {},
): Promise<LeadList["items"]> {
  const items: LeadList["items"] = [];
  let cursor: string | null = null;
  do {
    const page: LeadList = await listLeads(cookie, { limit: 100, ...query, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** `GET /api/leads/{id}`, expected to succeed, checked against the contract. */
export async function getLead(cookie: string, id: string): Promise<LeadDetail> {
  const res = await call(cookie, `/api/leads/${id}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return LeadDetailSchema.parse(await res.json());
}

/** `POST /api/leads/{id}/transitions`. */
export function postTransition(
  cookie: string,
  id: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return call(cookie, `/api/leads/${id}/transitions`, { method: "POST", body, headers });
}

/** A transition expected to succeed; returns the lead after it. */
export async function moveLead(cookie: string, id: string, body: Record<string, unknown>): Promise<LeadDetail> {
  const res = await postTransition(cookie, id, body);
  expect(res.status, await res.clone().text()).toBe(200);
  return LeadDetailSchema.parse(await res.json());
}

/** A problem response with the expected status, parsed. */
export async function expectProblem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  return ProblemSchema.parse(await res.json());
}

/** A problem body without its per-request id, to compare two answers. */
export function withoutRequestId<T extends { requestId: string }>(problem: T): Omit<T, "requestId"> {
  const { requestId: _requestId, ...rest } = problem;
  return rest;
}

/** Audit rows about a target, oldest first. */
export async function auditRows(
  targetId: string,
): Promise<{ id: string; action: string; actor_id: string | null; actor_kind: string; summary: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, action, actor_id, actor_kind, summary FROM audit_log WHERE target_id = ? ORDER BY at, rowid",
  )
    .bind(targetId)
    .all<{ id: string; action: string; actor_id: string | null; actor_kind: string; summary: string }>();
  return results;
}

/**
 * Inserts a lead straight into D1, for queue tests that need exact priorities
 * and statuses without filing reports.
 */
export async function insertLead(options: {
  unitId: string;
  priority: number;
  status?: string;
  categoryCode?: string;
  overdue?: boolean;
  id?: string;
}): Promise<string> {
  const id = options.id ?? crypto.randomUUID();
  const at = new Date().toISOString();
  const factors = JSON.stringify([{ name: "severity", value: options.priority }]);
  await env.DB.prepare(
    `INSERT INTO leads (id, unit_id, category_code, status, priority, score_factors, severity, report_count,
       opened_at, last_report_at, ack_due_at, due_at, overdue_since, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 3, 1, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      options.unitId,
      options.categoryCode ?? "harassment",
      options.status ?? "new",
      options.priority,
      factors,
      at,
      at,
      at,
      at,
      options.overdue ? at : null,
      at,
    )
    .run();
  return id;
}
