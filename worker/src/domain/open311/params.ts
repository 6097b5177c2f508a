import type { Open311Status } from "./status";

/**
 * The arguments of Open311's GET lists, checked without I/O: the spec's
 * date window (90 days, W3C date-times), comma lists and the pagination
 * extension. A bad argument is a problem naming it (a 400 in the error list).
 */

/** Why an argument was refused; `i18n/open311.ts` words each one. */
export type ArgumentProblemKey =
  | "bad_date"
  | "dates_required"
  | "end_before_start"
  | "span_too_long"
  | "bad_status"
  | "bad_page"
  | "bad_page_size"
  | "too_many_ids";

export interface ArgumentProblem {
  key: ArgumentProblemKey;
  argument: string;
}

/** The spec's default window and longest span [GR2 GET Service Requests]. */
export const WINDOW_DAYS = 90;
/** The most a list returns at once [GR2 "Response Volume"]; also the largest page and id list. */
export const MAX_RESULTS = 1000;
/** Pages beyond this are refused: a million results is more than the portal will ever hold in a window. */
export const MAX_PAGE = 1_000_000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Asia/Ho_Chi_Minh has no daylight saving: always UTC+7. */
const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the calendar date exists (no 31 February). */
function realDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A W3C date-time with a zone (seconds optional), or a bare `YYYY-MM-DD` read
 * as 00:00 in Hà Nội (FixMyStreet's own examples send one). A space where the
 * offset's `+` was is read as `+`: an unencoded `+` in a query string arrives
 * as a space. Anything else, a date-time without a zone included, is refused.
 *
 * @example
 * parseW3cDateTime("2026-12-01T09:30:00+07:00")?.toISOString() // "2026-12-01T02:30:00.000Z"
 * parseW3cDateTime("2026-12-01")?.toISOString()                // "2026-11-30T17:00:00.000Z"
 * parseW3cDateTime("01/12/2026")                               // undefined
 */
export function parseW3cDateTime(text: string): Date | undefined {
  const value = text.trim().replace(/ (\d{2}:\d{2})$/, "+$1");
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1, 4).map(Number) as [number, number, number];
    if (!realDate(year, month, day)) return undefined;
    return new Date(Date.UTC(year, month - 1, day) - HANOI_OFFSET_MS);
  }
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = Number(match[6] ?? "0");
  if (!realDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = (match[8] ?? "Z").toUpperCase();
  let offsetMs = 0;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(":").map(Number) as [number, number];
    if (zh > 23 || zm > 59) return undefined;
    offsetMs = sign * (zh * 60 + zm) * 60 * 1000;
  }
  const fraction = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offsetMs);
}

/**
 * An instant as Open311 publishes it: W3C date-time in Hà Nội time, seconds,
 * no fraction, `+07:00`.
 *
 * @example
 * toW3cHanoi(new Date("2026-12-01T02:30:00.123Z")) // "2026-12-01T09:30:00+07:00"
 */
