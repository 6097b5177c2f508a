// The production-like database of `npm start -- --empty`, also used by the
// browser tests' empty world (scripts/e2e.ts): the migrations (categories,
// holidays, settings) and the official directory, and nothing else: no demo
// reports, no demo accounts. The first administrator comes from
// `npm run admin:create -- --persist-to DIR`.
import { type DirectoryLoad, loadDirectory } from "../load-directory.ts";
import { applyMigrations } from "./wrangler.ts";

/** Where `npm start -- --empty` keeps its database, apart from the demo's `.wrangler/state`. */
export const EMPTY_STATE = ".wrangler/empty-state";

/**
 * Applies the migrations to the local D1 under `persistTo`, then loads the
 * official directory into it; returns what the directory load did.
 *
 * @example
 * console.log(describeLoad(await prepareEmptyDatabase(join(ROOT, EMPTY_STATE))));
 */
export async function prepareEmptyDatabase(
  persistTo: string,
  { quiet = true, onStep }: { quiet?: boolean; onStep?: (message: string) => void } = {},
): Promise<DirectoryLoad> {
  onStep?.(`Applying migrations to the local D1 in ${persistTo}`);
  applyMigrations({ quiet, persistTo });
  onStep?.("Loading the official directory (no demo data, no demo accounts)");
  return loadDirectory({ remote: false, persistTo });
}
