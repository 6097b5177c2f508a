// What scripts/e2e.ts hands every browser test (`ctx`), and what an e2e file
// exports: `tests`, run in order, sharing `ctx.state` within the run (the
// seeded world's and the empty world's `ctx` are separate).
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";

/** What the tests of a run leave for later tests, by the file that sets it. */
export interface E2eState {
  // report.e2e.ts (console.e2e.ts checks `problems` and `foreign` too)
  watching?: boolean;
  /** Requests that left the site's origin. */
  foreign?: string[];
  /** CSP violations and page errors. */
  problems?: string[];
  page?: Page;
  receipt?: { code: string; secret: string };
  // console.e2e.ts
  supervisorCookie?: string;
  recusedLeadId?: string;
  consolePage?: Page;
  dismissedLeadId?: string | null;
  // inspection.e2e.ts
  inspectionCookie?: string;
  inspectionPage?: Page;
  inspection?: {
    unitId: string;
    leadId: string;
    trackingCode: string;
    secret: string;
    url?: string;
    id?: string | null;
  };
  // stats.e2e.ts
  statsWatching?: boolean;
  statsForeign?: string[];
  statsErrors?: string[];
  statsPage?: Page;
}

/** What the empty world (e2e/*.empty.e2e.ts, scripts/e2e.ts) adds to `ctx`. */
export interface EmptyWorld {
  /** The first administrator, created by `node scripts/create-admin.ts`. */
  adminEmail: string;
  /** The one-time password the CLI printed. */
  adminPassword: string;
  /** A new browser context with the run's options and no cookies (another person's browser). */
  newContext(): Promise<BrowserContext>;
}

/** One run's server, browser and shared state. */
export interface E2eContext {
  /** `http://127.0.0.1:<port>` of the `wrangler dev` under test. */
  baseUrl: string;
  /** Chromium's persistent context (one profile for the run). */
  context: BrowserContext;
  /** The run's temporary directory. */
  work: string;
  state: E2eState;
  /** Only in the empty world: its first administrator and fresh browser contexts. */
  empty?: EmptyWorld;
}

export interface E2eTest {
  name: string;
  /** `false`: a failure does not skip the rest of the file (checks that gather what earlier tests saw). */
  stopOnFailure?: boolean;
  run(ctx: E2eContext): Promise<void>;
}

/** What every e2e/*.e2e.ts exports. */
export interface E2eModule {
  tests: E2eTest[];
}

/**
 * `value`, failing the test when it is missing: what an earlier test left in
 * `ctx.state` (that test did not get that far), or an item a response must hold.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  assert.ok(value !== undefined && value !== null, `expected ${what}`);
  return value;
}
