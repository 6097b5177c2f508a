import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { NotificationPreferencesSchema } from "../../src/contracts/notifications";
import { runScheduled } from "../../src/jobs/scheduled";
import { insertUnits } from "../support/fixtures";
import { expectInspection, expectMeasure, inspectionReadyToConclude, measureAction } from "../support/inspections";
import { call, createUnit, type Session, signIn } from "../support/leads";
import { deliver, eventsOf, mailTo, messagesOf } from "../support/notifications";

/**
 * Issue 13, liaisons and notifications together: the liaisons covering a
 * measure's unit (that unit or one above it) are told of a new measure, of a
 * deadline 3 working days away (Tết does not count) and of an overdue
 * measure, each once; a liaison's answer reaches the inspection's team; a
 * liaison of another unit hears nothing.
 */

/** A deadline 3 working days after the pinned test day (Monday 15/06/2026). */
const SOON = "2026-06-18";
/** Monday after Tết 2027 (05–11/02/2027 off). */
const AFTER_TET = "2027-02-15";
const ANSWER = "Đơn vị đã niêm yết đầy đủ 42 thủ tục tại bộ phận một cửa.";

let supervisor: Session;
let inspector: Session;
let offTeam: Session;
let wardLiaison: Session;
let deskLiaison: Session;
let subLiaison: Session;
let otherLiaison: Session;
let quietLiaison: Session;
let inspectionId: string;
let soon: string;
let tet: string;

async function concludeWithTeam(unitId: string, measures: { deadline: string; description: string }[]) {
  const ready = await inspectionReadyToConclude(supervisor, unitId, {
    team: [{ userId: inspector.user.id, role: "member" }],
  });
  return expectInspection(
    await call(supervisor.cookie, `/api/inspections/${ready.inspection.id}/conclusion`, {
      method: "POST",
      body: {
        conclusion: "Kết luận: có sai phạm trong tiếp nhận hồ sơ tại bộ phận một cửa.",
        recommendations: "Kiểm điểm trách nhiệm cán bộ liên quan; niêm yết công khai thủ tục.",
        guidance: "Hướng dẫn đơn vị rà soát quy trình tiếp nhận, trả kết quả theo đúng thời hạn.",
        measures: measures.map((m) => ({ ...m, responsibleUnitId: unitId })),
      },
    }),
  );
}

beforeAll(async () => {
  await insertUnits(env.DB);
  const ward = (await createUnit({ name: "Phường Liên Lạc" })).id;
  const desk = (await createUnit({ name: "Bộ phận Một cửa Liên Lạc", kind: "agency", parentId: ward })).id;
  const sub = (await createUnit({ name: "Tổ tiếp nhận", kind: "agency", parentId: desk })).id;
  const otherWard = (await createUnit({ name: "Phường Khác" })).id;
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
  offTeam = await signIn("inspector");
  wardLiaison = await signIn("unit_liaison", { unitId: ward });
  deskLiaison = await signIn("unit_liaison", { unitId: desk });
  subLiaison = await signIn("unit_liaison", { unitId: sub });
  otherLiaison = await signIn("unit_liaison", { unitId: otherWard });
  quietLiaison = await signIn("unit_liaison", { unitId: desk });
  const off = await call(quietLiaison.cookie, "/api/me/notifications", {
    method: "PUT",
    body: { items: [{ kind: "measure.deadline_soon", enabled: false }] },
  });
  expect(off.status, await off.clone().text()).toBe(200);
  const inspection = await concludeWithTeam(desk, [
    { description: "Niêm yết công khai thủ tục tại bộ phận một cửa", deadline: SOON },
    { description: "Tập huấn cán bộ tiếp nhận hồ sơ trước kỳ nghỉ Tết", deadline: AFTER_TET },
  ]);
  inspectionId = inspection.id;
  soon = inspection.measures.find((m) => m.deadline === SOON)?.id as string;
  tet = inspection.measures.find((m) => m.deadline === AFTER_TET)?.id as string;
});

const at = (iso: string) => new Date(iso);

describe("a new measure", () => {
  it("is e-mailed to the liaisons of its unit and of the units above it, in Vietnamese, with no text of the measure", async () => {
    const events = [...(await eventsOf("measure.created", soon)), ...(await eventsOf("measure.created", tet))];
    expect(events).toHaveLength(2);
    await deliver(events);
    await deliver(events); // a second delivery sends nothing more
    for (const liaison of [wardLiaison, deskLiaison, quietLiaison]) {
      const mails = (await mailTo(liaison.user.email)).filter((m) => m.subject.startsWith("Biện pháp chấn chỉnh mới"));
      expect(mails.length, liaison.user.email).toBe(2);
      expect(mails[0]?.text).toContain("Hạn thực hiện: 18/06/2026.");
      expect(mails[0]?.text).not.toContain("Niêm yết");
    }
  });

  it("reaches no liaison of a sub-unit or of another ward", async () => {
    await deliver([...(await eventsOf("measure.created", soon)), ...(await eventsOf("measure.created", tet))]);
    expect(await mailTo(subLiaison.user.email)).toEqual([]);
    expect(await mailTo(otherLiaison.user.email)).toEqual([]);
    const [event] = await eventsOf("measure.created", soon);
    const recipients = (await messagesOf(event as string)).map((m) => m.recipient).sort();
    expect(recipients).toEqual([wardLiaison, deskLiaison, quietLiaison].map((l) => `user:${l.user.id}`).sort());
  });

  it("a liaison sees and sets their own kinds: the new and overdue measure are locked on", async () => {
    const res = await call(deskLiaison.cookie, "/api/me/notifications");
    expect(res.status).toBe(200);
    expect(NotificationPreferencesSchema.parse(await res.json()).items).toEqual([
      { kind: "measure.created", enabled: true, mandatory: true },
      { kind: "measure.deadline_soon", enabled: true, mandatory: false },
      { kind: "measure.overdue", enabled: true, mandatory: true },
      { kind: "measure.verified", enabled: true, mandatory: false },
      { kind: "measure.rejected", enabled: true, mandatory: false },
    ]);
  });
});

