import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MEASURE_STATUSES, type MeasureStatus, type TeamMemberInput } from "../../src/contracts/inspections";
import { DEFAULT_CALENDAR, workingCalendar } from "../../src/domain/calendar";
import {
  allowedMeasureActions,
  conclusionImplemented,
  deadlineEnd,
  escalations,
  type InspectionActor,
  MEASURE_ACTIONS,
  type MeasureAction,
  type MeasureRequest,
  type MeasureState,
  measureTransition,
  onTimeShare,
  pastDeadline,
  SYSTEM_ACTOR,
  timeliness,
} from "../../src/domain/inspections";

const TEAM: TeamMemberInput[] = [
  { userId: "team-inspector", role: "member" },
  { userId: "team-supervisor", role: "head" },
];

const measure = (status: MeasureStatus, over: Partial<MeasureState> = {}): MeasureState => ({
  id: "M1",
  status,
  deadline: "2026-03-31",
  response: status === "responded" || status === "verified" ? "Đã bố trí lại bộ phận một cửa" : null,
  respondedAt: status === "responded" || status === "verified" ? "2026-03-20T02:00:00.000Z" : null,
  verifiedAt: null,
  verifiedBy: null,
  verifiedOnTime: null,
  overdueSince: status === "overdue" ? "2026-03-31T17:00:00.000Z" : null,
  lastEscalatedAt: null,
  ...over,
});

/** Issue 4's measure states, written out independently: `status>action` → who. */
const SPEC: Record<string, "staff" | "team" | "system"> = {
  "open>respond": "staff",
  "overdue>respond": "staff",
  "responded>respond": "staff",
  "responded>verify": "team",
  "responded>reject": "team",
  "open>mark_overdue": "system",
};

const ACTORS: Record<string, InspectionActor> = {
  "inspector on team": { id: "team-inspector", role: "inspector" },
  "supervisor on team": { id: "team-supervisor", role: "supervisor" },
  "inspector off team": { id: "x-inspector", role: "inspector" },
  "supervisor off team": { id: "x-supervisor", role: "supervisor" },
  admin: { id: "admin", role: "admin" },
  system: SYSTEM_ACTOR,
  // The service loads only the liaison's own unit's measures; the rule lets them answer, never judge.
  "unit liaison": { id: "liaison", role: "unit_liaison" },
};

const REQUESTS: Record<MeasureAction, MeasureRequest> = {
  respond: { action: "respond", response: "Đơn vị đã ban hành quy trình mới, gửi kèm công văn số 12" },
  verify: { action: "verify" },
  reject: { action: "reject", reason: "Chưa có bằng chứng thực hiện tại bộ phận một cửa" },
  mark_overdue: { action: "mark_overdue" },
};

const afterDeadline = new Date("2026-04-01T02:00:00Z");
const beforeDeadline = new Date("2026-03-25T02:00:00Z");

const combinations = MEASURE_STATUSES.flatMap((status) =>
  MEASURE_ACTIONS.flatMap((action) => Object.keys(ACTORS).map((actor) => [status, action, actor] as const)),
);

describe("every (status, action, actor) combination", () => {
  it("covers the whole table", () => {
    expect(combinations).toHaveLength(4 * 4 * 7);
  });

  it.each(combinations)("%s / %s by %s", (status, action, actorName) => {
    const actor = ACTORS[actorName] as InspectionActor;
    const who = SPEC[`${status}>${action}`];
    const onTeam = actorName.includes("on team");
    const staff = actor.role === "inspector" || actor.role === "supervisor" || actor.role === "unit_liaison";
    const ok =
      who !== undefined &&
      ((who === "staff" && staff) || (who === "team" && onTeam) || (who === "system" && actor.role === "system"));
    const result = measureTransition(measure(status), REQUESTS[action], actor, TEAM, afterDeadline);
    if (ok) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, error: who ? "forbidden" : "illegal" });
    expect(allowedMeasureActions(measure(status), actor, TEAM).includes(action)).toBe(ok);
  });

  it("admins can do nothing, and recused staff neither", () => {
    for (const status of MEASURE_STATUSES) {
      expect(allowedMeasureActions(measure(status), ACTORS.admin as InspectionActor, TEAM)).toEqual([]);
      expect(
        allowedMeasureActions(measure(status), { id: "team-inspector", role: "inspector", recused: true }, TEAM),
      ).toEqual([]);
    }
  });
});

