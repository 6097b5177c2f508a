import type { FindingOutcome, MeasureStatus } from "../../contracts/inspections";
import { hanoiDate } from "../calendar";
import { isSubstantiated, missingFindings, type ReporterOutcome, reporterOutcome } from "./findings";
import {
  authorize,
  type InspectionActor,
  type InspectionEvent,
  type InspectionPatch,
  type InspectionState,
} from "./lifecycle";
import { cleanText, type Failure, fail, isIsoDate } from "./result";

/**
 * Issuing the conclusion (kết luận kiểm tra). DOMAIN.md asks conclusions to
 * guide and unblock the unit ("hướng dẫn, tháo gỡ khó khăn"), not only
 * sanction it, so recommendations and guidance are required alongside the
 * conclusion text.
 */

export interface MeasureDraft {
  responsibleUnitId: string;
  description: string;
  deadline: string;
}

export interface ConclusionDraft {
  conclusion: string;
  recommendations: string;
  guidance: string;
  measures: readonly MeasureDraft[];
}

/** A finding as the conclusion needs it. */
export interface ConcludedFinding {
  leadId: string;
  outcome: FindingOutcome;
  publicSummary: string;
}

export interface NewMeasure {
  responsibleUnitId: string;
  description: string;
  deadline: string;
  status: Extract<MeasureStatus, "open">;
}

export interface ConclusionResult {
  ok: true;
  patch: InspectionPatch & {
    conclusion: string;
    recommendations: string;
    guidance: string;
    concludedAt: string;
    concludedBy: string;
  };
  measures: NewMeasure[];
  /** Every attached lead becomes `concluded`; each of its reports shows this outcome. */
  leads: { leadId: string; status: "concluded"; reporter: ReporterOutcome }[];
  event: InspectionEvent;
}

/**
 * Checks and issues a conclusion. Order: the status and who (a supervisor
 * on the team, in progress), then `findings_missing` (every attached lead
 * gets an answer), then the fields:
 * - `/conclusion`, `/recommendations`, `/guidance` must not be blank;
 * - each measure needs a description (`/measures/<i>/description`), a known
 *   responsible unit when `knownUnitIds` is given (`…/responsibleUnitId`)
 *   and a deadline after the day of the conclusion (`…/deadline`): a
 *   deadline today or earlier would be overdue before anyone read it;
 * - `/measures` (detail `measures_required`): a conclusion that
 *   substantiates any lead, even partly, must order at least one measure,
 *   or "no measures" would close the inspection at once and skip the very
 *   follow-up the product exists for.
 * With no measures the inspection is `closed` at once (implemented); with
 * measures it is `concluded` until all are verified.
 *
 * @example
 * concludeInspection(inProgress, draft, findings, { id: "s1", role: "supervisor" }, now)
 * // { ok: true, patch: { status: "concluded", concludedBy: "s1", … }, measures: [{ status: "open", … }], leads: […], event }
 */
export function concludeInspection(
  inspection: InspectionState,
  draft: ConclusionDraft,
  findings: readonly ConcludedFinding[],
  actor: InspectionActor,
  now: Date,
  knownUnitIds?: ReadonlySet<string>,
): ConclusionResult | Failure {
  const allowed = authorize(inspection, "conclude", actor);
  if (!allowed.ok) return allowed;
  const byLead = new Map(findings.map((f) => [f.leadId, f]));
  if (missingFindings(inspection.leadIds, [...byLead.keys()]).length > 0) return fail("invalid", "findings_missing");

  const conclusion = cleanText(draft.conclusion);
  const recommendations = cleanText(draft.recommendations);
  const guidance = cleanText(draft.guidance);
  const pointers: string[] = [];
  if (conclusion === "") pointers.push("/conclusion");
  if (recommendations === "") pointers.push("/recommendations");
  if (guidance === "") pointers.push("/guidance");
  const today = hanoiDate(now);
  const measures: NewMeasure[] = draft.measures.map((m, i) => {
    const description = cleanText(m.description);
    if (description === "") pointers.push(`/measures/${i}/description`);
    if (knownUnitIds && !knownUnitIds.has(m.responsibleUnitId)) pointers.push(`/measures/${i}/responsibleUnitId`);
    if (!isIsoDate(m.deadline) || m.deadline <= today) pointers.push(`/measures/${i}/deadline`);
    return { responsibleUnitId: m.responsibleUnitId, description, deadline: m.deadline, status: "open" };
  });
  const attached = inspection.leadIds.flatMap((id) => byLead.get(id) ?? []);
  const substantiated = attached.some((f) => isSubstantiated(f.outcome));
  if (pointers.length > 0) return fail("invalid", "missing_or_invalid", pointers);
  if (substantiated && measures.length === 0) return fail("invalid", "measures_required", ["/measures"]);

  const concludedAt = now.toISOString();
  const status = measures.length === 0 ? "closed" : "concluded";
  return {
    ok: true,
    patch: {
      status,
      conclusion,
      recommendations,
      guidance,
      concludedAt,
      concludedBy: actor.id,
      ...(status === "closed" ? { closedAt: concludedAt } : {}),
    },
    measures,
    leads: attached.map((f) => ({ leadId: f.leadId, status: "concluded", reporter: reporterOutcome(f) })),
    event: {
      action: "conclude",
      before: { status: inspection.status },
      after: {
        status,
        outcomes: Object.fromEntries(attached.map((f) => [f.leadId, f.outcome])),
        measures: measures.length,
      },
    },
  };
}
