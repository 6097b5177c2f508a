// The Worker's pure domain code (triage, lead plan, calendar, workflow, inspections), bundled
// with esbuild for the Node scripts, so the seed and the bench place reports
// into leads with exactly the rules the API uses instead of a copy of them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "./wrangler.ts";

const ENTRY = `
export * as triage from "./worker/src/domain/triage/index.ts";
export * as plan from "./worker/src/domain/lead-plan.ts";
export * as calendar from "./worker/src/domain/calendar.ts";
export * as workflow from "./worker/src/domain/workflow.ts";
export * as inspections from "./worker/src/domain/inspections/index.ts";
`;

let loaded;

/**
 * `{ triage, plan, calendar, workflow, inspections }`: the modules of worker/src/domain,
 * bundled once per process into a temporary file and imported.
 *
 * @example
 * const { triage, plan } = await loadDomain();
 * triage.triageReport({ unitId, categoryCode, description, reporterKind, evidenceCount: 0, receivedAt, openLeads: [] });
 */
export function loadDomain() {
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
      return await import(pathToFileURL(outfile).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}
