import type { Hook } from "@hono/zod-openapi";
import type { z } from "zod";
import type { AppEnv } from "../env";
import { toFieldErrors } from "../i18n/validation";
import { ApiError } from "./errors";

/**
 * The validation hook of every route: a failed body, query or param check
 * becomes a 422 problem with one localized message per field.
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (!result.success) {
    throw new ApiError("validation_failed", {
      errors: toFieldErrors(result.error as z.ZodError, c.get("lang")),
    });
  }
};
