import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INSPECTION_STATUSES, type InspectionStatus, type TeamMemberInput } from "../../src/contracts/inspections";
import {
  allowedActions,
  authorize,
  type CandidateLead,
  type CreateContext,
  type CreateRequest,
  cancelInspection,
  closeInspection,
  createInspection,
  editTeam,
  type InspectionActor,
  type InspectionState,
  isRecused,
  LIFECYCLE_ACTIONS,
  SYSTEM_ACTOR,
  startInspection,
  teamConflicts,
  windowErrors,
} from "../../src/domain/inspections";

/**
 * Issue 4's lifecycle written out independently of LIFECYCLE:
 * `status>action` → who may. "sup" any supervisor, "team" any team member
 * (inspector or supervisor), "teamsup" a supervisor on the team, "system".
 */
const SPEC: Record<string, "sup" | "team" | "teamsup" | "system"> = {
  "planned>move": "sup",
  "in_progress>move": "sup",
  "planned>edit_team": "sup",
  "in_progress>edit_team": "sup",
  "planned>split": "sup",
  "planned>cancel": "sup",
  "planned>start": "team",
  "in_progress>record_finding": "team",
  "planned>upload": "team",
  "in_progress>upload": "team",
  "concluded>upload": "team",
  "in_progress>conclude": "teamsup",
  "concluded>close": "system",
};

const TEAM: TeamMemberInput[] = [
  { userId: "on-team-inspector", role: "member" },
  { userId: "on-team-supervisor", role: "head" },
];

const inspection = (status: InspectionStatus, over: Partial<InspectionState> = {}): InspectionState => ({
  id: "INS1",
  type: "scheduled",
  status,
  unitId: "phong-dat-dai",
  year: 2026,
  plannedStart: "2026-03-02",
  plannedEnd: "2026-03-06",
  team: TEAM,
  leadIds: ["L1", "L2"],
  ...over,
});

const ACTORS: Record<string, InspectionActor> = {
  "inspector on team": { id: "on-team-inspector", role: "inspector" },
  "supervisor on team": { id: "on-team-supervisor", role: "supervisor" },
  "inspector off team": { id: "other-inspector", role: "inspector" },
  "supervisor off team": { id: "other-supervisor", role: "supervisor" },
  admin: { id: "admin", role: "admin" },
  system: SYSTEM_ACTOR,
};

function expected(who: string | undefined, actorName: string): "illegal" | "forbidden" | "ok" {
  if (!who) return "illegal";
  const actor = ACTORS[actorName];
  const onTeam = actorName.includes("on team");
  const ok =
    (who === "system" && actor?.role === "system") ||
    (who === "sup" && actor?.role === "supervisor") ||
    (who === "team" && onTeam) ||
    (who === "teamsup" && onTeam && actor?.role === "supervisor");
  return ok ? "ok" : "forbidden";
}

const combinations = INSPECTION_STATUSES.flatMap((status) =>
  LIFECYCLE_ACTIONS.flatMap((action) => Object.keys(ACTORS).map((actor) => [status, action, actor] as const)),
);

describe("every (status, action, actor) combination", () => {
  it("covers the whole table", () => {
    expect(combinations).toHaveLength(5 * 9 * 6);
    expect(new Set(LIFECYCLE_ACTIONS)).toEqual(
      new Set(["move", "split", "edit_team", "start", "record_finding", "upload", "conclude", "cancel", "close"]),
    );
  });

  it.each(combinations)("%s / %s by %s", (status, action, actorName) => {
    const actor = ACTORS[actorName] as InspectionActor;
    const result = authorize(inspection(status), action, actor);
    const want = expected(SPEC[`${status}>${action}`], actorName);
    if (want === "ok") expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, error: want });
    if (action !== "cancel" && action !== "close") {
      expect(allowedActions(inspection(status), actor).includes(action)).toBe(want === "ok");
    }
  });
});

describe("buttons that depend on the leads", () => {
  const sup: InspectionActor = { id: "on-team-supervisor", role: "supervisor" };

  it("hides split below two leads and findings without leads, when the leads are given", () => {
    expect(allowedActions(inspection("planned", { leadIds: ["L1"] }), sup)).not.toContain("split");
    expect(allowedActions(inspection("planned", { leadIds: ["L1", "L2"] }), sup)).toContain("split");
    expect(allowedActions(inspection("in_progress", { leadIds: [] }), sup)).not.toContain("record_finding");
    expect(allowedActions(inspection("in_progress", { leadIds: ["L1"] }), sup)).toContain("record_finding");
    expect(allowedActions({ status: "planned", team: TEAM }, sup)).toContain("split");
  });
});

