/**
 * Who is told what, and how hard the queue tries: pure rules for the
 * notification outbox. Events carry ids, codes, dates and counts only; the
 * templates (`notification-templates.ts`) cannot print free text.
 */

import type { NotificationKind } from "../contracts/notifications";
import { NOTIFICATION_KINDS } from "../contracts/notifications";
import { type CalendarInput, hanoiDate, workingDaysBetween } from "./calendar";

export type { NotificationKind } from "../contracts/notifications";

/**
 * Kinds nobody can turn off: a reporter's contest runs against a statutory
 * deadline, and a unit must be formally told of a corrective measure and of
 * its being overdue. Reviewed by a person, not derived.
 */
export const MANDATORY_KINDS: readonly NotificationKind[] = ["contest.filed", "measure.created", "measure.overdue"];

/** Whether `kind` ignores a recipient's opt-out. */
export function isMandatory(kind: NotificationKind): boolean {
  return MANDATORY_KINDS.includes(kind);
}

/** Whether `value` names a kind of notification. */
export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * A new lead at or above this priority is "high priority" for supervisors:
 * 40 is what severity 4 (harassment) alone gives (`SEVERITY_WEIGHT` × 4), so
 * every lead about demanded money, and a lesser one with corroboration, counts.
 */
export const HIGH_PRIORITY = 40;

/** Whether a lead opened with `priority` is announced to supervisors. */
export function isHighPriority(priority: number): boolean {
  return priority >= HIGH_PRIORITY;
}

/** Deliveries of one event before its failed messages are given up (matches `max_retries` in wrangler.toml). */
export const MAX_ATTEMPTS = 6;

/**
 * Seconds before the next delivery after `attempts` failed ones: 30 s, 60 s,
 * 120 s … doubling, at most an hour.
 *
 * @example
 * retryDelaySeconds(1) // 30
 * retryDelaySeconds(3) // 120
 * retryDelaySeconds(20) // 3600
 */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** What the queue should do with an event after one delivery. */
export type DeliveryVerdict = { kind: "ack" } | { kind: "retry"; delaySeconds: number } | { kind: "give_up" };

/**
 * The verdict for an event delivered for the `attempts`-th time, some of
 * whose messages failed (`failed` > 0) or none: retry with back-off until
 * `MAX_ATTEMPTS`, then give up (the failed messages become dead).
 */
export function deliveryVerdict(attempts: number, failed: number): DeliveryVerdict {
  if (failed === 0) return { kind: "ack" };
  if (attempts >= MAX_ATTEMPTS) return { kind: "give_up" };
  return { kind: "retry", delaySeconds: retryDelaySeconds(attempts) };
}

/** A recipient key: a staff account or the reporter of a report; never an address. */
export type RecipientKey = `user:${string}` | `reporter:${string}`;

/** A staff member who might receive a message about an event. */
export interface StaffCandidate {
  id: string;
  role: string;
  /** Tied to the event's unit or a unit above it: recused people hear nothing about it. */
  recused: boolean;
}

