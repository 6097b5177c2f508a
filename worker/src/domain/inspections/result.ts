/**
 * The result shape every inspection rule returns, as in `../workflow.ts`:
 * success with what to write and an audit summary, or one failure kind that
 * a route turns into a status (illegal → 409, forbidden → 403, invalid → 422
 * with JSON pointers into the request body).
 */

export type FailureKind = "illegal" | "forbidden" | "invalid";

export interface Failure {
  ok: false;
  error: FailureKind;
  /** A stable machine code, e.g. `no_transition:planned->closed`, `role:admin`, `findings_missing`. */
  detail: string;
  /** JSON pointers (RFC 6901) into the request body; empty unless `error` is `invalid`. */
  pointers: string[];
}

/**
 * The audit summary of a change: routes write it to the append-only log as
 * `{ before, after }` under the action `<target>.<action>` (for example
 * `inspection.start`, `measure.verify`).
 */
export interface AuditEvent<A extends string, S = Record<string, unknown>> {
  action: A;
  before: S;
  after: S;
}

/**
 * Builds a failure.
 *
 * @example
 * fail("invalid", "missing_or_invalid", ["/reason"])
 */
export function fail(error: FailureKind, detail: string, pointers: string[] = []): Failure {
  return { ok: false, error, detail, pointers };
}

/** RFC 6901 escaping of one pointer segment (`~` → `~0`, `/` → `~1`). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Trimmed NFC text, the form every stored text takes (as `TextSchema` does). */
export function cleanText(value: string | null | undefined): string {
  return (value ?? "").normalize("NFC").trim();
}

/** Whether `value` is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