export function toW3cHanoi(instant: Date | string): string {
  const at = typeof instant === "string" ? new Date(instant) : instant;
  return `${new Date(at.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** Query arguments: every value of each name, repeats included, as the URL gave them. */
export type QueryArguments = Readonly<Record<string, readonly string[]>>;

/**
 * The values of a comma list argument, given once or repeated
 * (`status=open,closed` or `status=open&status=closed`); empty means absent
 * [GR2 "Optional Arguments"].
 */
export function commaList(args: QueryArguments, name: string): string[] {
  return (args[name] ?? [])
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/** The last non-empty value of an argument, or undefined. */
function single(args: QueryArguments, name: string): string | undefined {
  const values = (args[name] ?? []).map((value) => value.trim()).filter((value) => value !== "");
  return values.at(-1);
}

/** An inclusive window of instants. */
export interface Window {
  from: Date;
  to: Date;
}

export interface Paging {
  page: number;
  pageSize: number;
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: ArgumentProblem[] };

/**
 * `start_date`/`end_date` as the spec reads them: none gives the last 90 days
 * up to `now`; only a start gives 90 days from it (not past `now`); only an
 * end gives the 90 days before it; both must be in order and at most 90 days
 * apart. With `required`, both must be given (servicerequestupdates).
 */
export function dateWindow(args: QueryArguments, now: Date, required = false): Checked<Window> {
  const problems: ArgumentProblem[] = [];
  const read = (name: string): Date | undefined => {
    const text = single(args, name);
    if (text === undefined) {
      if (required) problems.push({ key: "dates_required", argument: name });
      return undefined;
    }
    const at = parseW3cDateTime(text);
    if (!at) problems.push({ key: "bad_date", argument: name });
    return at;
  };
  const start = read("start_date");
  const end = read("end_date");
  if (problems.length > 0) return { ok: false, problems };
  const span = WINDOW_DAYS * DAY_MS;
  if (start && end) {
    if (end < start) return { ok: false, problems: [{ key: "end_before_start", argument: "end_date" }] };
    if (end.getTime() - start.getTime() > span) {
      return { ok: false, problems: [{ key: "span_too_long", argument: "end_date" }] };
    }
    return { ok: true, value: { from: start, to: end } };
  }
  if (start) return { ok: true, value: { from: start, to: new Date(Math.min(start.getTime() + span, now.getTime())) } };
  if (end) return { ok: true, value: { from: new Date(end.getTime() - span), to: end } };
  return { ok: true, value: { from: new Date(now.getTime() - span), to: now } };
}

/** A whole number written in decimal digits, within bounds, or undefined. */
function boundedInt(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** `page` (from 1) and `page_size` (1 to 1000, default 1000): the pagination extension [EXT]. */
export function paging(args: QueryArguments): Checked<Paging> {
  const problems: ArgumentProblem[] = [];
  const pageText = single(args, "page");
  const sizeText = single(args, "page_size");
  const page = pageText === undefined ? 1 : boundedInt(pageText, 1, MAX_PAGE);
  const pageSize = sizeText === undefined ? MAX_RESULTS : boundedInt(sizeText, 1, MAX_RESULTS);
  if (page === undefined) problems.push({ key: "bad_page", argument: "page" });
  if (pageSize === undefined) problems.push({ key: "bad_page_size", argument: "page_size" });
  if (page === undefined || pageSize === undefined) return { ok: false, problems };
  return { ok: true, value: { page, pageSize } };
}

/** What `GET requests` asks for: a list of ids, which overrides everything else, or a filtered window. */
export type RequestsQuery =
  | { kind: "ids"; ids: string[] }
  | { kind: "filter"; window: Window; statuses: Open311Status[]; serviceCodes: string[]; paging: Paging };

/**
 * The arguments of `GET requests`. `service_request_id` (a comma list, at
 * most 1000) "overrides all other arguments" [GR2], so with it nothing else
 * is read. Unknown service codes simply match nothing; an unknown status is
 * a 400.
 */
export function requestsQuery(args: QueryArguments, now: Date): Checked<RequestsQuery> {
  const ids = commaList(args, "service_request_id");
  if (ids.length > 0) {
    if (ids.length > MAX_RESULTS)
      return { ok: false, problems: [{ key: "too_many_ids", argument: "service_request_id" }] };
    return { ok: true, value: { kind: "ids", ids: [...new Set(ids)] } };
  }
  const problems: ArgumentProblem[] = [];
  const window = dateWindow(args, now);
  if (!window.ok) problems.push(...window.problems);
  const statuses = commaList(args, "status").map((s) => s.toLowerCase());
  if (statuses.some((s) => s !== "open" && s !== "closed")) problems.push({ key: "bad_status", argument: "status" });
  const pages = paging(args);
  if (!pages.ok) problems.push(...pages.problems);
  if (!window.ok || !pages.ok || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      kind: "filter",
      window: window.value,
      statuses: [...new Set(statuses)] as Open311Status[],
      serviceCodes: [...new Set(commaList(args, "service_code"))],
      paging: pages.value,
    },
  };
}

/** The arguments of `GET servicerequestupdates`: both dates required [MYS], the same window rules, paging. */
export function updatesQuery(args: QueryArguments, now: Date): Checked<{ window: Window; paging: Paging }> {
  const window = dateWindow(args, now, true);
  const pages = paging(args);
  if (!window.ok || !pages.ok) {
    return { ok: false, problems: [...(window.ok ? [] : window.problems), ...(pages.ok ? [] : pages.problems)] };
  }
  return { ok: true, value: { window: window.value, paging: pages.value } };
}

/**
 * Whether a `jurisdiction_id` is ours: absent, empty, or this deployment's
 * host name without `www.` [GR2 "Definitions"]; we serve one jurisdiction.
 */
export function isOurJurisdiction(given: string | undefined, host: string): boolean {
  const value = given?.trim().toLowerCase();
  if (!value) return true;
  return (
    value ===
    host
      .toLowerCase()
      .replace(/^www\./, "")
      .replace(/:\d+$/, "")
  );
}
