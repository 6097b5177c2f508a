import "./zod-jitless";
import { toFieldErrors } from "../../../worker/src/contracts/messages";
import { ReportCreateSchema } from "../../../worker/src/contracts/reports";
import type { FieldMessage } from "./field-errors";

/**
 * Checks a report body with the same zod contract the server uses, with the
 * server's localized messages. Loaded lazily by the form so zod stays out of
 * the first paint.
 */
export function validateReport(body: unknown, lang: "vi" | "en"): FieldMessage[] {
  const result = ReportCreateSchema.safeParse(body);
  return result.success ? [] : toFieldErrors(result.error, lang);
}
