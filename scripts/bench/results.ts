// What the benchmark measured: one result per route, size and server run,
// summarised from autocannon, and the table it prints.
import type autocannon from "autocannon";
import type { BulkCounts } from "../seed/bulk.ts";
import { CONNECTIONS, DURATION_S } from "./settings.ts";

/** The two sizes of the database. */
export type Size = "small" | "large";

/** One route measured at one size on one server run (`label`: "cache on", "cache off" or "-"). */
export interface Measured {
  name: string;
  size: Size;
  label: string;
  /** X-Stats-Cache of the warm-up answers, for the statistics. */
  cache?: string | null;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  missing?: false;
  /** p50 over GET /api/health's p50 in the same server run. */
  p50ToHealth?: number | null;
  rpsToHealth?: number | null;
}

/** A route that did not answer 200 during the warm-up: not measured. */
export interface NotMeasured {
  name: string;
  size: Size;
  label: string;
  status: number;
  missing: true;
}

export type RouteResult = Measured | NotMeasured;

export const measured = (r: RouteResult): r is Measured => !r.missing;

/** A route to measure: with `auth`, as the demo supervisor; `connections` overrides BENCH_CONNECTIONS. */
export interface Route {
  name: string;
  path: string;
  auth?: boolean;
  connections?: number;
}

/** The bulk top-up's counts, size of its SQL and time. */
export type BulkSeeded = BulkCounts & { megabytes: number; seconds: number };

/** The database at one size. */
export interface SizeData {
  reports: number;
  leads: number | null;
  bulk: BulkSeeded | null;
}

export function summary(
  name: string,
  result: autocannon.Result,
  extra: { size: Size; label: string; cache?: string | null },
): Measured {
  return {
    name,
    ...extra,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
}

export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

/** The results of both sizes side by side, with the large/small ratio and each route over health. */
export function printTable(
  small: readonly RouteResult[],
  large: readonly RouteResult[],
  data: { small: SizeData; large: SizeData },
): string[] {
  const names = [...new Set([...small, ...large].map((r) => `${r.label}|${r.name}`))];
  const find = (list: readonly RouteResult[], key: string) =>
    list.filter(measured).find((r) => `${r.label}|${r.name}` === key);
  const col = (v: string | number | null | undefined, w = 9) => String(v ?? "–").padStart(w);
  const short = (n: number) =>
    n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : String(n);
  const [s, l] = [short(data.small.reports), short(data.large.reports)];
  const head = `${"route".padEnd(44)}${"cache".padEnd(10)}${col(`${s} p50`)}${col(`${s} p99`)}${col(`${s} rps`)}${col(`${l} p50`)}${col(`${l} p99`)}${col(`${l} rps`)}${col("p50 ×", 8)}${col("÷health", 12)}`;
  const lines = [
    "",
    `small: ${data.small.reports} reports, ${data.small.leads} leads; large: ${data.large.reports} reports, ${data.large.leads} leads; ${CONNECTIONS} connections (unless noted), ${DURATION_S} s per route, times in ms`,
    head,
  ];
  for (const key of names) {
    const [label = "", name = ""] = key.split("|");
    const a = find(small, key);
    const b = find(large, key);
    lines.push(
      `${name.padEnd(44)}${label.padEnd(10)}${col(a?.p50Ms)}${col(a?.p99Ms)}${col(a?.requestsPerSecond)}${col(b?.p50Ms)}${col(b?.p99Ms)}${col(b?.requestsPerSecond)}${col(a && b ? ratio(b.p50Ms, a.p50Ms) : null, 8)}${col(a?.p50ToHealth != null || b?.p50ToHealth != null ? `${a?.p50ToHealth ?? "–"}/${b?.p50ToHealth ?? "–"}` : null, 12)}`,
    );
  }
  lines.push(
    "(p50 × = large p50 / small p50; ÷health = p50 / GET /api/health p50 in the same server run, small/large)",
  );
  return lines;
}
