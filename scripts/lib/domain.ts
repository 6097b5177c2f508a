// The Worker's pure domain code (triage, lead plan, calendar, workflow, inspections, directory), the
// directory sync's SQL and the row builders its services write with (worker/src/db/rows), bundled with
// esbuild for the Node scripts, so the seed and the bench place reports into leads with exactly the rules
// the API uses and write exactly the rows and audit events it writes, instead of a copy.
// (Node cannot import worker/src itself: it uses extensionless imports.) The
// bundle's exports are typed by the modules it bundles (`Domain` below).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type * as directorySql from "../../worker/src/db/directory-sql.ts";
import type * as rows from "../../worker/src/db/rows/index.ts";
import type * as apiClients from "../../worker/src/domain/api-clients.ts";
import type * as calendar from "../../worker/src/domain/calendar.ts";
import type * as directory from "../../worker/src/domain/directory/index.ts";
import type * as inspections from "../../worker/src/domain/inspections/index.ts";
import type * as plan from "../../worker/src/domain/lead-plan.ts";
import type * as triage from "../../worker/src/domain/triage/index.ts";
import type * as workflow from "../../worker/src/domain/workflow.ts";
import { ROOT } from "./wrangler.ts";

const ENTRY = `
export * as triage from "./worker/src/domain/triage/index.ts";
export * as plan from "./worker/src/domain/lead-plan.ts";
export * as calendar from "./worker/src/domain/calendar.ts";
export * as workflow from "./worker/src/domain/workflow.ts";
export * as inspections from "./worker/src/domain/inspections/index.ts";
export * as directory from "./worker/src/domain/directory/index.ts";
export * as directorySql from "./worker/src/db/directory-sql.ts";
export * as rows from "./worker/src/db/rows/index.ts";
export * as apiClients from "./worker/src/domain/api-clients.ts";
`;

/** The bundle's exports: one namespace per module of ENTRY, with that module's own types. */
export interface Domain {
  triage: typeof triage;
  plan: typeof plan;
  calendar: typeof calendar;
  workflow: typeof workflow;
  inspections: typeof inspections;
  directory: typeof directory;
  /** The SQL of the directory sync (worker/src/db: plain text, no driver). */
  directorySql: typeof directorySql;
  rows: typeof rows;
  /** The Open311 client keys' rules (the local demo client). */
  apiClients: typeof apiClients;
}

let loaded: Promise<Domain> | undefined;
let ready: Domain | undefined;

/**
 * The bundle `loadDomain()` has loaded, for the synchronous SQL writers that
 * run after the seed was planned with it; throws when nothing loaded it yet.
 */
export function loadedDomain(): Domain {
  if (!ready) throw new Error("loadDomain() has not finished: plan the seed with it first");
  return ready;
}

/**
 * `{ triage, plan, calendar, workflow, inspections, rows }`: the modules of worker/src/domain and db/rows,
 * bundled once per process into a temporary file and imported.
 *
 * @example
 * const { triage, plan } = await loadDomain();
 * triage.triageReport({ unitId, categoryCode, description, reporterKind, evidenceCount: 0, receivedAt, openLeads: [] });
 */
export function loadDomain(): Promise<Domain> {
  loaded ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "pacv-domain-"));
    const outfile = join(dir, "domain.mjs");
    try {
      await build({
        stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: "domain-entry.ts", loader: "ts" },
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node22",
        outfile,
        logLevel: "error",
      });
      ready = (await import(pathToFileURL(outfile).href)) as Domain;
      return ready;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}
