import type { FindingInput, InspectionDetail } from "../contracts/inspections";
import { auditInsert } from "../db/queries/audit";
import { findingOfLead, isAttached, upsertFinding } from "../db/queries/findings";
import { unchanged } from "../db/queries/inspections";
import { findingRecordedEvent } from "../db/rows/inspection-events";
import { validateFinding } from "../domain/inspections";
import { ApiError } from "../http/errors";
import { failureError } from "../http/failures";
import { commitWrite } from "./batch";
import type { ActorContext } from "./context";
import { authorizeAction, requireInspection, requirePermission } from "./inspections/access";
import { getInspection } from "./inspections/read";
import { redactForRelease, redactionSummary } from "./redaction";

/**
 * `PUT /api/inspections/{id}/findings/{leadId}`: a team member records (or
 * replaces) the finding on one attached lead while the inspection is in
 * progress. One finding per lead and inspection; audited with the outcome, never the text.
 * 404 when the lead is not attached to this inspection.
 *
 * The public summary leaves the team (reporters read it once the inspection
 * is concluded), so it is stored redacted through `redactForRelease`: with
 * the marks the inspector confirmed, or the detector's suggestions when none
 * were sent. The original and the marks stay in the team's columns; the audit
 * row counts the marks by kind and says whether they were confirmed.
 */
export async function putFinding(
  ctx: ActorContext,
  id: string,
  leadId: string,
  input: FindingInput,
): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.conduct");
  const row = await requireInspection(ctx, id);
  if (!(await isAttached(ctx.db, id, leadId))) throw new ApiError("not_found");
  await authorizeAction(ctx, row, "record_finding");
  const release = redactForRelease(ctx, input.publicSummary, input.publicSummaryMarks, "/publicSummaryMarks");
  const valid = validateFinding({ ...input, publicSummary: release.released });
  if (!valid.ok) throw failureError(valid, ctx.lang);
  const before = await findingOfLead(ctx.db, id, leadId);
  const at = ctx.now.toISOString();
  await commitWrite(
    ctx.db,
    [
      upsertFinding(
        ctx.db,
        { inspectionId: id, leadId, unitId: row.unitId },
        {
          ...valid.finding,
          publicSummaryOriginal: release.original,
          publicSummaryRedaction: JSON.stringify({
            marks: release.marks,
            confirmed: release.confirmed,
            detectorVersion: release.detectorVersion,
          }),
          recordedBy: ctx.actor.id,
          recordedAt: at,
        },
      ),
      auditInsert(
        ctx.db,
        findingRecordedEvent(
          ctx.actor.id,
          id,
          {
            leadId,
            outcome: valid.finding.outcome,
            ...(before ? { previous: before.outcome } : {}),
            redaction: redactionSummary(release),
          },
          at,
        ),
      ),
    ],
    unchanged(row),
  );
  return getInspection(ctx, id);
}
