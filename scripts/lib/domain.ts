// The Worker's pure domain code (triage, lead plan, calendar, workflow, inspections, directory), bundled
// with esbuild for the Node scripts, so the seed and the bench place reports
// into leads with exactly the rules the API uses instead of a copy of them.
// (Node cannot import worker/src itself: it uses extensionless imports.) The
// bundle's exports are typed by the modules it bundles (`Domain` below).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type * as directorySql from "../../worker/src/db/directory-sql.ts";
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
}

let loaded: Promise<Domain> | undefined;

/**
 * `{ triage, plan, calendar, workflow, inspections }`: the modules of worker/src/domain,
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
      return (await import(pathToFileURL(outfile).href)) as Domain;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}
