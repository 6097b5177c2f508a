import { createExecutionContext, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { DeliveryLogSchema, NotificationPreferencesSchema } from "../../src/contracts/notifications";
import { runDailyDigest } from "../../src/jobs/scheduled";
import { PermanentMailError } from "../../src/services/notification-delivery";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import { concludedWith, contest } from "../support/inspections";
import {
  auditRows,
  call,
  createUnit,
  expectProblem,
  fileAbout,
  fileBribe,
  insertLead,
  leadIdOf,
  moveLead,
  RUDENESS_TEXT,
  type Session,
  signIn,
  type TestUnit,
} from "../support/leads";
import { deliver, eventsOf, failingMailer, mailTo, messagesOf } from "../support/notifications";
import { type FiledReport, postMessage } from "../support/reports";

const REPLY = "Tôi xin bổ sung: cán bộ hẹn gặp riêng ở quán cà phê gần trụ sở, số điện thoại 0912345678.";
const CONTEST_REASON = "Tôi không đồng ý: cán bộ vẫn đòi tiền sau khi đoàn kiểm tra làm việc.";

let unit: TestUnit;
let supervisor: Session;
let recused: Session;
let quiet: Session;
let inspector: Session;
let admin: Session;
/** Texts and secrets that must never appear in any e-mail. */
const secrets: string[] = [];

beforeAll(async () => {
  await insertUnits(env.DB);
  unit = await createUnit({ name: "Phường Thông Báo" });
  supervisor = await signIn("supervisor");
  recused = await signIn("supervisor", { ties: [unit.id] });
  quiet = await signIn("supervisor");
  inspector = await signIn("inspector");
  admin = await signIn("admin");
  const off = await call(quiet.cookie, "/api/me/notifications", {
    method: "PUT",
    body: {
      items: ["lead.high_priority", "dismissal.awaiting_approval", "digest.daily", "lead.reporter_replied"].map(
        (kind) => ({ kind, enabled: false }),
      ),
    },
  });
  expect(off.status, await off.clone().text()).toBe(200);
});

function remember(report: FiledReport, ...texts: string[]) {
  secrets.push(report.secret, ...texts);
}

const recipientsOf = async (eventId: string) => (await messagesOf(eventId)).map((m) => m.recipient);

describe("a new high-priority lead", () => {
  it("tells each unrecused supervisor who wants it, once, however often the event is delivered", async () => {
    const report = await fileBribe(unit.id);
    remember(report, "bồi dưỡng");
    const leadId = await leadIdOf(report.trackingCode);
    const [eventId, ...more] = await eventsOf("lead.high_priority", leadId);
    expect(more).toEqual([]);
    if (!eventId) throw new Error("no event");

    const first = await deliver([eventId]);
    expect(first.explicitAcks).toHaveLength(1);
    expect(first.retryMessages).toEqual([]);
    const recipients = await recipientsOf(eventId);
    expect(recipients).toContain(`user:${supervisor.user.id}`);
    expect(recipients).not.toContain(`user:${recused.user.id}`);
    expect(recipients).not.toContain(`user:${quiet.user.id}`);
    expect(recipients).not.toContain(`user:${inspector.user.id}`);
    expect(recipients).not.toContain(`user:${admin.user.id}`);

    await deliver([eventId]);
    await deliver([eventId, eventId]);
    const mails = await mailTo(supervisor.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Đầu mối ưu tiên cao mới: Phường Thông Báo");
    expect(mails[0]?.text).toContain(`${ORIGIN}/kiem-tra/dau-moi/?id=${leadId}`);
    const rows = await messagesOf(eventId);
    expect(rows.every((m) => m.status === "sent" && m.attempts === 1)).toBe(true);
    expect(await mailTo(recused.user.email)).toEqual([]);
    expect(await mailTo(quiet.user.email)).toEqual([]);
  });

  it("a low-severity report opens an ordinary lead: no event", async () => {
    const other = await createUnit();
    const report = await fileAbout(other.id, { categoryCode: "conduct", description: RUDENESS_TEXT });
    expect(await eventsOf("lead.high_priority", await leadIdOf(report.trackingCode))).toEqual([]);
  });
});

describe("a dismissal waiting for approval", () => {
  it("tells the supervisors, not the inspector who proposed it", async () => {
    const other = await createUnit();
    const report = await fileAbout(other.id, { categoryCode: "conduct", description: RUDENESS_TEXT });
    const leadId = await leadIdOf(report.trackingCode);
    await moveLead(inspector.cookie, leadId, { to: "in_review" });
    await moveLead(inspector.cookie, leadId, {
      to: "dismissal_proposed",
      reason: "Nội dung không đủ căn cứ xác minh.",
      reasonCode: "unfounded",
    });
    const [eventId] = await eventsOf("dismissal.awaiting_approval", leadId);
    if (!eventId) throw new Error("no event");
    await deliver([eventId]);
    const recipients = await recipientsOf(eventId);
    expect(recipients).toContain(`user:${supervisor.user.id}`);
    expect(recipients).not.toContain(`user:${inspector.user.id}`);
    expect(recipients).not.toContain(`user:${quiet.user.id}`);
  });
});

describe("a reporter's reply", () => {
  it("goes to the assigned inspector only", async () => {
    const other = await createUnit();
    const report = await fileAbout(other.id, { categoryCode: "conduct", description: RUDENESS_TEXT });
    remember(report, "0912345678", "quán cà phê");
    const leadId = await leadIdOf(report.trackingCode);
    const assigned = await call(supervisor.cookie, `/api/leads/${leadId}/assignment`, {
      method: "POST",
      body: { assigneeId: inspector.user.id },
    });
    expect(assigned.status, await assigned.clone().text()).toBe(200);
    expect((await postMessage(report.trackingCode, report.secret, { body: REPLY })).status).toBe(201);
    const [eventId] = await eventsOf("lead.reporter_replied", leadId);
    if (!eventId) throw new Error("no event");
    await deliver([eventId]);
    expect(await recipientsOf(eventId)).toEqual([`user:${inspector.user.id}`]);
    const [mail] = (await mailTo(inspector.user.email)).filter((m) => m.subject.includes(report.trackingCode));
    expect(mail?.text).not.toContain("0912345678");
  });

  it("goes to the team (unrecused inspectors and supervisors who want it) when nobody has the lead", async () => {
    const report = await fileBribe(unit.id);
    remember(report);
    const leadId = await leadIdOf(report.trackingCode);
    expect((await postMessage(report.trackingCode, report.secret, { body: REPLY })).status).toBe(201);
    const [eventId] = await eventsOf("lead.reporter_replied", leadId);
    if (!eventId) throw new Error("no event");
    await deliver([eventId]);
    const recipients = await recipientsOf(eventId);
    expect(recipients).toEqual(expect.arrayContaining([`user:${inspector.user.id}`, `user:${supervisor.user.id}`]));
    expect(recipients).not.toContain(`user:${recused.user.id}`);
    expect(recipients).not.toContain(`user:${quiet.user.id}`);
  });
});

describe("a reporter's contest", () => {
  it("reaches every unrecused supervisor, even one who turned everything off (mandatory)", async () => {
    const other = await createUnit();
    const { report, leadId } = await concludedWith(supervisor, other.id, [
      { responsibleUnitId: other.id, description: "Chấn chỉnh việc tiếp nhận hồ sơ", deadline: "2099-12-31" },
    ]);
    remember(report, CONTEST_REASON);
    expect((await contest(report, CONTEST_REASON)).status).toBe(201);
    const reportId = (
      await env.DB.prepare("SELECT id FROM reports WHERE tracking_code = ?")
        .bind(report.trackingCode)
        .first<{ id: string }>()
    )?.id;
    const ids = await eventsOf("contest.filed", reportId);
    expect(ids).toHaveLength(1);
    await deliver(ids);
    const recipients = await recipientsOf(ids[0] ?? "");
    expect(recipients).toEqual(expect.arrayContaining([`user:${supervisor.user.id}`, `user:${quiet.user.id}`]));
    expect(recipients).not.toContain(`user:${inspector.user.id}`);
    const [mail] = (await mailTo(quiet.user.email)).filter((m) => m.subject.includes(report.trackingCode));
    expect(mail?.text).toContain(`?id=${leadId}`);
    expect(mail?.text).not.toContain("đòi tiền");
  });
});

describe("a status change, for the reporter", () => {
  it("a named reporter who gave an e-mail and opted in gets a link to the follow page, and nothing else", async () => {
    const other = await createUnit();
    const email = `nguoi-dan-${crypto.randomUUID().slice(0, 8)}@example.vn`;
    const report = await fileAbout(other.id, {
      categoryCode: "conduct",
      description: RUDENESS_TEXT,
      track: "named",
      contact: { name: "Nguyễn Văn An", email, notifyByEmail: true },
    });
    remember(report, RUDENESS_TEXT, "Nguyễn Văn An");
    const leadId = await leadIdOf(report.trackingCode);
    await moveLead(supervisor.cookie, leadId, { to: "in_review" });
    const reportId = (
      await env.DB.prepare("SELECT id FROM reports WHERE tracking_code = ?")
        .bind(report.trackingCode)
        .first<{ id: string }>()
    )?.id;
    const ids = await eventsOf("report.status_changed", reportId);
    expect(ids).toHaveLength(1);
    await deliver(ids);
    expect(await recipientsOf(ids[0] ?? "")).toEqual([`reporter:${reportId}`]);
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Phản ánh ${report.trackingCode}: trạng thái mới`);
    expect(mails[0]?.text).toContain(`${ORIGIN}/theo-doi/`);
    expect(mails[0]?.text).toContain("đang xem xét");
    for (const part of [mails[0]?.text, mails[0]?.html]) {
      expect(part).not.toContain(report.secret);
      expect(part).not.toContain("quát nạt");
      expect(part).not.toContain("Nguyễn Văn An");
    }
    // The log names the reporter by report, never by address.
    const log = await call(admin.cookie, `/api/admin/notifications?recipient=reporter:${reportId}`);
    expect(JSON.stringify(await log.json())).not.toContain(email);
  });

  it("a named reporter who did not opt in gets nothing; an anonymous one has no event at all", async () => {
    const other = await createUnit();
    const email = `khong-dang-ky-${crypto.randomUUID().slice(0, 8)}@example.vn`;
    const named = await fileAbout(other.id, {
      categoryCode: "conduct",
      description: RUDENESS_TEXT,
      track: "named",
      contact: { email },
    });
    const anonymous = await fileAbout((await createUnit()).id, { categoryCode: "conduct", description: RUDENESS_TEXT });
    remember(named);
    remember(anonymous);
    for (const r of [named, anonymous])
      await moveLead(supervisor.cookie, await leadIdOf(r.trackingCode), { to: "in_review" });
    const idOf = async (code: string) =>
      (await env.DB.prepare("SELECT id FROM reports WHERE tracking_code = ?").bind(code).first<{ id: string }>())?.id;
    const namedIds = await eventsOf("report.status_changed", await idOf(named.trackingCode));
    expect(namedIds).toHaveLength(1);
    await deliver(namedIds);
    expect(await messagesOf(namedIds[0] ?? "")).toEqual([]);
    expect(await mailTo(email)).toEqual([]);
    expect(await eventsOf("report.status_changed", await idOf(anonymous.trackingCode))).toEqual([]);
  });
});

/** An event recorded straight into D1 (a digest), for the delivery mechanics. */
async function digestEvent(): Promise<string> {
  const id = `digest.daily:test-${crypto.randomUUID()}`;
  await env.DB.prepare(
    "INSERT INTO notification_events (id, kind, subject_id, payload, created_at) VALUES (?, 'digest.daily', 'test', ?, ?)",
  )
    .bind(id, JSON.stringify({ date: "2026-12-07", overdueLeads: 2, overdueMeasures: 1 }), new Date().toISOString())
    .run();
  return id;
}

describe("retries and dead letters", () => {
  it("a failing send is retried with growing back-off, then given up: dead, acknowledged, never sent", async () => {
    const eventId = await digestEvent();
    const mailer = failingMailer();
    const first = await deliver([eventId], { attempts: 1, mailer });
    expect(first.retryMessages).toHaveLength(1);
    expect(first.delays).toEqual([30]);
    expect(first.explicitAcks).toEqual([]);
    const rows = await messagesOf(eventId);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((m) => m.status === "failed" && m.last_error === "send_failed")).toBe(true);

    const third = await deliver([eventId], { attempts: 3, mailer });
    expect(third.delays).toEqual([120]);

    const last = await deliver([eventId], { attempts: 6, mailer });
    expect(last.retryMessages).toEqual([]);
    expect(last.explicitAcks).toHaveLength(1);
    const dead = await messagesOf(eventId);
    expect(dead.every((m) => m.status === "dead" && m.last_error === "retries_exhausted")).toBe(true);
    expect(dead.every((m) => m.attempts === 3)).toBe(true);

    const calls = mailer.calls;
    await deliver([eventId], { attempts: 1 });
    expect(mailer.calls).toBe(calls);
    expect((await messagesOf(eventId)).every((m) => m.status === "dead")).toBe(true);
  });

  it("a retry after a passing fault sends each message once", async () => {
    const eventId = await digestEvent();
    await deliver([eventId], { attempts: 1, mailer: failingMailer() });
    const ok = await deliver([eventId], { attempts: 2 });
    expect(ok.explicitAcks).toHaveLength(1);
    const rows = await messagesOf(eventId);
    expect(rows.every((m) => m.status === "sent" && m.attempts === 2)).toBe(true);
    const mine = (await mailTo(supervisor.user.email)).filter((m) => m.subject.startsWith("Tổng hợp ngày 07/12/2026"));
    expect(mine.length).toBeGreaterThanOrEqual(1);
  });

  it("a refused address is dead at once, without retries", async () => {
    const eventId = await digestEvent();
    const result = await deliver([eventId], { mailer: failingMailer(new PermanentMailError("address_refused")) });
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toHaveLength(1);
    expect((await messagesOf(eventId)).every((m) => m.status === "dead" && m.last_error === "address_refused")).toBe(
      true,
    );
  });

  it("what the dead-letter queue receives is marked dead for the admins", async () => {
    const eventId = await digestEvent();
    await deliver([eventId], { mailer: failingMailer() });
    const result = await deliver([eventId], { queue: "pakn-notify-dlq" });
    expect(result.explicitAcks).toHaveLength(1);
    expect((await messagesOf(eventId)).every((m) => m.status === "dead" && m.last_error === "dead_letter_queue")).toBe(
      true,
    );
    const res = await call(admin.cookie, `/api/admin/notifications?status=dead&event=${encodeURIComponent(eventId)}`);
    const log = DeliveryLogSchema.parse(await res.json());
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((i) => i.status === "dead" && i.eventId === eventId)).toBe(true);
  });

  it("an unknown event or a malformed body is acknowledged and sends nothing", async () => {
    const result = await deliver(["no-such-event"]);
    expect(result.explicitAcks).toHaveLength(1);
  });
});

describe("the daily digest (cron 0 1 * * *)", () => {
  it("records one digest per working day when something is overdue, for the supervisors", async () => {
    const other = await createUnit();
    await insertLead({ unitId: other.id, priority: 10, status: "in_review", overdue: true });
    const monday = new Date("2026-12-07T01:00:00Z");
    expect(await runDailyDigest(env, monday)).toBe(true);
    expect(await runDailyDigest(env, new Date(monday.getTime() + 60_000))).toBe(true);
    expect(await eventsOf("digest.daily", "2026-12-07")).toEqual(["digest.daily:2026-12-07"]);
    expect(await runDailyDigest(env, new Date("2026-12-06T01:00:00Z"))).toBe(false);
    await deliver(["digest.daily:2026-12-07"]);
    const recipients = await recipientsOf("digest.daily:2026-12-07");
    expect(recipients).toContain(`user:${supervisor.user.id}`);
    expect(recipients).not.toContain(`user:${quiet.user.id}`);
    expect(recipients).not.toContain(`user:${inspector.user.id}`);
  });
});

describe("GET/PUT /api/me/notifications", () => {
  it("lists each kind the role receives, with the mandatory ones locked on", async () => {
    const res = await call(supervisor.cookie, "/api/me/notifications");
    expect(res.status).toBe(200);
    const prefs = NotificationPreferencesSchema.parse(await res.json());
    expect(prefs.items.find((p) => p.kind === "contest.filed")).toEqual({
      kind: "contest.filed",
      enabled: true,
      mandatory: true,
    });
    expect(prefs.items.find((p) => p.kind === "lead.high_priority")?.enabled).toBe(true);
    const mine = NotificationPreferencesSchema.parse(
      await (await call(inspector.cookie, "/api/me/notifications")).json(),
    );
    expect(mine.items.map((p) => p.kind)).toEqual(["lead.reporter_replied", "measure.answered"]);
  });

  it("turns a kind off and back on, audited", async () => {
    const me = await signIn("supervisor");
    const off = await call(me.cookie, "/api/me/notifications", {
      method: "PUT",
      body: { items: [{ kind: "digest.daily", enabled: false }] },
    });
    expect(off.status).toBe(200);
    expect(
      NotificationPreferencesSchema.parse(await off.json()).items.find((p) => p.kind === "digest.daily")?.enabled,
    ).toBe(false);
    const on = await call(me.cookie, "/api/me/notifications", {
      method: "PUT",
      body: { items: [{ kind: "digest.daily", enabled: true }] },
    });
    expect(
      NotificationPreferencesSchema.parse(await on.json()).items.find((p) => p.kind === "digest.daily")?.enabled,
    ).toBe(true);
    const audit = (await auditRows(me.user.id)).filter((r) => r.action === "notifications.preferences_changed");
    expect(audit).toHaveLength(2);
  });

  it("422 for a mandatory kind turned off or a kind the role does not receive, in Vietnamese or English", async () => {
    const mandatory = await expectProblem(
      await call(supervisor.cookie, "/api/me/notifications", {
        method: "PUT",
        body: { items: [{ kind: "contest.filed", enabled: false }] },
      }),
      422,
    );
    expect(mandatory.errors).toEqual([
      { pointer: "/items/0/enabled", message: "Thông báo này là bắt buộc, không thể tắt" },
    ]);
    const foreign = await expectProblem(
      await call(inspector.cookie, "/api/me/notifications", {
        method: "PUT",
        body: { items: [{ kind: "digest.daily", enabled: false }] },
        headers: { "Accept-Language": "en" },
      }),
      422,
    );
    expect(foreign.errors).toEqual([
      { pointer: "/items/0/kind", message: "You do not receive this kind of notification" },
    ]);
    await expectProblem(
      await call(supervisor.cookie, "/api/me/notifications", {
        method: "PUT",
        body: { items: [{ kind: "nope", enabled: false }] },
      }),
      422,
    );
  });

  it("401 without a session; 403 for an administrator, who receives none", async () => {
    await expectProblem(await call(undefined, "/api/me/notifications"), 401);
    await expectProblem(await call(admin.cookie, "/api/me/notifications"), 403);
  });
});

describe("GET /api/admin/notifications", () => {
  it("admins read the log: one row per message, filtered, never a body or an address", async () => {
    const res = await call(admin.cookie, `/api/admin/notifications?recipient=user:${supervisor.user.id}&status=sent`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    const log = DeliveryLogSchema.parse(body);
    expect(log.items.length).toBeGreaterThan(0);
    expect(log.items.every((i) => i.recipient === `user:${supervisor.user.id}` && i.status === "sent")).toBe(true);
    expect(log.items.every((i) => i.sentAt !== null)).toBe(true);
    for (const item of body.items) {
      for (const key of ["body", "text", "html", "subject", "to", "email", "payload"])
        expect(item).not.toHaveProperty(key);
    }
    expect(JSON.stringify(body)).not.toContain(supervisor.user.email);
  });

  it("422 for an unknown status, in English when asked", async () => {
    const problem = await expectProblem(
      await call(admin.cookie, "/api/admin/notifications?status=lost", { headers: { "Accept-Language": "en" } }),
      422,
    );
    expect(problem.title).toBe("Some fields are not valid");
  });

  it("403 for supervisors and inspectors, 401 without a session", async () => {
    await expectProblem(await call(supervisor.cookie, "/api/admin/notifications"), 403);
    await expectProblem(await call(inspector.cookie, "/api/admin/notifications"), 403);
    await expectProblem(await call(undefined, "/api/admin/notifications"), 401);
  });
});

describe("the local outbox (DEV_OUTBOX=1)", () => {
  it("lists the e-mails kept instead of sent, as JSON or as a page, and shows one", async () => {
    const list = await call(undefined, "/api/dev/outbox");
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: { id: string; to: string; subject: string }[] };
    const mine = items.find((m) => m.to === supervisor.user.email);
    if (!mine) throw new Error("no mail for the supervisor");
    const page = await call(undefined, "/api/dev/outbox", { headers: { Accept: "text/html" } });
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain(`outbox/${mine.id}`);
    const one = await call(undefined, `/api/dev/outbox/${mine.id}`);
    expect(await one.text()).toContain("<!doctype html>");
    await expectProblem(await call(undefined, "/api/dev/outbox/no-such-mail"), 404);
  });

  it("is a 404 wherever e-mail is really sent", async () => {
    const res = await app.fetch(
      new Request(`${ORIGIN}/api/dev/outbox`),
      { ...env, DEV_OUTBOX: "0" },
      createExecutionContext(),
    );
    await expectProblem(res, 404);
  });
});

describe("what e-mails never hold", () => {
  it("no e-mail in the outbox holds a report's text, a reporter's name or phone, or a receipt secret", async () => {
    const { results } = await env.DB.prepare("SELECT subject, text, html FROM dev_outbox").all<{
      subject: string;
      text: string;
      html: string;
    }>();
    expect(results.length).toBeGreaterThan(5);
    for (const mail of results) {
      const whole = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const secret of secrets) expect(whole).not.toContain(secret);
    }
  });
});
