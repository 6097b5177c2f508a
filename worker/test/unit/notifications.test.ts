import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../src/contracts/notifications";
import { DEFAULT_CALENDAR } from "../../src/domain/calendar";
import { render, type TemplateParams } from "../../src/domain/notification-templates";
import {
  DEADLINE_SOON_WORKING_DAYS,
  deliveryVerdict,
  eventIds,
  isDeadlineSoon,
  isHighPriority,
  isMandatory,
  MAX_ATTEMPTS,
  reporterWantsMail,
  retryDelaySeconds,
  type StaffCandidate,
  staffRecipients,
} from "../../src/domain/notifications";

const staff: StaffCandidate[] = [
  { id: "s1", role: "supervisor", recused: false },
  { id: "s2", role: "supervisor", recused: true },
  { id: "s3", role: "supervisor", recused: false },
  { id: "i1", role: "inspector", recused: false },
  { id: "i2", role: "inspector", recused: true },
];
const none = new Map<string, Set<string>>();

describe("back-off", () => {
  it("doubles from 30 s and stops at an hour", () => {
    expect([1, 2, 3, 4, 8, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 3600, 3600]);
  });

  it("acks a clean delivery, retries a failed one, gives up at the last attempt", () => {
    expect(deliveryVerdict(1, 0)).toEqual({ kind: "ack" });
    expect(deliveryVerdict(2, 1)).toEqual({ kind: "retry", delaySeconds: 60 });
    expect(deliveryVerdict(MAX_ATTEMPTS, 1)).toEqual({ kind: "give_up" });
  });
});

describe("who is told", () => {
  it("supervisors' kinds reach unrecused supervisors only", () => {
    for (const kind of [
      "lead.high_priority",
      "dismissal.awaiting_approval",
      "digest.daily",
      "contest.filed",
    ] as const) {
      expect(staffRecipients({ kind, staff, optOuts: none })).toEqual(["user:s1", "user:s3"]);
    }
  });

  it("a reporter's reply goes to the assignee, or the whole unrecused team when nobody (or a recused person) has it", () => {
    expect(staffRecipients({ kind: "lead.reporter_replied", staff, assigneeId: "i1", optOuts: none })).toEqual([
      "user:i1",
    ]);
    const team = ["user:s1", "user:s3", "user:i1"];
    expect(staffRecipients({ kind: "lead.reporter_replied", staff, assigneeId: null, optOuts: none })).toEqual(team);
    expect(staffRecipients({ kind: "lead.reporter_replied", staff, assigneeId: "i2", optOuts: none })).toEqual(team);
  });

  it("opt-outs are respected, except for mandatory kinds", () => {
    const optOuts = new Map([["s1", new Set(["lead.high_priority", "contest.filed"])]]);
    expect(staffRecipients({ kind: "lead.high_priority", staff, optOuts })).toEqual(["user:s3"]);
    expect(isMandatory("contest.filed")).toBe(true);
    expect(staffRecipients({ kind: "contest.filed", staff, optOuts })).toEqual(["user:s1", "user:s3"]);
  });

  it("never routes a recused person, whatever the kind and the opt-outs (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOTIFICATION_KINDS),
        fc.array(fc.record({ id: fc.uuid(), role: fc.constantFrom("inspector", "supervisor"), recused: fc.boolean() })),
        fc.option(fc.uuid()),
        (kind, people, assigneeId) => {
          const keys = staffRecipients({ kind, staff: people, assigneeId, optOuts: none });
          const recused = new Set(people.filter((p) => p.recused).map((p) => `user:${p.id}`));
          return keys.every((key) => !recused.has(key));
        },
      ),
    );
  });

  it("a reporter is written to only when named, with an e-mail, and opted in", () => {
    expect(reporterWantsMail("named", { email: "a@b.vn", notifyByEmail: true })).toBe(true);
    expect(reporterWantsMail("named", { email: "a@b.vn" })).toBe(false);
    expect(reporterWantsMail("named", { notifyByEmail: true })).toBe(false);
    expect(reporterWantsMail("anonymous", { email: "a@b.vn", notifyByEmail: true })).toBe(false);
    expect(reporterWantsMail("named", null)).toBe(false);
  });

  it("a new lead is high priority from 40 points (severity 4 alone)", () => {
    expect(isHighPriority(39.99)).toBe(false);
    expect(isHighPriority(40)).toBe(true);
  });

  it("event ids are deterministic", () => {
    expect(eventIds.highPriorityLead("L1")).toBe(eventIds.highPriorityLead("L1"));
    expect(eventIds.measureOverdue("M1", "2026-12-31")).toBe("measure.overdue:M1:2026-12-31");
  });
});

describe("a liaison's answer", () => {
  it("goes to the inspection's unrecused team first, then the assignee, then everyone", () => {
    const answered = { kind: "measure.answered" as const, staff, optOuts: none };
    expect(staffRecipients({ ...answered, team: ["i1", "s2"], assigneeId: "s3" })).toEqual(["user:i1"]);
    expect(staffRecipients({ ...answered, team: ["s2"], assigneeId: "s3" })).toEqual(["user:s3"]);
    expect(staffRecipients({ ...answered, team: [] })).toEqual(["user:s1", "user:s3", "user:i1"]);
  });
});

