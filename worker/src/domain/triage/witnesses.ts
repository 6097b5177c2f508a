import { CLUSTER_WINDOW_DAYS } from "./cluster";
import { jaccard, trigrams } from "./similarity";

/**
 * Two texts at least this similar are copies, not two witnesses telling the
 * same story: different reporters of one bribe demand score 0.45 to 0.47
 * (similarity.ts), a resent complaint with a word changed scores above 0.9.
 */
export const NEAR_IDENTICAL_THRESHOLD = 0.8;

/** What decides whether two reports of a lead come from the same witness. */
export interface Witness {
  /**
   * A salted hash naming who filed it: the web client, or a staff-entered
   * report's channel and reporter contact. Null when nobody can be told
   * apart (an anonymous report entered by staff): it is then independent
   * unless its text is a near-copy.
   */
  key: string | null;
  /** ISO instant the report counts from. */
  receivedAt: string;
  /** The description, in any form (folded for comparison here). */
  text: string;
}

const DAY_MS = 86_400_000;

/**
 * How many independent witnesses a lead's reports are. Two reports are one
 * witness when they share a key and were received within CLUSTER_WINDOW_DAYS
 * of each other, or when their texts are near-identical
 * (≥ NEAR_IDENTICAL_THRESHOLD); "same witness" is then taken transitively, so
 * the answer does not depend on the order of the reports. At least 1 for a
 * lead with reports.
 *
 * @example
 * countWitnesses([
 *   { key: "a", receivedAt: "2025-06-02T02:00:00Z", text: "Cán bộ đòi 2 triệu" },
 *   { key: "a", receivedAt: "2025-06-03T02:00:00Z", text: "Đi lại 4 lần vẫn chưa xong" },
 *   { key: "b", receivedAt: "2025-06-04T02:00:00Z", text: "Phải bồi dưỡng mới được nhận hồ sơ" },
 * ]) // 2
 */
export function countWitnesses(reports: readonly Witness[]): number {
  const parent = reports.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  const grams = reports.map((r) => trigrams(r.text));
  const times = reports.map((r) => Date.parse(r.receivedAt));
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      if (root(i) === root(j)) continue;
      const a = reports[i];
      const b = reports[j];
      const sameClient =
        a?.key != null &&
        a.key === b?.key &&
        Math.abs((times[i] ?? 0) - (times[j] ?? 0)) <= CLUSTER_WINDOW_DAYS * DAY_MS;
      const copied = !sameClient && jaccard(grams[i] ?? new Set(), grams[j] ?? new Set()) >= NEAR_IDENTICAL_THRESHOLD;
      if (sameClient || copied) parent[root(j)] = root(i);
    }
  }
  return new Set(reports.map((_, i) => root(i))).size;
}
