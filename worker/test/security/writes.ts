import { env } from "cloudflare:test";

/**
 * "Nothing written" for a refused request, checked on the whole database:
 * triggers on every table of the app append a row to `authz_writes` for each
 * row inserted, updated or deleted, and a refused request must leave that log
 * (and the evidence bucket) as it found it. Created in this test file's own
 * storage only.
 *
 * Left out on purpose: a session's `last_seen_at` (any request with a live
 * cookie may refresh it), and the per-client counters of `rate_limits` and
 * `login_throttles` (an attacker's refused requests are meant to count
 * against their budget).
 */

const LOG = "authz_writes";
const UNTRACKED = new Set(["d1_migrations", "rate_limits", "login_throttles", LOG]);
const SESSION_COLUMNS_THAT_MATTER = ["token_hash", "user_id", "created_at", "expires_at", "revoked_at"];

/** Installs the triggers; call once, after the migrations, before any request under test. */
export async function trackWrites(): Promise<void> {
  await env.DB.prepare(
    `CREATE TABLE IF NOT EXISTS ${LOG} (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL)`,
  ).run();
  // Virtual tables (the search index) take no triggers; they and their shadow tables are derived from
  // tables that are tracked (`reports`).
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master AS t WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'
       AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
       AND NOT EXISTS (SELECT 1 FROM sqlite_master AS v WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'
         AND t.name LIKE v.name || '\\_%' ESCAPE '\\')`,
  ).all<{ name: string }>();
  const statements: D1PreparedStatement[] = [];
  for (const { name } of results) {
    if (UNTRACKED.has(name)) continue;
    for (const op of ["INSERT", "UPDATE", "DELETE"] as const) {
      const event = name === "sessions" && op === "UPDATE" ? `UPDATE OF ${SESSION_COLUMNS_THAT_MATTER.join(", ")}` : op;
      statements.push(
        env.DB.prepare(
          `CREATE TRIGGER IF NOT EXISTS authz_${name}_${op.toLowerCase()} AFTER ${event} ON "${name}"
           BEGIN INSERT INTO ${LOG} (tbl, op) VALUES ('${name}', '${op}'); END`,
        ),
      );
    }
  }
  await env.DB.batch(statements);
}

/** Removes the triggers and the log again. */
export async function stopTrackingWrites(): Promise<void> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'authz\\_%' ESCAPE '\\'",
  ).all<{ name: string }>();
  await env.DB.batch([
    ...results.map(({ name }) => env.DB.prepare(`DROP TRIGGER IF EXISTS "${name}"`)),
    env.DB.prepare(`DROP TABLE IF EXISTS ${LOG}`),
  ]);
}

/** Where the write log and, for uploads, the bucket stand now. */
export interface WriteMark {
  lastWrite: number;
  objects?: number;
}

/**
 * Marks the current position of the write log, and with `objects` the number
 * of stored objects (only the upload routes write to the bucket).
 */
export async function markWrites(options: { objects?: boolean } = {}): Promise<WriteMark> {
  const row = await env.DB.prepare(`SELECT coalesce(max(id), 0) AS last FROM ${LOG}`).first<{ last: number }>();
  if (!options.objects) return { lastWrite: row?.last ?? 0 };
  return { lastWrite: row?.last ?? 0, objects: (await env.EVIDENCE.list()).objects.length };
}

/** What was written since `mark`, as `INSERT leads`-style lines (empty when nothing was). */
export async function writesSince(mark: WriteMark): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT op, tbl FROM ${LOG} WHERE id > ? ORDER BY id`)
    .bind(mark.lastWrite)
    .all<{ op: string; tbl: string }>();
  const written = results.map((r) => `${r.op} ${r.tbl}`);
  if (mark.objects !== undefined) {
    const objects = (await env.EVIDENCE.list()).objects.length;
    if (objects !== mark.objects) written.push(`R2 objects ${mark.objects} → ${objects}`);
  }
  return written;
}
