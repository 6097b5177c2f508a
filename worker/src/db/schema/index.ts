// The Drizzle schema is the source of truth for migrations (drizzle-kit generate).
export * from "./accounts";
export * from "./audit";
export * from "./inspections";
export * from "./reporting";
export * from "./triage";
export * from "./stats";
