import type { MeasureDocument } from "../contracts/inspections";
import type { ExtensionRequestInput, UnitMeasure } from "../contracts/liaison";
import { MEASURE_DOCUMENT_MAX_FILES } from "../contracts/liaison";
import type { Actor } from "../db/queries/accounts";
import { auditInsert } from "../db/queries/audit";
import {
  countMeasureDocuments,
  type ForwardedLeadRow,
  findMeasureDocument,
  insertExtensionRequest,
  insertMeasureDocument,
  leadsForwardedToUnit,
  noPendingRequest,
  unitMeasuresOf,
} from "../db/queries/liaison";
import { measureRow, measureUnchanged, updateMeasure } from "../db/queries/measures";
import { measureActionEvent } from "../db/rows/inspection-events";
import { can } from "../domain/auth-policy";
import { sniffType, stripMetadata } from "../domain/evidence";
import { measureTransition } from "../domain/inspections";
import { ApiError } from "../http/errors";
import { evidenceError, evidenceFileError, failureError } from "../http/failures";
import { LIAISON_MESSAGES } from "../i18n/liaison";
import { sha256Hex } from "../lib/crypto";
import { commitWrite, writeBatch } from "./batch";
import type { ActorContext } from "./context";
import { getMeasure } from "./measures";
import { flushNotifications, measureAnsweredEvent } from "./notifications";
import { redactForRelease } from "./redaction";

/**
 * The unit liaison's use cases (issue 13). A `unit_liaison` answers for one
 * unit of the directory and the units below it (`users.unit_id`); every read
 * here is scoped to that subtree in SQL (`inLiaisonScope`), and anything
 * outside it is a 404, never a 403, so a liaison learns nothing of another
 * unit. What they see is built from chosen columns (`UnitMeasure`): no
 * reporter, contact, internal note, team member or audit actor. Every write
 * is audited with the liaison as the actor.
 */

/** Whether the actor is a unit liaison with a unit. */
export function isLiaison(actor: Actor): actor is Actor & { unitId: string } {
  return actor.role === "unit_liaison" && actor.unitId !== null;
}

/** The liaison's unit, or 403 for any other account (staff roles never reach the liaison's routes). */
function liaisonUnit(ctx: ActorContext): string {
  if (!can(ctx.actor.role, "unit.read") || !isLiaison(ctx.actor)) throw new ApiError("forbidden");
  return ctx.actor.unitId;
}

/**
 * A measure as it leaves the team for the unit: the team's own texts (the
 * measure, a rejection's reason, the recommendations and guidance) pass the
 * redaction detector, so no phone number, ID number, address or name the
 * team wrote reaches the unit; the stored texts stay as written. The
 * findings' public summaries were redacted when saved, the answer is the
 * unit's own.
 */
function releasedToUnit(ctx: ActorContext, m: UnitMeasure): UnitMeasure {
  const out = (text: string) => redactForRelease(ctx, text).released;
  return {
    ...m,
    description: out(m.description),
    rejection: m.rejection && { ...m.rejection, reason: out(m.rejection.reason) },
    conclusion: {
      ...m.conclusion,
      recommendations: out(m.conclusion.recommendations),
      guidance: out(m.conclusion.guidance),
    },
  };
}

/** `GET /api/measures` as a liaison: the measures of their unit and its sub-units, earliest deadline first. */
export async function listUnitMeasures(ctx: ActorContext): Promise<UnitMeasure[]> {
  const measures = await unitMeasuresOf(ctx.db, liaisonUnit(ctx));
  return measures.map((m) => releasedToUnit(ctx, m));
}

/** `GET /api/unit/measures/{id}`: one measure of the liaison's scope, or 404. */
export async function getUnitMeasure(ctx: ActorContext, id: string): Promise<UnitMeasure> {
  const [measure] = await unitMeasuresOf(ctx.db, liaisonUnit(ctx), { id });
  if (!measure) throw new ApiError("not_found");
  return releasedToUnit(ctx, measure);
}