describe("who may do nothing", () => {
  it("admins: no action on any inspection", () => {
    for (const status of INSPECTION_STATUSES) {
      expect(allowedActions(inspection(status), ACTORS.admin as InspectionActor)).toEqual([]);
    }
  });

  it("a team member recused after joining (a new tie): nothing at all", () => {
    for (const status of INSPECTION_STATUSES) {
      for (const action of LIFECYCLE_ACTIONS.filter((a) => a !== "close")) {
        const result = authorize(inspection(status), action, {
          id: "on-team-supervisor",
          role: "supervisor",
          recused: true,
        });
        expect(result.ok).toBe(false);
      }
    }
    expect(
      authorize(inspection("planned"), "start", { id: "on-team-inspector", role: "inspector", recused: true }),
    ).toEqual({ ok: false, error: "forbidden", detail: "recused", pointers: [] });
  });

  it("closed and cancelled inspections take no action from anyone", () => {
    for (const actor of Object.values(ACTORS)) {
      expect(allowedActions(inspection("closed"), actor)).toEqual([]);
      expect(allowedActions(inspection("cancelled"), actor)).toEqual([]);
    }
  });
});

describe("recusal", () => {
  const ancestry = ["phong-dat-dai", "so-tnmt", "ubnd-tp"];

  it("covers the tied unit and everything below it, not the units above", () => {
    expect(isRecused(["phong-dat-dai"], ancestry)).toBe(true);
    expect(isRecused(["so-tnmt"], ancestry)).toBe(true);
    expect(isRecused(["ubnd-tp"], ancestry)).toBe(true);
    expect(isRecused(["phong-dat-dai"], ["so-tnmt", "ubnd-tp"])).toBe(false);
    expect(isRecused([], ancestry)).toBe(false);
    expect(isRecused(["so-xay-dung"], ancestry)).toBe(false);
  });

  it("is exactly 'some tie lies on the target's chain' (property)", () => {
    const unit = fc.constantFrom("a", "b", "c", "d", "e", "f");
    fc.assert(
      fc.property(fc.uniqueArray(unit), fc.uniqueArray(unit, { minLength: 1 }), (ties, chain) => {
        expect(isRecused(ties, chain)).toBe(ties.some((t) => chain.includes(t)));
      }),
    );
  });

  it("refuses recused, duplicate, non-staff members and a second head, each at its pointer", () => {
    const roles = new Map([
      ["u1", "inspector" as const],
      ["u2", "inspector" as const],
      ["u3", "supervisor" as const],
      ["adm", "admin" as const],
    ]);
    const team: TeamMemberInput[] = [
      { userId: "u1", role: "head" },
      { userId: "u2", role: "member" },
      { userId: "u1", role: "member" },
      { userId: "adm", role: "member" },
      { userId: "ghost", role: "member" },
      { userId: "u3", role: "head" },
    ];
    expect(teamConflicts(team, { u2: ["so-tnmt"] }, ancestry, roles)).toEqual([
      { index: 1, userId: "u2", reason: "recused", pointer: "/team/1/userId" },
      { index: 2, userId: "u1", reason: "duplicate", pointer: "/team/2/userId" },
      { index: 3, userId: "adm", reason: "not_staff", pointer: "/team/3/userId" },
      { index: 4, userId: "ghost", reason: "not_staff", pointer: "/team/4/userId" },
      { index: 5, userId: "u3", reason: "second_head", pointer: "/team/5/userId" },
    ]);
  });

  it("accepts ties as a Map too, and a recused would-be head does not use up the head seat", () => {
    const team: TeamMemberInput[] = [
      { userId: "u1", role: "head" },
      { userId: "u2", role: "head" },
    ];
    expect(teamConflicts(team, new Map([["u1", ["ubnd-tp"]]]), ancestry)).toEqual([
      { index: 0, userId: "u1", reason: "recused", pointer: "/team/0/userId" },
    ]);
  });

  it("a team with no conflicts never gets a recused member past it (property)", () => {
    const user = fc.constantFrom("u1", "u2", "u3", "u4");
    const unit = fc.constantFrom("a", "b", "c", "d");
    fc.assert(
      fc.property(
        fc.array(fc.record({ userId: user, role: fc.constantFrom("head" as const, "member" as const) }), {
          maxLength: 6,
        }),
        fc.dictionary(user, fc.uniqueArray(unit, { maxLength: 2 })),
        fc.uniqueArray(unit, { minLength: 1, maxLength: 3 }),
        (team, ties, chain) => {
          const conflicts = teamConflicts(team, ties, chain);
          const flagged = new Set(conflicts.map((c) => c.index));
          team.forEach((m, i) => {
            if (!flagged.has(i)) expect(isRecused(ties[m.userId] ?? [], chain)).toBe(false);
          });
          const kept = team.filter((_, i) => !flagged.has(i));
          expect(new Set(kept.map((m) => m.userId)).size).toBe(kept.length);
          expect(kept.filter((m) => m.role === "head").length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("windowErrors", () => {
  it("wants real dates, end not before start, one year, and the plan year when given", () => {
    expect(windowErrors("2026-03-02", "2026-03-06")).toEqual([]);
    expect(windowErrors("2026-03-02", "2026-03-02")).toEqual([]);
    expect(windowErrors("2026-03-06", "2026-03-02")).toEqual(["/plannedEnd"]);
    expect(windowErrors("2026-12-28", "2027-01-05")).toEqual(["/plannedEnd"]);
    expect(windowErrors("2026-02-30", "2026-03-02")).toEqual(["/plannedStart"]);
    expect(windowErrors("2026-03-02", "2026-13-01")).toEqual(["/plannedEnd"]);
    expect(windowErrors("2027-03-02", "2027-03-06", 2026)).toEqual(["/plannedStart"]);
  });
});

describe("createInspection", () => {
  const lead = (id: string, over: Partial<CandidateLead> = {}): CandidateLead => ({
    id,
    unitId: "phong-dat-dai",
    status: "referred",
    inspectionId: null,
    ...over,
  });
  const context = (over: Partial<CreateContext> = {}): CreateContext => ({
    unitAncestry: ["phong-dat-dai", "so-tnmt", "ubnd-tp"],
    tiesByUser: { "inspector-tied": ["so-tnmt"] },
    leads: new Map([
      ["L1", lead("L1")],
      ["L2", lead("L2")],
      ["L-new", lead("L-new", { status: "in_review" })],
      ["L-other", lead("L-other", { unitId: "so-xay-dung" })],
      ["L-taken", lead("L-taken", { inspectionId: "INS0" })],
    ]),
    existing: [],
    now: new Date("2026-02-10T03:00:00Z"),
    ...over,
  });
  const request = (over: Partial<CreateRequest> = {}): CreateRequest => ({
    type: "scheduled",
    unitId: "phong-dat-dai",
    plannedStart: "2026-03-02",
    plannedEnd: "2026-03-06",
    scope: "  Giải quyết thủ tục đất đai  ",
    leadIds: ["L1", "L2"],
    team: [{ userId: "i1", role: "head" }],
    ...over,
  });
  const sup: InspectionActor = { id: "s1", role: "supervisor" };

  it("creates a planned inspection of the plan year with the creator on the team", () => {
    const result = createInspection(request(), sup, context());
    expect(result).toMatchObject({
      ok: true,
      inspection: {
        status: "planned",
        year: 2026,
        scope: "Giải quyết thủ tục đất đai",
        leadIds: ["L1", "L2"],
        team: [
          { userId: "i1", role: "head" },
          { userId: "s1", role: "member" },
        ],
        createdBy: "s1",
        createdAt: "2026-02-10T03:00:00.000Z",
      },
      event: { action: "create", before: {}, after: { status: "planned", team: ["i1", "s1"] } },
    });
  });

  it("does not add the creator twice when listed", () => {
    const result = createInspection(request({ team: [{ userId: "s1", role: "head" }] }), sup, context());
    expect(result.ok && result.inspection.team).toEqual([{ userId: "s1", role: "head" }]);
  });

  it("is a supervisor's act, and not a recused one's", () => {
    expect(createInspection(request(), { id: "i1", role: "inspector" }, context())).toMatchObject({
      error: "forbidden",
    });
    expect(createInspection(request(), { id: "a", role: "admin" }, context())).toMatchObject({ error: "forbidden" });
    expect(createInspection(request(), { ...sup, recused: true }, context())).toMatchObject({
      error: "forbidden",
      detail: "recused",
    });
  });

  it("points at every unattachable lead, bad window, blank scope and recused member at once", () => {
    const result = createInspection(
      request({
        plannedEnd: "2026-02-01",
        scope: "   ",
        leadIds: ["L1", "L-new", "L-other", "L-taken", "L-unknown", "L1"],
        team: [
          { userId: "i1", role: "head" },
          { userId: "inspector-tied", role: "member" },
        ],
      }),
      sup,
      context(),
    );
    expect(result).toEqual({
      ok: false,
      error: "invalid",
      detail: "missing_or_invalid",
      pointers: [
        "/plannedEnd",
        "/scope",
        "/leadIds/1",
        "/leadIds/2",
        "/leadIds/3",
        "/leadIds/4",
        "/leadIds/5",
        "/team/1/userId",
      ],
    });
  });

  it("refuses a second scheduled visit of a unit in a year (plan_conflict), but not after a cancellation", () => {
    const existing = [
      { id: "INS0", type: "scheduled" as const, unitId: "phong-dat-dai", year: 2026, status: "planned" as const },
    ];
    expect(createInspection(request(), sup, context({ existing }))).toEqual({
      ok: false,
      error: "illegal",
      detail: "plan_conflict",
      pointers: [],
    });
    const cancelled = [{ ...existing[0], status: "cancelled" as const }] as CreateContext["existing"];
    expect(createInspection(request(), sup, context({ existing: cancelled })).ok).toBe(true);
    const lastYear = [{ ...existing[0], year: 2025 }] as CreateContext["existing"];
    expect(createInspection(request(), sup, context({ existing: lastYear })).ok).toBe(true);
  });

  it("lets surprise and verification inspections happen whatever the plan holds", () => {
    const existing = [
      { id: "INS0", type: "scheduled" as const, unitId: "phong-dat-dai", year: 2026, status: "in_progress" as const },
    ];
    expect(createInspection(request({ type: "surprise", leadIds: [] }), sup, context({ existing })).ok).toBe(true);
    expect(createInspection(request({ type: "verification" }), sup, context({ existing })).ok).toBe(true);
  });
});

describe("transitions", () => {
  const now = new Date("2026-03-02T01:30:00Z");
  const member: InspectionActor = { id: "on-team-inspector", role: "inspector" };
  const sup: InspectionActor = { id: "other-supervisor", role: "supervisor" };

  it("start: planned → in_progress with the time, by a team member", () => {
    expect(startInspection(inspection("planned"), member, now)).toEqual({
      ok: true,
      patch: { status: "in_progress", startedAt: "2026-03-02T01:30:00.000Z" },
      event: {
        action: "start",
        before: { status: "planned" },
        after: { status: "in_progress", startedAt: "2026-03-02T01:30:00.000Z" },
      },
    });
    expect(startInspection(inspection("planned"), sup, now)).toMatchObject({
      error: "forbidden",
      detail: "not_on_team",
    });
    expect(startInspection(inspection("in_progress"), member, now)).toMatchObject({ error: "illegal" });
  });

  it("cancel: only a planned visit, by a supervisor, with a real reason; its leads are detached", () => {
    expect(cancelInspection(inspection("planned"), "  Đơn vị sáp nhập từ 01/7  ", sup)).toEqual({
      ok: true,
      patch: { status: "cancelled", cancelledReason: "Đơn vị sáp nhập từ 01/7" },
      event: {
        action: "cancel",
        before: { status: "planned" },
        after: { status: "cancelled", reason: "Đơn vị sáp nhập từ 01/7", detachedLeadIds: ["L1", "L2"] },
      },
    });
    expect(cancelInspection(inspection("planned"), "vì", sup)).toMatchObject({
      error: "invalid",
      pointers: ["/reason"],
    });
    expect(cancelInspection(inspection("in_progress"), "Đơn vị sáp nhập từ 01/7", sup)).toMatchObject({
      error: "illegal",
    });
    expect(cancelInspection(inspection("planned"), "Đơn vị sáp nhập từ 01/7", member)).toMatchObject({
      error: "forbidden",
    });
  });

  it("edit_team: refuses an empty team and recused members, records before and after", () => {
    const ctx = { unitAncestry: ["phong-dat-dai", "so-tnmt"], tiesByUser: { tied: ["so-tnmt"] } };
    expect(editTeam(inspection("planned"), [], sup, ctx)).toMatchObject({ error: "invalid", pointers: ["/team"] });
    expect(editTeam(inspection("planned"), [{ userId: "tied", role: "head" }], sup, ctx)).toEqual({
      ok: false,
      error: "invalid",
      detail: "team_conflict",
      pointers: ["/team/0/userId"],
    });
    expect(editTeam(inspection("in_progress"), [{ userId: "i9", role: "head" }], sup, ctx)).toEqual({
      ok: true,
      patch: { team: [{ userId: "i9", role: "head" }] },
      event: {
        action: "edit_team",
        before: { team: ["on-team-inspector:member", "on-team-supervisor:head"] },
        after: { team: ["i9:head"] },
      },
    });
    expect(editTeam(inspection("concluded"), [{ userId: "i9", role: "head" }], sup, ctx)).toMatchObject({
      error: "illegal",
    });
  });

  it("close: by the system only, once every measure is verified", () => {
    expect(closeInspection(inspection("concluded"), [{ status: "verified" }], now)).toMatchObject({
      ok: true,
      patch: { status: "closed", closedAt: "2026-03-02T01:30:00.000Z" },
    });
    expect(closeInspection(inspection("concluded"), [{ status: "verified" }, { status: "overdue" }], now)).toEqual({
      ok: false,
      error: "illegal",
      detail: "measures_pending",
      pointers: [],
    });
    expect(closeInspection(inspection("concluded"), [], now, sup)).toMatchObject({ error: "forbidden" });
    expect(closeInspection(inspection("in_progress"), [], now)).toMatchObject({ error: "illegal" });
  });
});
