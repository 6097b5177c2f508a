import { eq } from "drizzle-orm";
import { ApiError } from "../../http/errors";
import { sha256Hex, timingSafeEqual } from "../../lib/crypto";
import type { Db } from "../client";
import { reports } from "../schema";

/** The bearer secret of `Authorization: Bearer <secret>`, or undefined. */
export function bearerSecret(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * The report behind a tracking code, if `secret` is its receipt secret.
 * An unknown code and a wrong secret both throw the same 404, and the hash is
 * compared in constant time (a dummy hash is compared when the code is
 * unknown, so both paths do the same work).
 */
export async function requireReportBySecret(db: Db, trackingCode: string, secret: string | undefined) {
  const [row] = await db
    .select()
    .from(reports)
    .where(eq(reports.trackingCode, trackingCode.trim().toUpperCase()))
    .limit(1);
  const presented = await sha256Hex(secret ?? "");
  const stored = row?.secretHash ?? "0".repeat(64);
  const matches = timingSafeEqual(presented, stored);
  if (!row || !secret || !matches) throw new ApiError("not_found");
  return row;
}
