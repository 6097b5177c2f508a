import type { CategoryCode } from "../../contracts/categories";
import { jaccard, SIMILARITY_THRESHOLD, trigrams } from "./similarity";

/**
 * Categories that can describe one matter, by group:
 * - bribery ~ harassment: trouble is made to extract money, and reporters
 *   pick either for the same demand;
 * - shirking ~ delay ~ neglect: all "the file does not move", seen from the
 *   reporter's side as passing the buck, lateness or inaction;
 * - conduct alone: rudeness is a different matter from the file it happened over;
 * - other joins any group: the reporter did not know which category to pick,
 *   so it must not keep a report away from the lead about the same matter
 *   (unit, text, procedure or official still have to match).
 */
export const COMPATIBILITY_GROUPS: readonly (readonly CategoryCode[])[] = [
  ["bribery", "harassment"],
  ["shirking", "delay", "neglect"],
  ["conduct"],
];

/** True when a report of category `a` may join a lead of category `b`. */
export function categoriesCompatible(a: CategoryCode, b: CategoryCode): boolean {
  if (a === "other" || b === "other") return true;
  return COMPATIBILITY_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

/** A report older than this, counted from the lead's last report, starts a new lead: it is a new matter. */
export const CLUSTER_WINDOW_DAYS = 90;

/**
 * Leads that still take reports. A referred lead is with the inspection team
 * and a proposed dismissal is awaiting approval: a new report about the same
 * thing opens its own lead, so it is looked at rather than carried along by
 * a decision already made.
 */
export const OPEN_LEAD_STATUSES = ["new", "in_review", "info_requested"] as const;

/** The report being placed. */
export interface ClusterReport {
  unitId: string;
  /** The reporter's category, then (optionally) a confident suggestion: either being compatible is enough. */
  categories: readonly CategoryCode[];
  description: string;
  /** Keys from normalize.ts `procedureKey` / `officialKey`. */
  procedureKey: string | null;
  officialKey: string | null;
  /** ISO instant. */
  receivedAt: string;
}

/** What `chooseLead` needs to know about an open lead. */
export interface ClusterLead {
  id: string;
  unitId: string;
  categoryCode: CategoryCode;
  status: string;
  /** ISO instant of its latest report. */
  lastReportAt: string;
  /** Descriptions of its reports (any form: they are folded here). */
  descriptions: readonly string[];
  procedureKeys: readonly (string | null)[];
  officialKeys: readonly (string | null)[];
}

export type ClusterDecision =
  | {
      kind: "join";
      leadId: string;
      /** Best similarity to any of the lead's reports. */
      similarity: number;
      /** Why it joined: "text", "procedure", "official" (at least one). */
      matchedOn: ("text" | "procedure" | "official")[];
    }
  | { kind: "new" };

const DAY_MS = 86_400_000;

/**
 * Places a report: it joins an open lead about the same unit, in a compatible
 * category, whose last report is within CLUSTER_WINDOW_DAYS, when its text is
 * similar to one of the lead's reports (≥ SIMILARITY_THRESHOLD) or it names the
 * same procedure or official. Otherwise it opens a new lead. A lead about
 * another unit is never joined, whatever the text.
 *
 * Several candidates: the highest similarity wins (most likely the same
 * incident), then the most recent last report, then the smaller id, so the
 * result does not depend on the order of `openLeads`.
 *
 * @example
 * chooseLead(report, leads) // { kind: "join", leadId: "L1", similarity: 0.46, matchedOn: ["text"] }
 */
export function chooseLead(report: ClusterReport, openLeads: readonly ClusterLead[]): ClusterDecision {
  const received = Date.parse(report.receivedAt);
  const grams = trigrams(report.description);
  const candidates: { lead: ClusterLead; similarity: number; matchedOn: ("text" | "procedure" | "official")[] }[] = [];
  for (const lead of openLeads) {
    if (lead.unitId !== report.unitId) continue;
    if (!(OPEN_LEAD_STATUSES as readonly string[]).includes(lead.status)) continue;
    if (!report.categories.some((category) => categoriesCompatible(category, lead.categoryCode))) continue;
    if (Math.abs(received - Date.parse(lead.lastReportAt)) > CLUSTER_WINDOW_DAYS * DAY_MS) continue;
    const similarity = Math.max(0, ...lead.descriptions.map((text) => jaccard(grams, trigrams(text))));
    const matchedOn: ("text" | "procedure" | "official")[] = [];
    if (similarity >= SIMILARITY_THRESHOLD) matchedOn.push("text");
    if (report.procedureKey && lead.procedureKeys.includes(report.procedureKey)) matchedOn.push("procedure");
    if (report.officialKey && lead.officialKeys.includes(report.officialKey)) matchedOn.push("official");
    if (matchedOn.length > 0) candidates.push({ lead, similarity, matchedOn });
  }
  candidates.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      Date.parse(b.lead.lastReportAt) - Date.parse(a.lead.lastReportAt) ||
      (a.lead.id < b.lead.id ? -1 : a.lead.id > b.lead.id ? 1 : 0),
  );
  const best = candidates[0];
  if (!best) return { kind: "new" };
  return {
    kind: "join",
    leadId: best.lead.id,
    similarity: Math.round(best.similarity * 100) / 100,
    matchedOn: best.matchedOn,
  };
}
