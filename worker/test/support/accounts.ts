import { env, SELF } from "cloudflare:test";
import { generateTOTP } from "@oslojs/otp";
import type { Role } from "../../src/domain/auth-policy";
import { seal, toBase64 } from "../../src/lib/crypto";
import { hashPassword } from "../../src/lib/password";

export const ORIGIN = "https://portal.test";
export const PASSWORD = "demo-password-long";

/** Hashing costs a quarter second, so the tests share one hash. */
let sharedHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  totpKey?: Uint8Array;
}

/** Inserts an account straight into D1, optionally tied to units or enrolled in TOTP. */
export async function createUser(
  role: Role,
  options: { ties?: string[]; totp?: boolean; disabled?: boolean; email?: string; unitId?: string } = {},
): Promise<TestUser> {
  sharedHash ??= hashPassword(PASSWORD);
  const id = crypto.randomUUID();
  const email = options.email ?? `${role}-${id.slice(0, 8)}@test.local`;
  const at = new Date().toISOString();
  const totpKey = options.totp ? crypto.getRandomValues(new Uint8Array(20)) : undefined;
  const sealed = totpKey ? await seal(env.CONTACT_KEY, toBase64(totpKey), `totp:${id}`) : undefined;
  await env.DB.prepare(
    `INSERT INTO users (id, email, display_name, role, password_hash, totp_iv, totp_ciphertext, totp_enabled_at, disabled_at, created_at, updated_at, unit_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      id,
      email,
      `Test ${role}`,
      role,
      await sharedHash,
      sealed?.iv ?? null,
      sealed?.ciphertext ?? null,
      totpKey ? at : null,
      options.disabled ? at : null,
      at,
      at,
      options.unitId ?? null,
    )
    .run();
  for (const unitId of options.ties ?? []) {
    await env.DB.prepare("INSERT INTO user_unit_ties (user_id, unit_id, created_at) VALUES (?, ?, ?)")
      .bind(id, unitId, at)
      .run();
  }
  return { id, email, role, totpKey };
}

/** The current TOTP code for a test user. */
export function totpNow(user: TestUser): string {
  if (!user.totpKey) throw new Error("user has no TOTP key");
  return generateTOTP(user.totpKey, 30, 6);
}

/** Signs in through the API and returns the `Cookie` header value. */
export async function login(user: TestUser, totp?: string): Promise<string> {
  const res = await SELF.fetch(`${ORIGIN}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN },
    body: JSON.stringify({ email: user.email, password: PASSWORD, ...(totp ? { totp } : {}) }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

/** A request as the signed-in user: cookie plus a same-origin `Origin`. */
export function asUser(cookie: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("Cookie", cookie);
  headers.set("Origin", ORIGIN);
  if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  return { ...init, headers };
}
