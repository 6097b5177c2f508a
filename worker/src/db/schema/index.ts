// The Drizzle schema is the source of truth for migrations (drizzle-kit generate).
export * from "./accounts";
export * from "./audit";
export * from "./clients";
export * from "./inspections";
export * from "./notifications";
export * from "./reporting";
export * from "./stats";
export * from "./triage";
