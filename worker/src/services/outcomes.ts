import type { BatchItem } from "drizzle-orm/batch";
import type { ConclusionInput, InspectionDetail } from "../contracts/inspections";
import { auditInsert } from "../db/queries/audit";
import { inspectionState, unchanged } from "../db/queries/inspections";
import { updateInspection } from "../db/queries/inspections-write";
import {
  concludeLead,
  concludeReport,
  findingsOfLeads,
  insertMeasure,
  knownUnitIds,
  leadStatuses,
  reportIdsOfLeads,
} from "../db/queries/outcomes";
import { inspectionConcludedEvent, measureCreatedEvent } from "../db/rows/inspection-events";
import { leadConcludedEvent } from "../db/rows/lead-events";
import { concludeInspection as decideConclusion } from "../domain/inspections";
import { ApiError } from "../http/errors";
import { failureError } from "../http/failures";
import { INSPECTION_MESSAGES } from "../i18n/inspections";
import { commitWrite } from "./batch";
import type { ActorContext } from "./context";
import { requireInspection, requirePermission, ruleActor } from "./inspections/access";
import { getInspection } from "./inspections/read";
import { flushNotifications, measureCreatedEvent as measureCreatedNotification } from "./notifications";

/**
 * `POST /api/inspections/{id}/conclusion` (a supervisor on the team), by
 * `concludeInspection` of the domain. In one batch the inspection gets its
 * conclusion and becomes `concluded` (or `closed` at once when it sets no
 * measure); its measures are created `open`; each attached lead becomes
 * `concluded`; each of their reports becomes `concluded` with the lead's
 * finding as `outcome` and its public summary, plus a timeline event the
 * reporter sees. Every change is audited. A missing finding is a 422 with
 * one pointer per lead (`/findings/<leadId>`).
 */
export async function concludeInspection(
  ctx: ActorContext,
  id: string,
  input: ConclusionInput,
): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.manage");
  const { db, actor, lang } = ctx;
  const row = await requireInspection(ctx, id);
  const state = await inspectionState(db, row);
  const leadIds = [...state.leadIds];
  const [attached, found, known] = await Promise.all([
    leadStatuses(db, leadIds),
    findingsOfLeads(db, id, leadIds),
    knownUnitIds(
      db,
      input.measures.map((m) => m.responsibleUnitId),
    ),
  ]);
  const result = decideConclusion(state, input, found, ruleActor(actor), ctx.now, known);
  if (!result.ok) {
    if (result.detail === "findings_missing") {
      const message = INSPECTION_MESSAGES.findings_missing[lang];
      const missing = leadIds.filter((leadId) => !found.some((f) => f.leadId === leadId));
      throw new ApiError("validation_failed", {
        detail: message,
        errors: missing.map((leadId) => ({ pointer: `/findings/${leadId}`, message })),
      });
    }
    throw failureError(result, lang);
  }

  const at = ctx.now.toISOString();
  const measureIds = result.measures.map(() => crypto.randomUUID());
  const reportsOf = await reportIdsOfLeads(
    db,
    found.map((f) => f.leadId),
  );
  const statements: BatchItem<"sqlite">[] = [
    updateInspection(db, id, result.patch, at),
    auditInsert(
      db,
      inspectionConcludedEvent(
        actor.id,
        id,
        { before: row.status, after: result.patch.status, leadIds, measureIds },
        at,
      ),
    ),
    ...result.measures.flatMap((m, i) => {
      const measureId = measureIds[i] as string;
      return [
        insertMeasure(db, measureId, id, m, at),
        auditInsert(db, measureCreatedEvent(actor.id, measureId, { ...m, inspectionId: id }, at)),
        // The liaisons of the responsible unit (and of the units above it) are told, once per measure.
        measureCreatedNotification(ctx, { measureId, unitId: m.responsibleUnitId, deadline: m.deadline }),
      ];
    }),
  ];
  for (const finding of found) {
    const lead = attached.find((a) => a.leadId === finding.leadId);
    statements.push(
      concludeLead(db, finding.leadId, at),
      auditInsert(
        db,
        leadConcludedEvent(
          actor.id,
          finding.leadId,
          { before: lead?.status, inspectionId: id, outcome: finding.outcome },
          at,
        ),
      ),
      ...reportsOf.filter((r) => r.leadId === finding.leadId).flatMap((r) => concludeReport(db, r.id, finding, at)),
    );
  }
  await commitWrite(db, statements, unchanged(row));
  await flushNotifications(ctx);
  return getInspection(ctx, id);
}
