import type { AssignmentResult } from "../domain/assignment";
import type { Failure } from "../domain/inspections/result";
import type { RoutingCheck, RoutingFailureKey } from "../domain/routing";
import type { TransitionResult } from "../domain/workflow";
import type { Lang } from "../env";
import { API_CLIENT_MESSAGES, type ApiClientMessageKey } from "../i18n/api-clients";
import { EVIDENCE_MESSAGES, type EvidenceMessageKey } from "../i18n/evidence";
import { INSPECTION_MESSAGES, type InspectionMessageKey } from "../i18n/inspections";
import { ASSIGNMENT_MESSAGES, type AssignmentMessageKey, TRANSITION_FIELD_MESSAGES } from "../i18n/leads";
import { ROUTING_MESSAGES } from "../i18n/routing";
import { ApiError, type ErrorCode } from "./errors";

/**
 * The one place where a failure of the pure domain becomes an API problem:
 * illegal → 409, forbidden → 403, invalid → 422 with a localised message per
 * JSON pointer. Services throw what these return.
 */

/**
 * An inspection, finding, measure or contest rule's failure as the API error.
 *
 * @example
 * if (!result.ok) throw failureError(result, lang);
 */
export function failureError(failure: Failure, lang: Lang): ApiError {
  if (failure.error === "illegal") return new ApiError("conflict", { detail: failure.detail });
  if (failure.error === "forbidden") return new ApiError("forbidden");
  const key = failure.detail in INSPECTION_MESSAGES ? (failure.detail as InspectionMessageKey) : undefined;
  const pointers = failure.pointers.length ? failure.pointers : ["/"];
  return new ApiError("validation_failed", {
    ...(key ? { detail: INSPECTION_MESSAGES[key][lang] } : {}),
    errors: pointers.map((pointer) => ({
      pointer,
      message: key ? INSPECTION_MESSAGES[key][lang] : lang === "vi" ? "Giá trị chưa hợp lệ" : "Invalid value",
    })),
  });
}

/** A lead workflow transition's failure as the API error; a 409 carries no detail (as it always did). */
export function transitionFailureError(failure: Extract<TransitionResult, { ok: false }>, lang: Lang): ApiError {
  if (failure.error === "illegal") return new ApiError("conflict");
  if (failure.error === "forbidden") return new ApiError("forbidden");
  return new ApiError("validation_failed", {
    errors: failure.pointers.map((pointer) => ({
      pointer,
      message: TRANSITION_FIELD_MESSAGES[pointer as keyof typeof TRANSITION_FIELD_MESSAGES]?.[lang] ?? pointer,
    })),
  });
}

/** A 422 with one field error from the inspection messages, in the request's language. */
export function fieldError(pointer: string, key: InspectionMessageKey, lang: Lang): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer, message: INSPECTION_MESSAGES[key][lang] }] });
}

/**
 * A refused evidence file: the problem `code` with the evidence message as
 * its detail, which the upload form shows as is.
 *
 * @example
 * throw evidenceError("limit_reached", "limit_reached", lang);
 */
export function evidenceError(code: ErrorCode, key: EvidenceMessageKey, lang: Lang): ApiError {
  return new ApiError(code, { detail: EVIDENCE_MESSAGES[key][lang] });
}

/** A 422 at `/file` with the evidence message (no file, several, damaged or encrypted). */
export function evidenceFileError(key: EvidenceMessageKey, lang: Lang): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer: "/file", message: EVIDENCE_MESSAGES[key][lang] }] });
}

/**
 * A refused assignment as the API error, its message in the request's
 * language: lead closed or already someone else's → 409, not the actor's to
 * give → 403, an unusable assignee → 422 at `pointer`.
 */
export function assignmentFailureError(
  failure: Extract<AssignmentResult, { ok: false }>,
  lang: Lang,
  pointer = "/assigneeId",
): ApiError {
  const message = ASSIGNMENT_MESSAGES[failure.detail][lang];
  if (failure.error === "illegal") return new ApiError("conflict", { detail: message });
  if (failure.error === "forbidden") return new ApiError("forbidden", { detail: message });
  return new ApiError("validation_failed", { detail: message, errors: [{ pointer, message }] });
}

/** A problem of `code` whose detail is one of the assignment messages, in the request's language. */
export function assignmentError(
  code: "forbidden" | "conflict" | "not_found" | "validation_failed",
  key: AssignmentMessageKey,
  lang: Lang,
  pointer?: string,
): ApiError {
  const message = ASSIGNMENT_MESSAGES[key][lang];
  return new ApiError(code, { detail: message, ...(pointer ? { errors: [{ pointer, message }] } : {}) });
}

/**
 * A refused change to an Open311 client application: 409 with the message of
 * `i18n/api-clients.ts` (a key already revoked), in the request's language.
 */
export function apiClientFailureError(failure: Failure, lang: Lang): ApiError {
  const key = failure.detail in API_CLIENT_MESSAGES ? (failure.detail as ApiClientMessageKey) : "already_revoked";
  const message = API_CLIENT_MESSAGES[key][lang];
  if (failure.error === "forbidden") return new ApiError("forbidden", { detail: message });
  if (failure.error === "illegal") return new ApiError("conflict", { detail: message });
  const pointers = failure.pointers.length ? failure.pointers : ["/"];
  return new ApiError("validation_failed", {
    detail: message,
    errors: pointers.map((pointer) => ({ pointer, message })),
  });
}

/**
 * A refused routing or split as the API error, its message in the request's
 * language: past triage, inspected or the only report → 409, nothing to
 * change or a unit the actor is recused from → 422 at the pointers.
 */
export function routingFailureError(failure: Extract<RoutingCheck, { ok: false }>, lang: Lang): ApiError {
  const message = ROUTING_MESSAGES[failure.detail][lang];
  if (failure.error === "illegal") return new ApiError("conflict", { detail: message });
  const pointers = failure.pointers.length ? failure.pointers : ["/"];
  return new ApiError("validation_failed", {
    detail: message,
    errors: pointers.map((pointer) => ({ pointer, message })),
  });
}

/** A routing refusal of `key` (see {@link routingFailureError}). */
export function routingError(
  error: "illegal" | "invalid",
  key: RoutingFailureKey,
  lang: Lang,
  pointers: string[] = [],
): ApiError {
  return routingFailureError({ ok: false, error, detail: key, pointers }, lang);
}
