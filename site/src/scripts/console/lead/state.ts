import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { Store } from "../../../lib/console/store";

/** The lead the page shows (`?id=`); every widget of the page renders it. */
export const lead = new Store<LeadDetail>();

/** The event a report card sends up to `<lead-routing>` to split its report out (`detail.code`: the tracking code). */
export const SPLIT_EVENT = "lead-split";

/** Statuses in which a lead's unit or category may change and a report may be split out (the server's `ROUTABLE_STATUSES`). */
export const ROUTABLE = ["new", "in_review", "info_requested"];

/** The lead's id from the address ("" when missing). */
export const leadId = new URLSearchParams(location.search).get("id") ?? "";
