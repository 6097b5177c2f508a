import type { CustomMessageKey } from "../contracts/messages";
import { HANOI_OFFSET_MS, hanoiDate } from "./calendar";

/**
 * Rules of staff intake (issue 11): a report that reached the team by phone,
 * post, in person or another channel is entered later by staff, and counts
 * from the day it was received, not from the day it was typed in.
 */

/** How far back a day received may be: one year before today in Hanoi. */
export const INTAKE_MAX_AGE_YEARS = 1;

/** The earliest day received staff may enter at `now` (Hanoi date, `YYYY-MM-DD`). */
export function earliestReceivedOn(now: Date): string {
  const today = new Date(`${hanoiDate(now)}T00:00:00Z`);
  today.setUTCFullYear(today.getUTCFullYear() - INTAKE_MAX_AGE_YEARS);
  return today.toISOString().slice(0, 10);
}

/**
 * What is wrong with the dates of an intake at `now`, as message keys per
 * JSON pointer: the day received after today or more than a year back (Hanoi
 * dates), or the day it happened after the day received. Empty when fine.
 *
 * @example
 * intakeDateProblems({ receivedOn: "2026-12-07" }, new Date("2026-12-06T03:00:00Z"))
 * // [{ pointer: "/receivedOn", key: "received_future" }]
 */
export function intakeDateProblems(
  input: { receivedOn: string; occurredOn?: string | undefined },
  now: Date,
): { pointer: string; key: CustomMessageKey }[] {
  const problems: { pointer: string; key: CustomMessageKey }[] = [];
  if (input.receivedOn > hanoiDate(now)) problems.push({ pointer: "/receivedOn", key: "received_future" });
  else if (input.receivedOn < earliestReceivedOn(now))
    problems.push({ pointer: "/receivedOn", key: "received_too_old" });
  if (input.occurredOn !== undefined && input.occurredOn > input.receivedOn) {
    problems.push({ pointer: "/occurredOn", key: "occurred_after_received" });
  }
  return problems;
}

/**
 * The instant a report received on a Hanoi day counts from: `now` when that
 * day is today, else the start of that day in Hanoi (00:00 UTC+7), so its
 * deadlines run from that day and the statistics count it in that month.
 *
 * @example
 * receivedInstant("2026-11-20", new Date("2026-12-06T03:00:00Z")) // "2026-11-19T17:00:00.000Z"
 */
export function receivedInstant(receivedOn: string, now: Date): string {
  if (receivedOn === hanoiDate(now)) return now.toISOString();
  return new Date(Date.parse(`${receivedOn}T00:00:00Z`) - HANOI_OFFSET_MS).toISOString();
}