describe("deadlines", () => {
  it("end at midnight in Hanoi", () => {
    expect(deadlineEnd("2026-03-31")).toBe("2026-03-31T17:00:00.000Z");
    expect(pastDeadline("2026-03-31", "2026-03-31T16:59:59.999Z")).toBe(false);
    expect(pastDeadline("2026-03-31", new Date("2026-03-31T17:00:00Z"))).toBe(true);
  });
});

describe("transitions", () => {
  const member = ACTORS["inspector on team"] as InspectionActor;
  const clerk = ACTORS["inspector off team"] as InspectionActor;

  it("respond: records the cleaned response and its time, says whether it is on time", () => {
    const result = measureTransition(
      measure("open"),
      { action: "respond", response: "  Đã chấn chỉnh, có biên bản họp  " },
      clerk,
      TEAM,
      beforeDeadline,
    );
    expect(result).toEqual({
      ok: true,
      patch: {
        status: "responded",
        response: "Đã chấn chỉnh, có biên bản họp",
        respondedAt: "2026-03-25T02:00:00.000Z",
      },
      event: {
        action: "respond",
        before: { status: "open" },
        after: { status: "responded", onTime: true, amended: false },
      },
    });
    const late = measureTransition(measure("overdue"), REQUESTS.respond, clerk, TEAM, afterDeadline);
    expect(late).toMatchObject({ ok: true, event: { after: { onTime: false } } });
    const amended = measureTransition(measure("responded"), REQUESTS.respond, clerk, TEAM, beforeDeadline);
    expect(amended).toMatchObject({ ok: true, event: { after: { amended: true } } });
    expect(
      measureTransition(measure("open"), { action: "respond", response: "Đã xong" }, clerk, TEAM, beforeDeadline),
    ).toEqual({
      ok: false,
      error: "invalid",
      detail: "missing_or_invalid",
      pointers: ["/response"],
    });
  });

  it("verify: on time when the accepted response came by the deadline, whenever the verification", () => {
    expect(measureTransition(measure("responded"), REQUESTS.verify, member, TEAM, afterDeadline)).toEqual({
      ok: true,
      patch: {
        status: "verified",
        verifiedAt: "2026-04-01T02:00:00.000Z",
        verifiedBy: "team-inspector",
        verifiedOnTime: true,
      },
      event: { action: "verify", before: { status: "responded" }, after: { status: "verified", verifiedOnTime: true } },
    });
    const lateResponse = measure("responded", { respondedAt: "2026-03-31T17:00:00.000Z" });
    expect(measureTransition(lateResponse, REQUESTS.verify, member, TEAM, afterDeadline)).toMatchObject({
      patch: { verifiedOnTime: false },
    });
  });

  it("reject: back to open before the deadline, to overdue after it, with a reason", () => {
    expect(measureTransition(measure("responded"), REQUESTS.reject, member, TEAM, beforeDeadline)).toEqual({
      ok: true,
      patch: { status: "open" },
      event: {
        action: "reject",
        before: { status: "responded" },
        after: { status: "open", reason: "Chưa có bằng chứng thực hiện tại bộ phận một cửa" },
      },
    });
    expect(measureTransition(measure("responded"), REQUESTS.reject, member, TEAM, afterDeadline)).toMatchObject({
      patch: { status: "overdue", overdueSince: "2026-03-31T17:00:00.000Z" },
    });
    const wasOverdue = measure("responded", { overdueSince: "2026-03-31T17:00:00.000Z" });
    expect(
      measureTransition(wasOverdue, REQUESTS.reject, member, TEAM, new Date("2026-05-01T00:00:00Z")),
    ).toMatchObject({
      patch: { overdueSince: "2026-03-31T17:00:00.000Z" },
    });
    expect(
      measureTransition(measure("responded"), { action: "reject", reason: " " }, member, TEAM, beforeDeadline),
    ).toMatchObject({ error: "invalid", pointers: ["/reason"] });
  });

  it("mark_overdue: only past the deadline, with the deadline as overdueSince", () => {
    expect(measureTransition(measure("open"), REQUESTS.mark_overdue, SYSTEM_ACTOR, [], beforeDeadline)).toMatchObject({
      error: "illegal",
      detail: "not_due",
    });
    expect(measureTransition(measure("open"), REQUESTS.mark_overdue, SYSTEM_ACTOR, [], afterDeadline)).toMatchObject({
      ok: true,
      patch: { status: "overdue", overdueSince: "2026-03-31T17:00:00.000Z" },
    });
  });

  it("a verified measure is final", () => {
    for (const actor of Object.values(ACTORS))
      expect(allowedMeasureActions(measure("verified"), actor, TEAM)).toEqual([]);
  });
});

