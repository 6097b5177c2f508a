import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertUnits } from "../support/fixtures";
import {
  auditRows,
  call,
  createUnit,
  expectProblem,
  fileBribe,
  leadIdOf,
  type Session,
  signIn,
} from "../support/leads";

/**
 * `GET /api/leads/{id}/reports/{trackingCode}/contact?reason=…` (issue 12's
 * contract): the lead's assignee and supervisors get the decrypted contact,
 * audited with the reason; any other staff member a 403 problem; recused
 * staff a 404. The reason sits in the URL, so nothing may cache the answer.
 */

const EN = { "Accept-Language": "en" };
const CONTACT = { name: "Lê Thị Hoa", phone: "0912000111" };
const REASON = "Gọi lại để hỏi giờ cán bộ hẹn";

let supervisor: Session;
let assignee: Session;
let other: Session;
let recused: Session;
let id: string;
let code: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  const ward = await createUnit();
  [supervisor, assignee, other, recused] = await Promise.all([
    signIn("supervisor"),
    signIn("inspector"),
    signIn("inspector"),
    signIn("inspector", { ties: [ward.id] }),
  ]);
  const report = await fileBribe(ward.id, { track: "named", contact: CONTACT });
  code = report.trackingCode;
  id = await leadIdOf(code);
  const res = await call(supervisor.cookie, `/api/leads/${id}/assignment`, {
    method: "POST",
    body: { assigneeId: assignee.user.id },
  });
  expect(res.status, await res.clone().text()).toBe(200);
});

function view(session: Session, reason: string | null = REASON, headers: Record<string, string> = {}) {
  const query = reason === null ? "" : `?reason=${encodeURIComponent(reason)}`;
  return call(session.cookie, `/api/leads/${id}/reports/${code}/contact${query}`, { headers });
}

async function views(): Promise<unknown[][]> {
  return (await auditRows(id))
    .filter((r) => r.action === "report.contact_viewed")
    .map((r) => [r.actor_id, JSON.parse(r.summary)]);
}

describe("GET /api/leads/{id}/reports/{trackingCode}/contact", () => {
  it("decrypts for the assignee and a supervisor, audits each view with its reason, and is never cached", async () => {
    for (const session of [assignee, supervisor]) {
      const res = await view(session);
      expect(res.status, await res.clone().text()).toBe(200);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(await res.json()).toEqual({ contact: CONTACT });
    }
    expect(await views()).toEqual([
      [assignee.user.id, { trackingCode: code, reason: REASON }],
      [supervisor.user.id, { trackingCode: code, reason: REASON }],
    ]);
  });

  it("answers null for a report without contact details, still audited", async () => {
    const ward = await createUnit();
    const anonymous = await fileBribe(ward.id);
    const leadId = await leadIdOf(anonymous.trackingCode);
    const res = await call(
      supervisor.cookie,
      `/api/leads/${leadId}/reports/${anonymous.trackingCode}/contact?reason=${encodeURIComponent(REASON)}`,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ contact: null });
    expect((await auditRows(leadId)).map((r) => r.action)).toContain("report.contact_viewed");
  });

  it("needs a reason: 422 at /reason in Vietnamese or English, nothing audited", async () => {
    const before = (await views()).length;
    const missing = await expectProblem(await view(supervisor, null), 422);
    expect(missing.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    const short = await expectProblem(await view(supervisor, "  ab ", EN), 422);
    expect(short.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    expect(missing.errors?.[0]?.message).not.toBe(short.errors?.[0]?.message);
    expect(await views()).toHaveLength(before);
  });

  it("answers 404 for an unknown report of the lead", async () => {
    await expectProblem(
      await call(
        supervisor.cookie,
        `/api/leads/${id}/reports/PA-0000-0000/contact?reason=${encodeURIComponent(REASON)}`,
      ),
      404,
    );
  });
});

describe("who may not see a contact", () => {
  it("refuses another inspector with a 403 problem in Vietnamese or English, and audits nothing", async () => {
    const before = (await views()).length;
    const vi = await expectProblem(await view(other), 403);
    expect(vi.detail).toBe(
      "Chỉ cán bộ được giao đầu mối hoặc lãnh đạo mới xem được thông tin liên hệ của người phản ánh",
    );
    const en = await expectProblem(await view(other, REASON, EN), 403);
    expect(en.detail).toBe("Only the lead's assignee or a supervisor may see the reporter's contact details");
    expect(await views()).toHaveLength(before);
  });

  it("hides the lead from a recused inspector (404) and refuses anyone signed out (401)", async () => {
    await expectProblem(await view(recused), 404);
    const res = await call(undefined, `/api/leads/${id}/reports/${code}/contact?reason=${encodeURIComponent(REASON)}`);
    await expectProblem(res, 401);
  });

  it("refuses an administrator (403)", async () => {
    const admin = await signIn("admin");
    await expectProblem(await view(admin), 403);
  });
});
