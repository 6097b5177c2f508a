import type { Hook } from "@hono/zod-openapi";
import type { Context } from "hono";
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

/**
 * Parses a JSON body by hand, for routes that must see the raw text (body
 * size, idempotency hashing). Malformed JSON is a 400, wrong type a 415.
 */
export async function readJsonBody(c: Context<AppEnv>, maxBytes: number): Promise<{ text: string; value: unknown }> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new ApiError("unsupported_media_type");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError("payload_too_large");
  const text = await c.req.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) throw new ApiError("payload_too_large");
  try {
    return { text, value: JSON.parse(text) };
  } catch (cause) {
    throw new ApiError("malformed_json", { cause });
  }
}

/** Validates a parsed body against a contract, throwing the 422 problem. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, c: Context<AppEnv>): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError("validation_failed", { errors: toFieldErrors(result.error, c.get("lang")) });
  }
  return result.data;
}