/**
 * `POST /api/measures/{id}/response` as a liaison: the unit's answer, by
 * the same rule as a response staff record (`measureTransition`: open,
 * overdue or responded → responded, at least `MEASURE_TEXT_MIN` characters),
 * audited `measure.responded` with the liaison as the actor. 404 outside the
 * scope, 409 once verified.
 */
export async function respondAsLiaison(ctx: ActorContext, id: string, response: string): Promise<UnitMeasure> {
  await getUnitMeasure(ctx, id);
  const m = await measureRow(ctx.db, id);
  if (!m) throw new ApiError("not_found");
  const result = measureTransition(
    m,
    { action: "respond", response },
    { id: ctx.actor.id, role: ctx.actor.role },
    [],
    ctx.now,
  );
  if (!result.ok) throw failureError(result, ctx.lang);
  const at = ctx.now.toISOString();
  await commitWrite(
    ctx.db,
    [
      updateMeasure(ctx.db, id, result.patch, at),
      auditInsert(ctx.db, measureActionEvent(ctx.actor.id, id, "respond", result.event, at)),
      // The inspection's team is told to verify (ids only, never the response's text).
      measureAnsweredEvent(ctx, {
        responseId: `${id}:${at}`,
        measureId: id,
        inspectionId: m.inspectionId,
        unitId: m.responsibleUnitId,
      }),
    ],
    measureUnchanged(m),
  );
  await flushNotifications(ctx);
  return getUnitMeasure(ctx, id);
}

/** An uploaded file as the HTTP layer read it (size already checked). */
export interface MeasureUpload {
  file: File;
  title: string | undefined;
}

/**
 * `POST /api/measures/{id}/documents` (liaison): a document for the unit's
 * response, by the evidence rules of reporters' files: the type sniffed from
 * the content (JPEG, PNG, WebP or PDF; 415 otherwise), image metadata
 * stripped, damaged or encrypted files refused (422), at most
 * `MEASURE_DOCUMENT_MAX_FILES` per measure (422). Stored in R2 as
 * `measures/<id>/<docId>` under ids only, recorded with its SHA-256 and
 * audited `measure.document_added`; the object is removed again if the record
 * fails. 404 outside the scope, 409 once verified. The upload is read only
 * after those checks.
 */
export async function uploadMeasureDocument(
  ctx: ActorContext,
  id: string,
  readUpload: () => Promise<MeasureUpload>,
): Promise<MeasureDocument> {
  const measure = await getUnitMeasure(ctx, id);
  if (measure.status === "verified") throw new ApiError("conflict", { detail: LIAISON_MESSAGES.verified[ctx.lang] });
  if ((await countMeasureDocuments(ctx.db, id)) >= MEASURE_DOCUMENT_MAX_FILES) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/file", message: LIAISON_MESSAGES.limit_reached[ctx.lang] }],
    });
  }
  const { file, title } = await readUpload();
  const original = new Uint8Array(await file.arrayBuffer());
  const type = sniffType(original);
  if (!type) throw evidenceError("unsupported_media_type", "unsupported_type", ctx.lang);
  const stripped = stripMetadata(original, type);
  if (!stripped.ok) throw evidenceFileError(stripped.reason, ctx.lang);
  const docId = crypto.randomUUID();
  const objectKey = `measures/${id}/${docId}`;
  const sha256 = await sha256Hex(stripped.bytes);
  const at = ctx.now.toISOString();
  const doc: MeasureDocument = {
    id: docId,
    title: title ?? `Tài liệu ${at.slice(0, 10)}`,
    contentType: type,
    size: stripped.bytes.byteLength,
    sha256,
    createdAt: at,
  };
  await ctx.env.EVIDENCE.put(objectKey, stripped.bytes, { httpMetadata: { contentType: type }, sha256 });
  try {
    await writeBatch(ctx.db, [
      insertMeasureDocument(ctx.db, { ...doc, measureId: id, objectKey, uploadedBy: ctx.actor.id }),
      auditInsert(ctx.db, {
        actorId: ctx.actor.id,
        actorKind: "user",
        action: "measure.document_added",
        targetType: "measure",
        targetId: id,
        summary: { after: { documentId: docId, contentType: type, size: doc.size, sha256 } },
        at,
      }),
    ]);
  } catch (error) {
    await ctx.env.EVIDENCE.delete(objectKey);
    throw error;
  }
  return doc;
}

