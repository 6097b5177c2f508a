import { env } from "cloudflare:test";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { ROLLUP_TABLES } from "../../src/db/rollups/definition";
import { rollupTriggers } from "../../src/db/rollups/generate-triggers";
import * as schema from "../../src/db/schema/stats";

/**
 * The rollup triggers are generated from `db/rollups/definition.ts`
 * (`npm run db:triggers` writes them as a migration). These tests fail when
 * the definition and what the migrations installed in D1 drift apart: a
 * changed definition without its migration, a hand-edited trigger, or a
 * rollup column the definition does not know.
 */

/** Trigger text compared without layout: SQLite keeps it as written. */
const normalise = (sql: string) => sql.replace(/\s+/g, " ").trim();

interface Installed {
  name: string;
  tbl_name: string;
  sql: string;
}

describe("rollup triggers", () => {
  it("the migrations installed exactly the generator's triggers (else run npm run db:triggers)", async () => {
    const generated = rollupTriggers();
    const rollupTables = ROLLUP_TABLES.map((t) => t.name);
    const { results: installed } = await env.DB.prepare(
      `SELECT name, tbl_name, sql FROM sqlite_master
       WHERE type = 'trigger' AND (name LIKE 'stats%' OR name LIKE 'work_calendar%' OR tbl_name IN (SELECT value FROM json_each(?)))
       ORDER BY name`,
    )
      .bind(JSON.stringify(rollupTables))
      .all<Installed>();

    expect(installed.map((t) => t.name)).toEqual(generated.map((t) => t.name).sort());
    const byName = new Map(installed.map((t) => [t.name, t]));
    for (const trigger of generated) {
      const found = byName.get(trigger.name);
      expect(found?.tbl_name, trigger.name).toBe(trigger.table);
      expect(normalise(found?.sql ?? ""), trigger.name).toBe(normalise(trigger.sql));
    }
  });

  it.each(ROLLUP_TABLES.map((t) => [t.name, t] as const))(
    "%s has the definition's key and columns in D1",
    async (name, table) => {
      const { results } = await env.DB.prepare("SELECT name, pk FROM pragma_table_info(?) ORDER BY pk, cid")
        .bind(name)
        .all<{ name: string; pk: number }>();
      const keys = results.filter((c) => c.pk > 0).map((c) => c.name);
      const values = results.filter((c) => c.pk === 0).map((c) => c.name);
      expect(keys).toEqual([...table.keys]);
      expect(values.sort()).toEqual([...table.values].sort());
    },
  );

  it.each(ROLLUP_TABLES.map((t) => [t.name, t] as const))(
    "%s has the definition's key and columns in the schema",
    (name, table) => {
      const drizzle = Object.values(schema)
        .map((t) => getTableConfig(t as SQLiteTable))
        .find((config) => config.name === name);
      expect(drizzle, name).toBeDefined();
      const columns = drizzle?.columns ?? [];
      const keys =
        drizzle?.primaryKeys[0]?.columns.map((c) => c.name) ?? columns.filter((c) => c.primary).map((c) => c.name);
      expect(keys).toEqual([...table.keys]);
      expect(
        columns
          .map((c) => c.name)
          .filter((c) => !keys.includes(c))
          .sort(),
      ).toEqual([...table.values].sort());
    },
  );
});
