import type { LeadExportQuery, LeadSummary } from "../contracts/leads";
import { auditInsert } from "../db/queries/audit";
import { searchLeads } from "../db/queries/lead-search";
import { listLeads } from "../db/queries/leads";
import { EXPORT_PAGE, leadsCsv, MAX_EXPORT_ROWS } from "../domain/lead-export";
import { leadSearch } from "../domain/lead-search";
import { ApiError } from "../http/errors";
import { EXPORT_TOO_LARGE } from "../i18n/leads";
import type { ActorContext } from "./context";
import { requirePermission } from "./inspections/access";

/**
 * `GET /api/leads.csv` (supervisors): the queue as the filters and search
 * select it, in the queue's order, as CSV (`leadsCsv`: no contact details, no
 * reporter identity). Read in pages of `EXPORT_PAGE` through the queue's own
 * queries, so recusal applies exactly as on the page; more than
 * `MAX_EXPORT_ROWS` leads is a 422 (narrow the filters), never a cut file.
 * Audited with the filters and the number of rows.
 */
export async function exportLeads(ctx: ActorContext, query: LeadExportQuery): Promise<string> {
  requirePermission(ctx.actor, "leads.export");
  const search = leadSearch(query.q);
  const rows: LeadSummary[] = [];
  let cursor: string | undefined;
  do {
    // `assignee=me` is the supervisor's own work, as in the queue.
    const assignee = query.assignee === "me" ? ctx.actor.id : query.assignee;
    const page = { ...query, assignee, limit: EXPORT_PAGE, cursor };
    const list = search ? await searchLeads(ctx.db, ctx.actor, page, search) : await listLeads(ctx.db, ctx.actor, page);
    rows.push(...list.items);
    cursor = list.nextCursor ?? undefined;
    if (rows.length > MAX_EXPORT_ROWS) {
      const detail = EXPORT_TOO_LARGE[ctx.lang].replace("{max}", MAX_EXPORT_ROWS.toLocaleString(ctx.lang));
      throw new ApiError("validation_failed", { detail, errors: [{ pointer: "/", message: detail }] });
    }
  } while (cursor);
  const filters = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
  await ctx.db.batch([
    auditInsert(ctx.db, {
      actorId: ctx.actor.id,
      actorKind: "user",
      action: "export.leads",
      targetType: "export",
      targetId: "leads.csv",
      summary: { filters, rows: rows.length },
      at: ctx.now.toISOString(),
    }),
  ]);
  return leadsCsv(rows);
}