/** What routing knows about an event's subject. */
export interface RoutingFacts {
  kind: NotificationKind;
  /** Active staff, with their recusal for the event's unit (none for the digest). */
  staff: readonly StaffCandidate[];
  /** The lead's assignee, for a reporter's reply; the inspector to tell of a liaison's answer. */
  assigneeId?: string | null;
  /** The inspection's team, for a liaison's answer: told before anyone else. */
  team?: readonly string[];
  /** The kinds each user turned off. */
  optOuts: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The staff who get a message about an event: supervisors for the
 * supervisors' kinds; for a reporter's reply the lead's assignee, or every
 * inspector and supervisor when nobody has it; for a liaison's answer the
 * inspection's team (then the assignee, then everyone). Recused staff and those who
 * turned the kind off (unless it is mandatory) are left out.
 *
 * @example
 * staffRecipients({ kind: "contest.filed", staff, optOuts: new Map() }) // every unrecused supervisor
 */
export function staffRecipients(facts: RoutingFacts): RecipientKey[] {
  const eligible = facts.staff.filter((person) => !person.recused);
  let chosen: readonly StaffCandidate[];
  switch (facts.kind) {
    case "lead.high_priority":
    case "dismissal.awaiting_approval":
    case "contest.filed":
    case "digest.daily":
      chosen = eligible.filter((person) => person.role === "supervisor");
      break;
    case "lead.reporter_replied":
    case "measure.answered": {
      const team = facts.kind === "measure.answered" ? eligible.filter((p) => facts.team?.includes(p.id)) : [];
      const assignee = team.length
        ? team
        : facts.assigneeId
          ? eligible.filter((person) => person.id === facts.assigneeId)
          : [];
      chosen = assignee.length
        ? assignee
        : eligible.filter((person) => person.role === "inspector" || person.role === "supervisor");
      break;
    }
    default:
      chosen = [];
  }
  const mandatory = isMandatory(facts.kind);
  return chosen
    .filter((person) => mandatory || !facts.optOuts.get(person.id)?.has(facts.kind))
    .map((person) => `user:${person.id}` as const);
}

/** The part of a reporter's sealed contact that decides whether they are written to. */
export interface ReporterContact {
  email?: string;
  notifyByEmail?: boolean;
}

/**
 * Whether a report's reporter is told of a status change: only a named
 * reporter who gave an e-mail address and ticked the opt-in. Anonymous
 * reporters never are: their follow page is the channel.
 */
export function reporterWantsMail(track: string, contact: ReporterContact | null): contact is { email: string } {
  return track === "named" && !!contact?.email && contact.notifyByEmail === true;
}

/**
 * Deterministic event ids: the same happening always gives the same id, so
 * writing it twice is one row and the outbox sends one message per person.
 */
export const eventIds = {
  highPriorityLead: (leadId: string) => `lead.high_priority:${leadId}`,
  dismissalAwaitingApproval: (leadId: string, proposedAt: string) =>
    `dismissal.awaiting_approval:${leadId}:${proposedAt}`,
  contestFiled: (reportId: string) => `contest.filed:${reportId}`,
  reporterReplied: (messageId: string) => `lead.reporter_replied:${messageId}`,
  reportStatusChanged: (reportId: string, status: string, at: string) =>
    `report.status_changed:${reportId}:${status}:${at}`,
  dailyDigest: (hanoiDate: string) => `digest.daily:${hanoiDate}`,
  measureCreated: (measureId: string) => `measure.created:${measureId}`,
  measureDeadlineSoon: (measureId: string, deadline: string) => `measure.deadline_soon:${measureId}:${deadline}`,
  measureOverdue: (measureId: string, deadline: string) => `measure.overdue:${measureId}:${deadline}`,
  measureAnswered: (responseId: string) => `measure.answered:${responseId}`,
  measureVerified: (measureId: string) => `measure.verified:${measureId}`,
  measureRejected: (measureId: string, at: string) => `measure.rejected:${measureId}:${at}`,
} as const;

/** A unit's liaisons are warned when an open measure's deadline is this many working days away or fewer. */
export const DEADLINE_SOON_WORKING_DAYS = 3;

/**
 * Whether a measure's liaisons get the "deadline soon" e-mail now: it is
 * still `open` (not answered, not overdue) and its deadline (inclusive) is
 * today or at most `DEADLINE_SOON_WORKING_DAYS` working days after today in
 * Hanoi, by the working-day calendar (weekends, Tết and other holidays do not
 * count). The event id carries the deadline, so it is sent once per deadline.
 *
 * @example
 * // Friday 2025-01-24, Tết from Monday: the deadline 2025-02-04 is 2 working days away
 * isDeadlineSoon({ status: "open", deadline: "2025-02-04" }, new Date("2025-01-24T03:00:00Z"), DEFAULT_CALENDAR) // true
 */
export function isDeadlineSoon(
  measure: { status: string; deadline: string },
  now: Date,
  calendar: CalendarInput,
): boolean {
  if (measure.status !== "open") return false;
  const today = hanoiDate(now);
  if (measure.deadline < today) return false;
  return workingDaysBetween(today, measure.deadline, calendar) <= DEADLINE_SOON_WORKING_DAYS;
}
