/**
 * Deadline extensions (gia hạn): a supervisor moves a lead's triage decision
 * deadline or a corrective measure's deadline to a later working day, either
 * by naming the date or by adding working days on the calendar. Pure rules;
 * the service loads the calendar (`loadCalendar`) and writes the result.
 */
import { addWorkingDays, type CalendarInput, HANOI_OFFSET_MS, hanoiDate, isWorkingDay } from "./calendar";
import { type Failure, fail } from "./inspections/result";

/** What the supervisor asked for: exactly one of a date and a number of working days. */
export interface ExtensionRequest {
  dueOn?: string | undefined;
  workingDays?: number | undefined;
}

/** The granted extension: the new last day, and how it was asked for. */
export interface ExtensionPlan {
  ok: true;
  previousDueOn: string;
  newDueOn: string;
  workingDays: number | null;
}

/**
 * The Hanoi date of the last day allowed by a deadline instant (a lead's
 * `due_at` is the end of that day, midnight in Hanoi).
 *
 * @example
 * dueDateOf("2026-02-09T17:00:00.000Z") // "2026-02-09"
 */
export function dueDateOf(dueAt: string): string {
  return hanoiDate(new Date(Date.parse(dueAt) - 1));
}

/**
 * The instant a deadline date ends: midnight in Hanoi after it, as `due_at` stores it.
 *
 * @example
 * endOfHanoiDay("2026-02-24") // "2026-02-24T17:00:00.000Z"
 */
export function endOfHanoiDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000 - HANOI_OFFSET_MS).toISOString();
}

/**
 * Plans an extension of a deadline whose last day is `currentDueOn`, asked
 * on `now`. With `workingDays`, the new date is that many working days after
 * the current deadline, or after today when the deadline has already passed
 * (an extension never lands in the past). With `dueOn`, the date must be a
 * working day after both. Failures: `extension_one_of` (neither or both,
 * at `/dueOn`), `extension_not_working_day` and `extension_not_later`
 * (at `/dueOn`).
 *
 * @example
 * planExtension("2026-02-13", { workingDays: 2 }, new Date("2026-02-10T03:00:00Z"), DEFAULT_CALENDAR)
 * // { ok: true, previousDueOn: "2026-02-13", newDueOn: "2026-02-24", workingDays: 2 }: Tết 14–22/02 skipped
 */
export function planExtension(
  currentDueOn: string,
  request: ExtensionRequest,
  now: Date,
  calendar: CalendarInput,
): ExtensionPlan | Failure {
  const hasDate = request.dueOn !== undefined;
  const hasDays = request.workingDays !== undefined;
  if (hasDate === hasDays) return fail("invalid", "extension_one_of", ["/dueOn"]);
  const today = hanoiDate(now);
  const base = currentDueOn > today ? currentDueOn : today;
  if (request.workingDays !== undefined) {
    return {
      ok: true,
      previousDueOn: currentDueOn,
      newDueOn: addWorkingDays(base, request.workingDays, calendar),
      workingDays: request.workingDays,
    };
  }
  const dueOn = request.dueOn ?? "";
  if (!isWorkingDay(dueOn, calendar)) return fail("invalid", "extension_not_working_day", ["/dueOn"]);
  if (dueOn <= base) return fail("invalid", "extension_not_later", ["/dueOn"]);
  return { ok: true, previousDueOn: currentDueOn, newDueOn: dueOn, workingDays: null };
}

/**
 * The fixed note on the reporters' timeline, without any name or reason:
 * "Thời hạn xử lý được gia hạn đến dd/mm/yyyy".
 *
 * @example
 * extensionNote("2026-02-24") // "Thời hạn xử lý được gia hạn đến 24/02/2026"
 */
export function extensionNote(newDueOn: string): string {
  const [y, m, d] = newDueOn.split("-");
  return `Thời hạn xử lý được gia hạn đến ${d}/${m}/${y}`;
}
