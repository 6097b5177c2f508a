import { and, eq } from "drizzle-orm";
import type { FindingInput } from "../../contracts/inspections";
import { validateFinding } from "../../domain/inspections";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { findings, inspectionLeads } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { authorizeAction, failureError, requireInspection, runBatch } from "./inspections";
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
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const row = await requireInspection(db, actor, id);
  const [attached] = await db
    .select({ leadId: inspectionLeads.leadId })
    .from(inspectionLeads)
    .where(and(eq(inspectionLeads.inspectionId, id), eq(inspectionLeads.leadId, leadId)))
    .limit(1);
  if (!attached) throw new ApiError("not_found");
  await authorizeAction(db, actor, row, "record_finding", lang);
  const valid = validateFinding(input);
  if (!valid.ok) throw failureError(valid, lang);
  const [before] = await db.select().from(findings).where(eq(findings.leadId, leadId)).limit(1);
  const at = now.toISOString();
  const values = {
    ...valid.finding,
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
        summary: { leadId, outcome: valid.finding.outcome, ...(before ? { previous: before.outcome } : {}) },
        at,
      }),
    ]),
    isGuardFailure,
  );
}
