/**
 * Public holidays beyond the `holidays` table: the Vietnamese lunar calendar
 * (UTC+7) and the defaults of the Labour Code 2019, Art. 112, computed for
 * any year and marked provisional. Pure: no I/O, no package.
 */
export * from "./defaults";
export * from "./lunar";
