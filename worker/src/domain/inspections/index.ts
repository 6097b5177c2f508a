/**
 * Inspections and follow-up (issue 4), pure rules: the inspection
 * lifecycle and its team, the framework plan, findings and contests, the
 * conclusion, corrective measures with their escalation, and the personnel
 * export. Nothing here reads a clock, a database or the network: callers
 * pass `now`, the calendar and what they loaded.
 */
export * from "./conclusion";
export * from "./creation";
export * from "./findings";
export * from "./lifecycle";
export * from "./measures";
export * from "./personnel";
export * from "./plan";
export * from "./plan-view";
export * from "./result";
export * from "./team";