describe("escalations", () => {
  const at = (iso: string) => new Date(iso);

  it("marks an open measure overdue and escalates it the first night after the deadline", () => {
    const plan = escalations([measure("open")], at("2026-03-31T18:00:00Z"));
    expect(plan).toEqual({
      overdue: [
        {
          id: "M1",
          patch: { status: "overdue", overdueSince: "2026-03-31T17:00:00.000Z" },
          event: expect.objectContaining({ action: "mark_overdue" }),
        },
      ],
      escalated: [
        {
          id: "M1",
          kind: "overdue",
          workingDaysLate: 1,
          patch: { lastEscalatedAt: "2026-03-31T18:00:00.000Z" },
          event: {
            action: "escalate",
            before: { lastEscalatedAt: null },
            after: { kind: "overdue", workingDaysLate: 1 },
          },
        },
      ],
    });
  });

  it("does nothing before the deadline, nor to verified measures", () => {
    expect(
      escalations([measure("open"), measure("verified", { deadline: "2026-01-02" })], at("2026-03-31T16:00:00Z")),
    ).toEqual({
      overdue: [],
      escalated: [],
    });
  });

  it("escalates again every five working days, counting over holidays", () => {
    const escalated = measure("overdue", { deadline: "2026-04-24", lastEscalatedAt: "2026-04-25T01:00:00.000Z" });
    // 27/4 (Hùng Kings, moved), 30/4, 1/5 are days off: five working days after Saturday 25/4 is Wednesday 6/5.
    expect(escalations([escalated], at("2026-05-05T16:00:00Z")).escalated).toEqual([]);
    expect(escalations([escalated], at("2026-05-05T17:00:00Z")).escalated).toMatchObject([{ kind: "overdue" }]);
    expect(escalations([escalated], at("2026-05-05T01:00:00Z"), workingCalendar([])).escalated).toHaveLength(1);
    expect(
      escalations([escalated], at("2026-04-30T01:00:00Z"), workingCalendar([]), { repeatWorkingDays: 3 }).escalated,
    ).toHaveLength(1);
  });

  it("escalates an unverified response after ten working days, even one that was escalated as overdue", () => {
    const responded = measure("responded", {
      deadline: "2026-03-10",
      respondedAt: "2026-03-16T03:00:00.000Z",
      overdueSince: "2026-03-10T17:00:00.000Z",
      lastEscalatedAt: "2026-03-13T01:00:00.000Z",
    });
    expect(escalations([responded], at("2026-03-30T16:59:00Z")).escalated).toEqual([]);
    expect(escalations([responded], at("2026-03-30T17:00:00Z")).escalated).toMatchObject([
      { kind: "verification_late", workingDaysLate: 1 },
    ]);
    expect(escalations([responded], at("2026-04-02T01:00:00Z")).escalated).toMatchObject([
      { kind: "verification_late", workingDaysLate: 3 },
    ]);
  });

  it("escalates a job that missed days once, not once per missed day", () => {
    expect(escalations([measure("open")], at("2026-06-01T00:00:00Z")).escalated).toHaveLength(1);
  });

  const instant = fc
    .integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2026-12-31T00:00:00Z") })
    .map((t) => new Date(t));
  const measureArb = fc.record({
    id: fc.uuid(),
    status: fc.constantFrom(...MEASURE_STATUSES),
    deadline: fc.constantFrom("2026-02-13", "2026-04-30", "2026-06-15", "2026-09-01", "2026-12-31"),
    response: fc.constant(null),
    respondedAt: fc.option(
      instant.map((d) => d.toISOString()),
      { nil: null },
    ),
    verifiedAt: fc.constant(null),
    verifiedBy: fc.constant(null),
    verifiedOnTime: fc.constant(null),
    overdueSince: fc.constant(null),
    lastEscalatedAt: fc.option(
      instant.map((d) => d.toISOString()),
      { nil: null },
    ),
  }) as fc.Arbitrary<MeasureState>;

  const apply = (measures: MeasureState[], plan: ReturnType<typeof escalations>) =>
    measures.map((m) => {
      const marked = plan.overdue.find((o) => o.id === m.id);
      const escalated = plan.escalated.find((e) => e.id === m.id);
      return { ...m, ...(marked?.patch ?? {}), ...(escalated?.patch ?? {}) };
    });

  it("is idempotent: after writing its patches, the same run finds nothing (property)", () => {
    fc.assert(
      fc.property(fc.array(measureArb, { maxLength: 8 }), instant, (measures, now) => {
        const first = escalations(measures, now);
        expect(escalations(apply(measures, first), now)).toEqual({ overdue: [], escalated: [] });
      }),
    );
  });

  it("escalates a stuck measure at most once per five working days over a year of nightly runs (property)", () => {
    fc.assert(
      fc.property(measureArb, (m) => {
        let state: MeasureState = { ...m, lastEscalatedAt: null };
        const times: string[] = [];
        for (let day = 0; day < 365; day += 1) {
          const now = new Date(Date.parse("2026-01-01T20:00:00Z") + day * 86_400_000);
          const plan = escalations([state], now);
          for (const e of plan.escalated) times.push(e.patch.lastEscalatedAt);
          state = apply([state], plan)[0] as MeasureState;
          if (pastDeadline(state.deadline, now) && state.status === "open")
            throw new Error("left open past the deadline");
        }
        for (let i = 1; i < times.length; i++) {
          const gapDays = (Date.parse(times[i] as string) - Date.parse(times[i - 1] as string)) / 86_400_000;
          expect(gapDays).toBeGreaterThanOrEqual(5);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("conclusionImplemented", () => {
  it("is true only when every measure is verified; a conclusion without measures is implemented", () => {
    expect(conclusionImplemented([])).toBe(true);
    expect(conclusionImplemented([{ status: "verified" }, { status: "verified" }])).toBe(true);
    for (const status of ["open", "responded", "overdue"] as const) {
      expect(conclusionImplemented([{ status: "verified" }, { status }])).toBe(false);
    }
  });
});

describe("timeliness and onTimeShare", () => {
  const now = new Date("2026-04-10T00:00:00Z");

  it("classifies every case", () => {
    expect(timeliness(measure("verified", { verifiedOnTime: true }), now)).toBe("on_time");
    expect(timeliness(measure("verified", { verifiedOnTime: false }), now)).toBe("late");
    expect(timeliness(measure("verified", { verifiedOnTime: null }), now)).toBe("on_time");
    expect(timeliness(measure("verified", { verifiedOnTime: null, respondedAt: "2026-04-02T00:00:00Z" }), now)).toBe(
      "late",
    );
    expect(timeliness(measure("responded"), now)).toBe("pending");
    expect(timeliness(measure("responded", { respondedAt: "2026-04-02T00:00:00Z" }), now)).toBe("late");
    expect(timeliness(measure("open"), now)).toBe("late");
    expect(timeliness(measure("overdue"), now)).toBe("late");
    expect(timeliness(measure("open", { deadline: "2026-04-30" }), now)).toBe("pending");
  });

  it("counts open past the deadline as late, and has no share before anything is decided", () => {
    expect(
      onTimeShare(
        [measure("verified", { verifiedOnTime: true }), measure("open"), measure("open", { deadline: "2026-05-01" })],
        now,
      ),
    ).toEqual({ onTime: 1, late: 1, pending: 1, share: 0.5 });
    expect(onTimeShare([], now)).toEqual({ onTime: 0, late: 0, pending: 0, share: null });
    expect(onTimeShare([measure("open", { deadline: "2026-05-01" })], now).share).toBeNull();
  });

  it("adds up and stays between 0 and 1 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom(...MEASURE_STATUSES),
            deadline: fc.constantFrom("2026-03-01", "2026-04-10", "2026-05-01"),
            respondedAt: fc.option(fc.constantFrom("2026-02-01T00:00:00Z", "2026-04-20T00:00:00Z"), { nil: null }),
            verifiedOnTime: fc.option(fc.boolean(), { nil: null }),
          }),
        ),
        (measures) => {
          const share = onTimeShare(measures, now);
          expect(share.onTime + share.late + share.pending).toBe(measures.length);
          if (share.share !== null) expect(share.share >= 0 && share.share <= 1).toBe(true);
        },
      ),
    );
  });

  it("uses the default calendar unless told", () => {
    expect(DEFAULT_CALENDAR.holidays.has("2026-04-27")).toBe(true);
  });
});
