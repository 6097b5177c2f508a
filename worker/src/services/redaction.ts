import { type PublicSummaryRedaction, PublicSummaryRedactionSchema } from "../contracts/inspections";
import type { RedactionMark, RedactionPreview, RedactionPreviewInput } from "../contracts/redactions";
import { applyRedactions, DETECTOR_VERSION, detectRedactions, marksFit } from "../domain/redaction";
import { toNfc } from "../domain/text";
import { ApiError } from "../http/errors";
import { CUSTOM_MESSAGES } from "../i18n/validation";
import type { ServiceContext } from "./context";

/** A text ready to leave the team, and what stays with it. */
export interface Release {
  /** The text as written (NFC): stays with the team. */
  original: string;
  /** What leaves the team: each mark replaced by its kind's label. */
  released: string;
  /** The marks applied, on `original`. */
  marks: RedactionMark[];
  /** True when an inspector confirmed the marks; false when the detector's suggestions were applied unreviewed. */
  confirmed: boolean;
  detectorVersion: number;
}

/**
 * `POST /api/redactions/preview`: the detector's suggestions on a text, for
 * the inspector to confirm, add to or remove before the text leaves the team.
 * Reads and stores nothing.
 */
export function previewRedactions(input: RedactionPreviewInput): RedactionPreview {
  const text = toNfc(input.text);
  const marks = detectRedactions(text);
  return { text, marks, redacted: applyRedactions(text, marks), detectorVersion: DETECTOR_VERSION };
}

/**
 * The one way free text leaves the inspection team (a finding's public
 * summary, a lead forwarded to a unit, an Open311 or export field). With the
 * marks an inspector confirmed (`marks` given, possibly empty: "nothing to
 * hide"), those are applied; without them (`undefined` or `null`) the
 * detector's suggestions are, so nothing it can recognise ever leaves
 * unreviewed. Marks that fall outside the text or overlap are a 422 at
 * `pointer`. Store `original` and the marks with the team's record and send
 * out only `released`.
 *
 * @example
 * const out = redactForRelease(ctx, input.note, input.noteMarks, "/noteMarks");
 * // write out.released where it leaves; keep out.original (and out.marks) internal
 */
export function redactForRelease(
  ctx: Pick<ServiceContext, "lang">,
  text: string,
  marks?: readonly RedactionMark[] | null,
  pointer = "/marks",
): Release {
  const original = toNfc(text);
  if (marks === undefined || marks === null) {
    const suggested = detectRedactions(original);
    return {
      original,
      released: applyRedactions(original, suggested),
      marks: suggested,
      confirmed: false,
      detectorVersion: DETECTOR_VERSION,
    };
  }
  if (!marksFit(original, marks)) {
    const message = CUSTOM_MESSAGES.marks_outside[ctx.lang];
    throw new ApiError("validation_failed", { detail: message, errors: [{ pointer, message }] });
  }
  const sorted = [...marks].sort((a, b) => a.start - b.start).map(({ start, end, kind }) => ({ start, end, kind }));
  return {
    original,
    released: applyRedactions(original, sorted),
    marks: sorted,
    confirmed: true,
    detectorVersion: DETECTOR_VERSION,
  };
}

/** How many marks of each kind a release applied: for audit rows, which never hold the text. */
export function redactionSummary(release: Release): { confirmed: boolean; marks: Record<string, number> } {
  const marks: Record<string, number> = {};
  for (const m of release.marks) marks[m.kind] = (marks[m.kind] ?? 0) + 1;
  return { confirmed: release.confirmed, marks };
}

const StoredRedactionSchema = PublicSummaryRedactionSchema.omit({ original: true });

/**
 * The team's view of a stored redaction: the original text with the marks
 * applied to it, or null for a row written before redaction existed.
 */
export function storedRedaction(original: string | null, json: string | null): PublicSummaryRedaction | null {
  if (original === null || json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = StoredRedactionSchema.safeParse(value);
  return parsed.success ? { original, ...parsed.data } : null;
}
