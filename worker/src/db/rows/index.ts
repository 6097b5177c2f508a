// Pure builders of the rows the services write (records and audit events),
// shared with the seeds and the bulk generator (bundled for Node by
// scripts/lib/domain.ts), so that sample data holds exactly the rows the API
// would have written. No database access: ids and times come in.
export * from "./api-clients";
export * from "./audit";
export * from "./inspection-events";
export * from "./lead-events";
export * from "./records";