describe("a deadline 3 working days away (cron)", () => {
  it("is told once, however often the job runs; not to a liaison who turned it off", async () => {
    await runScheduled(env, at("2026-06-12T01:00:00Z")); // Friday: 4 working days left
    expect(await eventsOf("measure.deadline_soon", soon)).toEqual([]);
    await runScheduled(env, at("2026-06-15T01:00:00Z")); // Monday: 3 left
    await runScheduled(env, at("2026-06-15T01:05:00Z"));
    await runScheduled(env, at("2026-06-16T01:00:00Z"));
    const events = await eventsOf("measure.deadline_soon", soon);
    expect(events).toHaveLength(1);
    await deliver(events);
    await deliver(events);
    const subjects = async (s: Session) =>
      (await mailTo(s.user.email)).filter((m) => m.subject === "Biện pháp sắp đến hạn (18/06/2026)");
    expect(await subjects(wardLiaison)).toHaveLength(1);
    expect(await subjects(deskLiaison)).toHaveLength(1);
    expect(await subjects(quietLiaison)).toEqual([]);
    expect(await mailTo(otherLiaison.user.email)).toEqual([]);
  });
});

describe("an overdue measure (cron)", () => {
  it("is told to the liaisons once, even to one who turned notices off (mandatory)", async () => {
    // `soon` is still open; the June runs after its deadline mark it overdue.
    await runScheduled(env, at("2026-06-19T01:00:00Z"));
    await runScheduled(env, at("2026-06-22T01:00:00Z"));
    const events = await eventsOf("measure.overdue", soon);
    expect(events).toHaveLength(1);
    await deliver(events);
    await deliver(events);
    for (const liaison of [wardLiaison, deskLiaison, quietLiaison]) {
      const mails = (await mailTo(liaison.user.email)).filter((m) => m.subject === "Biện pháp đã quá hạn (18/06/2026)");
      expect(mails, liaison.user.email).toHaveLength(1);
    }
    expect(await mailTo(otherLiaison.user.email)).toEqual([]);
  });
});

describe("a deadline after Tết (cron)", () => {
  it("counts working days: Tết and weekends are not", async () => {
    await runScheduled(env, at("2027-02-01T01:00:00Z")); // Monday: 02, 03, 04, 12 and 15/02 are 5 working days
    expect(await eventsOf("measure.deadline_soon", tet)).toEqual([]);
    await runScheduled(env, at("2027-02-04T01:00:00Z")); // Thursday before Tết: 12 and 15/02 are 2
    expect(await eventsOf("measure.deadline_soon", tet)).toHaveLength(1);
  });
});

describe("a liaison's answer", () => {
  it("reaches the inspection's team (not an inspector off the team), with no text of the answer", async () => {
    const res = await call(deskLiaison.cookie, `/api/measures/${tet}/response`, {
      method: "POST",
      body: { response: ANSWER },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const events = await eventsOf("measure.answered", tet);
    expect(events).toHaveLength(1);
    await deliver(events);
    const mails = await mailTo(inspector.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Đơn vị đã trả lời biện pháp: Bộ phận Một cửa Liên Lạc");
    expect(mails[0]?.text).toContain(inspectionId);
    expect(mails[0]?.text).not.toContain("42 thủ tục");
    expect(await mailTo(supervisor.user.email)).toHaveLength(1);
    expect(await mailTo(offTeam.user.email)).toEqual([]);
  });

  it("recorded by staff for the unit, tells the team too", async () => {
    await expectMeasure(await measureAction(inspector.cookie, soon, "response", { response: ANSWER }));
    const events = await eventsOf("measure.answered", soon);
    expect(events).toHaveLength(1);
    await deliver(events);
    expect(await mailTo(inspector.user.email)).toHaveLength(2);
    expect(await mailTo(offTeam.user.email)).toEqual([]);
  });
});

describe("the team's decision on an answer", () => {
  const REASON = "Chưa có ảnh chụp bảng niêm yết tại bộ phận một cửa, đề nghị bổ sung.";

  it("a rejection is told to the liaisons without its reason; a verification too", async () => {
    await expectMeasure(await measureAction(inspector.cookie, tet, "reject", { reason: REASON }));
    await expectMeasure(await measureAction(inspector.cookie, soon, "verify"));
    const rejected = await eventsOf("measure.rejected", tet);
    const verified = await eventsOf("measure.verified", soon);
    expect(rejected).toHaveLength(1);
    expect(verified).toHaveLength(1);
    await deliver([...rejected, ...verified]);
    const mails = await mailTo(deskLiaison.user.email);
    const rejection = mails.find((m) => m.subject.startsWith("Trả lời biện pháp chưa được chấp nhận"));
    expect(rejection?.text).toContain("(hạn 15/02/2027)");
    expect(rejection?.text).not.toContain("ảnh chụp");
    expect(rejection?.html).not.toContain("ảnh chụp");
    expect(mails.filter((m) => m.subject.startsWith("Biện pháp đã được xác nhận hoàn thành"))).toHaveLength(1);
    expect(await mailTo(otherLiaison.user.email)).toEqual([]);
  });
});
