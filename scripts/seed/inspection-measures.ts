// SAMPLE DATA: the corrective measures of the seeded inspections, each given
// a scripted fate and carried through it by the Worker's own rules: the
// team's acts by `measureTransition`, the cron's runs by `escalations`
// (worker/src/domain/inspections), with the audit events of the services'
// row builders (worker/src/db/rows). An inspection whose measures are all
// verified is closed, as `applyMeasureAction` closes it.
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import type { MeasureRequest, MeasureState } from "../../worker/src/domain/inspections/index.ts";
import type { Domain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";
import { iso } from "./ids.ts";
import { cycle, headOf, type MeasureFate, type SeedInspection } from "./inspection-model.ts";
import { RESPONSES } from "./inspection-texts.ts";
import type { Rng } from "./sql.ts";

/** A moment of a seeded measure's history: a cron run, or a scripted act of a team member. */
type MeasureStep = { at: number; cron: true } | { at: number; cron?: false; action: "respond" | "verify"; by: string };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CRON_MS = 5 * 60_000;
const nextTick = (ms: number) => Math.ceil(ms / CRON_MS) * CRON_MS;

const { supervisor, inspector } = DEMO_ACCOUNTS;

/**
 * Gives each measure of `inspections` a fate (past deadlines mostly settled,
 * future ones open or responded) and replays its history up to `now`;
 * `responses` is where the cycle of sample responses starts. Mutates the
 * measures, the inspections' audit trails and the inspections it closes.
 */
export function carryMeasures(
  domain: Domain,
  rng: Rng,
  inspections: readonly SeedInspection[],
  { calendar, now, responses }: { calendar: WorkingCalendar; now: Date; responses: number },
): void {
  const { measureTransition, escalations } = domain.inspections;
  const { rows } = domain;
  const nowMs = now.getTime();
  let measureCount = responses;
  const all = inspections.flatMap((i) => i.measures.map((m) => ({ m, insp: i })));
  const pastFates: MeasureFate[] = [
    "verified_on_time",
    "overdue",
    "verified_late",
    "verified_on_time",
    "overdue_responded",
  ];
  const futureFates: MeasureFate[] = ["open", "responded", "verified_on_time"];
  let past = 0;
  let future = 0;
  for (const { m, insp } of all) {
    const due = Date.parse(domain.inspections.deadlineEnd(m.deadline));
    const isPast = due < nowMs - 3 * DAY_MS;
    m.fate = isPast ? cycle(pastFates, past++) : cycle(futureFates, future++);
    // Surprise and verification inspections meant to show a status keep it.
    if (insp.target === "closed") m.fate = isPast && m.id.charCodeAt(0) % 2 ? "verified_late" : "verified_on_time";
    if (insp.target === "concluded" && m === insp.measures[0]) m.fate = isPast ? "overdue" : "open";
    const created = m.createdAt;
    const actions: MeasureStep[] = [];
    const clamp = (t: number) => Math.min(t, nowMs - HOUR_MS);
    if (m.fate === "verified_on_time" || m.fate === "responded") {
      const respondAt = clamp(created + (due - created) * (0.4 + rng.next() * 0.5));
      actions.push({ at: respondAt, action: "respond", by: inspector.id });
      if (m.fate === "verified_on_time") {
        actions.push({ at: clamp(respondAt + rng.int(1, 6) * DAY_MS), action: "verify", by: headOf(insp.team) });
      }
    } else if (m.fate === "verified_late" || m.fate === "overdue_responded") {
      const respondAt = clamp(due + rng.int(3, 25) * DAY_MS);
      actions.push({ at: respondAt, action: "respond", by: inspector.id });
      if (m.fate === "verified_late")
        actions.push({ at: clamp(respondAt + rng.int(1, 5) * DAY_MS), action: "verify", by: headOf(insp.team) });
    }
    let state: MeasureState = {
      id: m.id,
      status: "open",
      deadline: m.deadline,
      response: null,
      respondedAt: null,
      verifiedAt: null,
      verifiedBy: null,
      verifiedOnTime: null,
      overdueSince: null,
      lastEscalatedAt: null,
    };
    let updated = created;
    // The cron: every 6 hours from the creation, plus each scripted action.
    const ticks: MeasureStep[] = [];
    for (let t = nextTick(created + CRON_MS); t < nowMs; t += 6 * HOUR_MS) ticks.push({ at: t, cron: true });
    const firstOverdueTick = nextTick(due);
    if (firstOverdueTick < nowMs) ticks.push({ at: firstOverdueTick, cron: true });
    const events = [...ticks, ...actions].sort((a, b) => a.at - b.at);
    for (const event of events) {
      if (event.cron) {
        const plan = escalations([state], new Date(event.at), calendar);
        for (const o of plan.overdue) {
          state = { ...state, ...o.patch };
          updated = event.at;
          insp.audit.push(rows.measureOverdueEvent(m.id, o.event, iso(event.at)));
        }
        for (const e of plan.escalated) {
          state = { ...state, ...e.patch };
          insp.audit.push(rows.measureEscalatedEvent(m.id, e, iso(event.at)));
        }
        continue;
      }
      const request: MeasureRequest =
        event.action === "respond"
          ? { action: "respond", response: cycle(RESPONSES, measureCount++) }
          : { action: "verify" };
      const result = measureTransition(
        state,
        request,
        { id: event.by, role: event.by === supervisor.id ? "supervisor" : "inspector" },
        insp.team,
        new Date(event.at),
      );
      if (!result.ok) throw new Error(`Seed measure ${m.id}: ${request.action} refused (${JSON.stringify(result)})`);
      state = { ...state, ...result.patch };
      updated = event.at;
      insp.audit.push(rows.measureActionEvent(event.by, m.id, request.action, result.event, iso(event.at)));
    }
    Object.assign(m, {
      status: state.status,
      response: state.response,
      responded_at: state.respondedAt,
      verified_at: state.verifiedAt,
      verified_by: state.verifiedBy,
      verified_on_time: state.verifiedOnTime,
      overdue_since: state.overdueSince,
      last_escalated_at: state.lastEscalatedAt,
      updatedAt: updated,
    });
  }
  for (const insp of inspections) {
    if (insp.status !== "concluded" || !insp.measures.every((m) => m.status === "verified")) continue;
    const at = Math.max(...insp.measures.map((m) => Date.parse(m.verified_at ?? "")));
    insp.status = "closed";
    insp.closedAt = at;
    insp.audit.push(rows.inspectionClosedEvent(headOf(insp.team), insp.id, insp.measures.length, iso(at)));
  }
}
