import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { Store } from "../../../lib/console/store";

/** The lead the page shows (`?id=`); every widget of the page renders it. */
export const lead = new Store<LeadDetail>();

/** The lead's id from the address ("" when missing). */
export const leadId = new URLSearchParams(location.search).get("id") ?? "";
