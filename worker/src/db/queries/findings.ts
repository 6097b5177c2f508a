import { and, eq } from "drizzle-orm";
import type { FindingInput } from "../../contracts/inspections";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { findings, inspectionLeads } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { requireInspection, requireMember, runBatch } from "./inspections";
import { unchanged } from "./inspections-write";

/**
 * `PUT /api/inspections/{id}/findings/{leadId}`: a team member records (or
 * replaces) the finding on one attached lead while the inspection is in
 * progress. One finding per lead; audited with the outcome, never the text.
 */
export async function putFinding(
  db: Db,
  actor: Actor,
  id: string,
  leadId: string,
  input: FindingInput,
  now: Date = new Date(),
): Promise<void> {
  const row = await requireInspection(db, actor, id);
  await requireMember(db, actor, id);
  const [attached] = await db
    .select({ leadId: inspectionLeads.leadId })
    .from(inspectionLeads)
    .where(and(eq(inspectionLeads.inspectionId, id), eq(inspectionLeads.leadId, leadId)))
    .limit(1);
  if (!attached) throw new ApiError("not_found");
  if (row.status !== "in_progress") throw new ApiError("conflict");
  const [before] = await db.select().from(findings).where(eq(findings.leadId, leadId)).limit(1);
  const at = now.toISOString();
  const values = {
    outcome: input.outcome,
    reasoning: input.reasoning,
    publicSummary: input.publicSummary,
    position: input.position ?? null,
    recordedBy: actor.id,
    recordedAt: at,
  };
  await runBatch(
    db,
    guarded(db, unchanged(row), [
      db
        .insert(findings)
        .values({ id: crypto.randomUUID(), inspectionId: id, leadId, unitId: row.unitId, ...values })
        .onConflictDoUpdate({ target: findings.leadId, set: values }),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "inspection.finding_recorded",
        targetType: "inspection",
        targetId: id,
        summary: { leadId, outcome: input.outcome, ...(before ? { previous: before.outcome } : {}) },
        at,
      }),
    ]),
    isGuardFailure,
  );
}