/**
 * `GET /api/measures/{id}/documents/{docId}`: the stored file, for the
 * liaison of the measure's unit, or for staff who may see the measure
 * (`inspections.read`, recusal and surprise rules). 404 otherwise.
 */
export async function measureDocumentFile(
  ctx: ActorContext,
  id: string,
  docId: string,
): Promise<{ object: R2ObjectBody; contentType: string }> {
  if (isLiaison(ctx.actor)) await getUnitMeasure(ctx, id);
  else if (can(ctx.actor.role, "inspections.read")) await getMeasure(ctx, id);
  else throw new ApiError("forbidden");
  const doc = await findMeasureDocument(ctx.db, id, docId);
  const object = doc ? await ctx.env.EVIDENCE.get(doc.objectKey) : null;
  if (!doc || !object) throw new ApiError("not_found");
  return { object, contentType: doc.contentType };
}

/**
 * `POST /api/measures/{id}/extension-request` (liaison): asks for a later
 * deadline with a reason (and optionally the date wanted, after the current
 * deadline: 422 otherwise). One request waits at a time (409); a
 * supervisor grants it with `POST /api/measures/{id}/extension`. Audited
 * `measure.extension_requested`. 404 outside the scope, 409 once verified.
 */
export async function requestExtension(
  ctx: ActorContext,
  id: string,
  input: ExtensionRequestInput,
): Promise<UnitMeasure> {
  const measure = await getUnitMeasure(ctx, id);
  if (measure.status === "verified") throw new ApiError("conflict", { detail: LIAISON_MESSAGES.verified[ctx.lang] });
  if (measure.extensionRequests.some((r) => r.status === "pending")) {
    throw new ApiError("conflict", { detail: LIAISON_MESSAGES.request_pending[ctx.lang] });
  }
  if (input.requestedDueOn !== undefined && input.requestedDueOn <= measure.deadline) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/requestedDueOn", message: LIAISON_MESSAGES.due_not_later[ctx.lang] }],
    });
  }
  const at = ctx.now.toISOString();
  const requestId = crypto.randomUUID();
  await commitWrite(
    ctx.db,
    [
      insertExtensionRequest(ctx.db, {
        id: requestId,
        measureId: id,
        reason: input.reason,
        requestedDueOn: input.requestedDueOn ?? null,
        requestedBy: ctx.actor.id,
        requestedAt: at,
      }),
      auditInsert(ctx.db, {
        actorId: ctx.actor.id,
        actorKind: "user",
        action: "measure.extension_requested",
        targetType: "measure",
        targetId: id,
        summary: {
          before: { deadline: measure.deadline },
          after: { requestId, reason: input.reason, requestedDueOn: input.requestedDueOn ?? null },
        },
        at,
      }),
    ],
    noPendingRequest(id),
  );
  return getUnitMeasure(ctx, id);
}

/** `GET /api/unit/leads`: the leads forwarded to the liaison's unit (see `leadsForwardedToUnit`). */
export async function forwardedLeads(ctx: ActorContext): Promise<ForwardedLeadRow[]> {
  const rows = await leadsForwardedToUnit(ctx.db, liaisonUnit(ctx));
  // The team's note leaves the team here: what the detector finds is masked, the original stays on the lead.
  return rows.map((row) => ({ ...row, note: row.note === null ? null : redactForRelease(ctx, row.note).released }));
}
