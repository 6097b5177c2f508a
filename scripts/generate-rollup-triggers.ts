// `npm run db:triggers`: writes the statistics rollup triggers generated from
// worker/src/db/rollups/definition.ts as a new custom migration (drizzle-kit
// numbers it and keeps migrations/meta in step), unless the newest generated
// migration already ends with the same SQL. `--print` writes the SQL to stdout only.
//
// Runs the worker's TypeScript on Node 22's type stripping; the worker imports
// without extensions (bundler resolution), so relative imports get `.ts` here.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith(".") && !/\.[cm]?[jt]s$/.test(specifier)) {
      try {
        return nextResolve(`${specifier}.ts`, context);
      } catch {
        // not a TypeScript module: resolve as written
      }
    }
    return nextResolve(specifier, context);
  },
});

const { GENERATED_MARKER, rollupTriggersMigration } = await import("../worker/src/db/rollups/generate-triggers.ts");

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const migrations = join(root, "migrations");
const sql = rollupTriggersMigration();

if (process.argv.includes("--print")) {
  process.stdout.write(sql);
  process.exit(0);
}

// A migration that adds rollup columns carries its schema change and backfill
// first, then the generated triggers (0014_count_reports_by_channel): it counts
// when it ends with the generator's output.
const generated = readdirSync(migrations)
  .filter((f) => /^\d{4}_.*\.sql$/.test(f))
  .sort()
  .filter((f) => readFileSync(join(migrations, f), "utf8").includes(GENERATED_MARKER));
const latest = generated.at(-1);
if (latest && readFileSync(join(migrations, latest), "utf8").endsWith(sql)) {
  console.log(`Rollup triggers unchanged: migrations/${latest} already installs them.`);
  process.exit(0);
}

execFileSync(
  join(root, "node_modules", ".bin", "drizzle-kit"),
  ["generate", "--custom", "--name", "regenerate_rollup_triggers"],
  { cwd: root, stdio: "inherit" },
);
const journal = JSON.parse(readFileSync(join(migrations, "meta", "_journal.json"), "utf8"));
const tag = journal.entries.at(-1)?.tag;
if (!tag?.endsWith("_regenerate_rollup_triggers")) {
  throw new Error(`drizzle-kit did not add the migration (last journal entry: ${tag})`);
}
writeFileSync(join(migrations, `${tag}.sql`), sql);
console.log(`Wrote migrations/${tag}.sql: apply it with npm run db:migrate:local and commit it with migrations/meta.`);
