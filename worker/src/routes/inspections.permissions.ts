/** @deprecated Kept only while `routes/contests.index.ts` imports it from here: use-case permissions live in the services. */
export { requirePermission } from "../services/inspections/access";
