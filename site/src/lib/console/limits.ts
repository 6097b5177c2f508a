/**
 * Field limits read from the zod contracts at build time, so a form's
 * `maxlength`/`minlength`/`min`/`max` are the numbers the API enforces and are
 * written once, in `worker/src/contracts/`. Used in `.astro` frontmatter only
 * (zod does not reach the browser).
 *
 * @example
 * <textarea name="reasoning" {...limits(FindingInputSchema.shape.reasoning)} />
 */
import { z } from "zod";

/** HTML attributes for a text or number field. */
export interface LimitAttributes {
  minlength?: number;
  maxlength?: number;
  min?: number;
  max?: number;
}

/** The schema that finally checks the value: through optional, nullable, default and pipes (`TextSchema.pipe(…)`). */
function innermost(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.out as z.ZodType;
    } else return current;
  }
}

/**
 * `maxlength`/`minlength` of a string schema (a `min(1)` is left to `required`),
 * or `min`/`max` of a number schema. `minLength` adds a minimum the domain
 * checks beyond the contract (a cancel reason's 10 characters).
 */
export function limits(schema: z.ZodType, extra: { minLength?: number } = {}): LimitAttributes {
  const inner = innermost(schema);
  if (inner instanceof z.ZodString || inner instanceof z.ZodStringFormat) {
    const out: LimitAttributes = {};
    if (inner.maxLength !== null) out.maxlength = inner.maxLength;
    const min = extra.minLength ?? inner.minLength;
    if (min !== null && min > 1) out.minlength = min;
    return out;
  }
  if (inner instanceof z.ZodNumber) {
    const out: LimitAttributes = {};
    if (inner.minValue !== null && Number.isFinite(inner.minValue)) out.min = inner.minValue;
    if (inner.maxValue !== null && Number.isFinite(inner.maxValue)) out.max = inner.maxValue;
    return out;
  }
  throw new Error(`no length or range limits on a ${inner.constructor.name}`);
}

/**
 * Digits of a TOTP code. The contract checks codes with `/^\d{6}$/` and
 * exports no number for it; the sign-in and account forms take it from here.
 */
export const TOTP_LENGTH = 6;

/**
 * How many items an array schema takes (`.min(2).max(20)`), for a form that
 * repeats a row: `data-min`/`data-max` on the row's list.
 */
export function itemLimits(schema: z.ZodType): { min: number; max: number } {
  const inner = innermost(schema);
  if (!(inner instanceof z.ZodArray)) throw new Error(`no item limits on a ${inner.constructor.name}`);
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const check of inner._zod.def.checks ?? []) {
    const def = check._zod.def as { check: string; minimum?: number; maximum?: number };
    if (def.check === "min_length" && def.minimum !== undefined) min = def.minimum;
    if (def.check === "max_length" && def.maximum !== undefined) max = def.maximum;
  }
  return { min, max };
}
