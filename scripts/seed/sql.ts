// Small helpers shared by the seed files: folding, SQL literals and a seeded
// pseudo-random generator so every run produces the same sample.
import type { Row, SqlRecord, SqlValue, TableName, Tables } from "./rows.ts";

/**
 * Folded form for diacritic-insensitive search. Keep identical to `fold` in
 * worker/src/domain/text.ts: lower case, no combining marks, đ/Đ as d.
 */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/** A SQL literal: NULL, a number, or a single-quoted NFC string. */
export function sqlValue(value: SqlValue): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${String(value).normalize("NFC").replaceAll("'", "''")}'`;
}

/** `INSERT OR IGNORE INTO table (cols) VALUES (…);`, so a second run changes nothing. */
export function insertOrIgnore<T extends TableName>(table: T, row: Tables[T]): string {
  const values: Row = row;
  const columns = Object.keys(values);
  return `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => sqlValue(values[c])).join(", ")});`;
}

/** D1 refuses SQL statements over 100 KB. */
const MAX_STATEMENT_BYTES = 90_000;

/**
 * Joins runs of consecutive `insertOrIgnore` statements into the same table
 * and columns into multi-row INSERTs (under D1's statement limit), keeping
 * their order, so foreign keys and triggers see the rows as before:
 * `wrangler d1 execute --file` spends milliseconds per statement.
 */
export function mergeInserts(statements: readonly string[]): string[] {
  const merged: string[] = [];
  let head: string | null = null;
  let values: string[] = [];
  let bytes = 0;
  const close = () => {
    if (head !== null) merged.push(`${head}${values.join(",\n")};`);
    head = null;
    values = [];
  };
  for (const statement of statements) {
    const at = statement.startsWith("INSERT OR IGNORE INTO ") ? statement.indexOf(") VALUES (") : -1;
    if (at < 0 || !statement.endsWith(");")) {
      close();
      merged.push(statement);
      continue;
    }
    const prefix = statement.slice(0, at + ") VALUES ".length);
    const tuple = statement.slice(prefix.length, -1);
    const size = Buffer.byteLength(tuple) + 2;
    if (prefix !== head || bytes + size > MAX_STATEMENT_BYTES) {
      close();
      head = prefix;
      bytes = Buffer.byteLength(prefix);
    }
    values.push(tuple);
    bytes += size;
  }
  close();
  return merged;
}

/**
 * mulberry32: a tiny seeded generator. Not for secrets of real users, only
 * for repeatable demo data.
 */
/** A seeded generator of numbers in [0, 1) and the draws built on it. */
export interface Rng {
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  bytes(count: number): Uint8Array;
  /** Picks a key of `weights` with probability proportional to its value. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
    chance: (p) => next() < p,
    bytes: (count) => Uint8Array.from({ length: count }, () => Math.floor(next() * 256)),
    /** Picks a key of `weights` with probability proportional to its value. */
    weighted<K extends string>(weights: Partial<Record<K, number>>): K {
      const entries = Object.entries(weights) as [K, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return (entries[entries.length - 1] as [K, number])[0];
    },
  };
}

/**
 * A record of the Worker's row builders (worker/src/db/rows, camelCase like
 * the Drizzle schema) under its SQL column names (snake_case, as every column
 * of the schema is named), for `insertOrIgnore`.
 *
 * @example
 * sqlRow({ reportId: "r1", at: "2026-01-01T00:00:00.000Z" }) // { report_id: "r1", at: "…" }
 */
export function sqlRow<T extends object>(record: T): SqlRecord<T> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
  ) as SqlRecord<T>;
}
