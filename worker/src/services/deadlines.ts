import type { CategoryCode } from "../contracts/categories";
import { auditInsert } from "../db/queries/audit";
import { findLateLeads, findUndecidedLeads, markOverdue, setScore } from "../db/queries/deadlines";
import { toLeadState, unitFindingsLast12Months } from "../db/queries/triage";
import { leadOverdueEvent, missedDeadline } from "../db/rows/lead-events";
import { rescore } from "../domain/lead-plan";
import { writeBatch } from "./batch";
import type { ServiceContext } from "./context";

/** Leads per D1 batch, well under D1's statement limits. */
const CHUNK = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Marks the leads that missed a deadline at `ctx.now` (see `findLateLeads`).
 * Marked leads form the supervisors' overdue queue
 * (`GET /api/leads?overdue=true`); each mark is an audit event by the system,
 * naming the deadline missed. Returns how many leads were marked.
 */
export async function markOverdueLeads(ctx: ServiceContext): Promise<number> {
  const at = ctx.now.toISOString();
  const late = await findLateLeads(ctx.db, at);
  for (const part of chunks(late, CHUNK / 2)) {
    await writeBatch(
      ctx.db,
      part.flatMap((lead) => {
        return [
          markOverdue(ctx.db, lead.id, at),
          auditInsert(ctx.db, leadOverdueEvent(lead, missedDeadline(lead, at), at)),
        ];
      }),
    );
  }
  return late.length;
}

/**
 * Re-scores every undecided lead at `ctx.now`, since the age factor grows
 * with time; a lead whose status changed meanwhile keeps its score. Returns
 * how many leads were re-scored.
 */
export async function rescoreOpenLeads(ctx: ServiceContext): Promise<number> {
  const rows = await findUndecidedLeads(ctx.db);
  const findings = new Map<string, number>();
  for (const row of rows) {
    if (!findings.has(row.unitId)) {
      findings.set(row.unitId, await unitFindingsLast12Months(ctx.db, row.unitId, ctx.now));
    }
  }
  for (const part of chunks(rows, CHUNK)) {
    await writeBatch(
      ctx.db,
      part.map((row) => {
        const state = { ...toLeadState(row), categoryCode: row.categoryCode as CategoryCode };
        return setScore(ctx.db, row, rescore(state, findings.get(row.unitId) ?? 0, ctx.now));
      }),
    );
  }
  return rows.length;
}
