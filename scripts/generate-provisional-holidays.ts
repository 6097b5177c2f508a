// `npm run db:holidays`: writes migration 0013_add_provisional_holidays.sql
// from worker/src/db/reference/provisional-holidays.ts (the computed
// provisional holidays of 2028–2040). drizzle-kit registers the migration in
// migrations/meta the first time; after that the file is rewritten in place
// only while it has not been applied anywhere (a landed migration is never
// edited: change the rules, then add a new migration). `--print` writes the
// SQL to stdout only; `--check` exits 1 when the file differs.
//
// Runs the worker's TypeScript on Node 22's type stripping; the worker imports
// without extensions (bundler resolution), so relative imports get `.ts` here.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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

const { provisionalHolidaysMigration } = await import("../worker/src/db/reference/provisional-holidays.ts");

const TAG = "0013_add_provisional_holidays";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const file = join(root, "migrations", `${TAG}.sql`);
const sql = provisionalHolidaysMigration();

if (process.argv.includes("--print")) {
  process.stdout.write(sql);
  process.exit(0);
}
if (process.argv.includes("--check")) {
  const same = existsSync(file) && readFileSync(file, "utf8") === sql;
  console.log(same ? `migrations/${TAG}.sql is current.` : `migrations/${TAG}.sql differs from the generator.`);
  process.exit(same ? 0 : 1);
}

if (!existsSync(file)) {
  execFileSync(
    join(root, "node_modules", ".bin", "drizzle-kit"),
    ["generate", "--custom", "--name", "add_provisional_holidays"],
    { cwd: root, stdio: "inherit" },
  );
  const journal = JSON.parse(readFileSync(join(root, "migrations", "meta", "_journal.json"), "utf8"));
  const tag = journal.entries.at(-1)?.tag;
  if (tag !== TAG) throw new Error(`drizzle-kit added ${tag}, expected ${TAG}`);
}
writeFileSync(file, sql);
console.log(`Wrote migrations/${TAG}.sql: apply it with npm run db:migrate:local and commit it with migrations/meta.`);