describe("a deadline soon (working days, Hanoi)", () => {
  const at = (iso: string) => new Date(iso);
  it(`warns an open measure due today or within ${DEADLINE_SOON_WORKING_DAYS} working days`, () => {
    // Monday 2025-06-02 (09:00 in Hanoi): Thursday is 3 working days away, Friday 4.
    expect(
      isDeadlineSoon({ status: "open", deadline: "2025-06-05" }, at("2025-06-02T02:00:00Z"), DEFAULT_CALENDAR),
    ).toBe(true);
    expect(
      isDeadlineSoon({ status: "open", deadline: "2025-06-06" }, at("2025-06-02T02:00:00Z"), DEFAULT_CALENDAR),
    ).toBe(false);
    expect(
      isDeadlineSoon({ status: "open", deadline: "2025-06-02" }, at("2025-06-02T02:00:00Z"), DEFAULT_CALENDAR),
    ).toBe(true);
  });

  it("skips Tết: eleven calendar days can be two working days", () => {
    // Friday 2025-01-24, Tết 25/01–02/02: 03/02 and 04/02 are the next working days.
    expect(
      isDeadlineSoon({ status: "open", deadline: "2025-02-04" }, at("2025-01-24T03:00:00Z"), DEFAULT_CALENDAR),
    ).toBe(true);
  });

  it("says nothing of an answered, overdue or past measure, or at 23:30 UTC the Hanoi day after", () => {
    const now = at("2025-06-02T02:00:00Z");
    for (const status of ["responded", "overdue", "verified"]) {
      expect(isDeadlineSoon({ status, deadline: "2025-06-04" }, now, DEFAULT_CALENDAR)).toBe(false);
    }
    expect(isDeadlineSoon({ status: "open", deadline: "2025-06-01" }, now, DEFAULT_CALENDAR)).toBe(false);
    // 2025-06-05T17:30Z is already Friday 06/06 in Hanoi: Thursday's deadline has passed.
    expect(
      isDeadlineSoon({ status: "open", deadline: "2025-06-05" }, at("2025-06-05T17:30:00Z"), DEFAULT_CALENDAR),
    ).toBe(false);
  });
});

/** Parameters for every kind, each string field holding `value`. */
function paramsWith(value: string, n: number): { [K in NotificationKind]: TemplateParams[K] } {
  const measure = { measureId: value, unitName: value, deadline: "2026-12-31" };
  return {
    "lead.high_priority": { leadId: value, unitName: value, priority: n },
    "dismissal.awaiting_approval": { leadId: value, unitName: value },
    "contest.filed": { leadId: value, trackingCode: value },
    "lead.reporter_replied": { leadId: value, trackingCode: value },
    "digest.daily": { date: "2026-12-07", overdueLeads: n, overdueMeasures: n },
    "measure.answered": { measureId: value, inspectionId: value, unitName: value },
    "measure.created": measure,
    "measure.deadline_soon": measure,
    "measure.overdue": measure,
    "measure.verified": measure,
    "measure.rejected": measure,
    "report.status_changed": { trackingCode: value, status: "in_review" },
  };
}

describe("templates", () => {
  const base = { origin: "https://portal.test" };

  it("every kind renders in both languages, with a subject, a link and no hole", () => {
    const params = paramsWith("PA-ABCD-2345", 3);
    for (const kind of NOTIFICATION_KINDS) {
      for (const lang of ["vi", "en"] as const) {
        const mail = render(kind, lang, params[kind] as TemplateParams[typeof kind], base);
        expect(mail.subject.length).toBeGreaterThan(5);
        expect(mail.text).toContain("https://portal.test/");
        expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/undefined|null|NaN|\{\w+\}/);
      }
    }
  });

  it("escapes every value in the HTML part (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...NOTIFICATION_KINDS), fc.string(), (kind, value) => {
        const html = render(kind, "vi", paramsWith(`<b>${value}`, 1)[kind] as TemplateParams[typeof kind], base).html;
        return !html.includes("<b>");
      }),
    );
  });

  it("dates read dd/mm/yyyy and counts the Vietnamese way", () => {
    const mail = render("digest.daily", "vi", { date: "2026-12-07", overdueLeads: 1586, overdueMeasures: 2 }, base);
    expect(mail.subject).toContain("07/12/2026");
    expect(mail.text).toContain("1.586");
  });

  it("the reporter's e-mail links to the follow page without any secret, and says it never holds one", () => {
    const mail = render("report.status_changed", "en", { trackingCode: "PA-ABCD-2345", status: "concluded" }, base);
    expect(mail.text).toContain("https://portal.test/en/follow/");
    expect(mail.text).toContain("concluded");
    expect(mail.text).toContain("We never send your secret by e-mail.");
  });
});
