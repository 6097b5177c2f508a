import { env } from "cloudflare:test";
import { argon2id } from "@noble/hashes/argon2.js";
import type { Role } from "../../src/domain/auth-policy";
import { toBase64 } from "../../src/lib/crypto";
import { createUser, login, PASSWORD, type TestUser, totpNow } from "../support/accounts";
import { fileReport } from "../support/reports";
import { type Access, MATRIX_TOTP_REQUIRED_ROLES } from "./policy";

/** Everyone the matrix calls the API as. */
export type CallerName =
  | "anonymous"
  | "reporter"
  | "owner"
  | "inspector"
  | "recused"
  | "off-team"
  | "supervisor"
  | "admin"
  | "admin-no-totp"
  | "disabled"
  | "liaison"
  | "liaison-other";

/** What a caller sends: a session cookie, a receipt secret, or nothing. */
export interface Credentials {
  cookie?: string;
  bearer?: string;
  /** The account behind the cookie, for requests that need its password or TOTP key. */
  user?: TestUser;
}

/** A caller as the matrix labels it, and the role its session has (if any). */
export interface CallerKind {
  name: CallerName;
  label: string;
  role?: Role;
}

export const CALLER_KINDS: Record<CallerName, CallerKind> = {
  anonymous: { name: "anonymous", label: "anonymous" },
  reporter: { name: "reporter", label: "reporter of another report" },
  owner: { name: "owner", label: "the report's own reporter" },
  inspector: { name: "inspector", label: "inspector (on the team)", role: "inspector" },
  recused: { name: "recused", label: "inspector recused from the unit", role: "inspector" },
  "off-team": { name: "off-team", label: "inspector off the team", role: "inspector" },
  supervisor: { name: "supervisor", label: "supervisor", role: "supervisor" },
  admin: { name: "admin", label: "admin (TOTP enrolled)", role: "admin" },
  "admin-no-totp": { name: "admin-no-totp", label: "admin (TOTP required, not enrolled)", role: "admin" },
  disabled: { name: "disabled", label: "disabled account's stale cookie", role: "inspector" },
  liaison: { name: "liaison", label: "unit liaison of the ward", role: "unit_liaison" },
  "liaison-other": { name: "liaison-other", label: "unit liaison of another unit", role: "unit_liaison" },
};

/** The callers every operation is tried with. */
const ALWAYS: readonly CallerName[] = [
  "anonymous",
  "reporter",
  "inspector",
  "supervisor",
  "admin",
  "admin-no-totp",
  "disabled",
  "liaison",
  "liaison-other",
];

/** The callers an operation is tried with: everyone, plus the owner, the recused and the off-team inspector where they apply. */
export function callersFor(access: Access): CallerName[] {
  const names = [...ALWAYS];
  if ("reporter" in access) names.splice(2, 0, "owner");
  if ("staff" in access && access.recusal) names.splice(names.indexOf("inspector") + 1, 0, "recused");
  if ("staff" in access && access.team && access.staff.includes("inspector")) {
    names.splice(names.indexOf("inspector") + 1, 0, "off-team");
  }
  return names;
}

/** What the policy says a caller gets. */
export type Expectation = "allowed" | "refused" | "hidden" | "filtered";

/**
 * The policy's answer for one caller.
 *
 * @example
 * expectationFor({ staff: ["inspector", "supervisor"], recusal: "hidden" }, "recused") // "hidden"
 */
export function expectationFor(access: Access, caller: CallerName): Expectation {
  if ("public" in access) return "allowed";
  if ("reporter" in access) return caller === "owner" ? "allowed" : "refused";
  const role = CALLER_KINDS[caller].role;
  if (!role || caller === "disabled" || !access.staff.includes(role)) return "refused";
  const totpRequired = MATRIX_TOTP_REQUIRED_ROLES.includes(role);
  if (caller === "admin-no-totp" && totpRequired && !access.beforeTotp) return "refused";
  if (access.refusedWhenTotpRequired && totpRequired) return "refused";
  if (caller === "recused" && access.recusal) return access.recusal;
  if (caller === "off-team" && access.team) return "refused";
  if (caller === "liaison-other" && access.liaison) return access.liaison;
  return "allowed";
}

/**
 * The shared test password hashed with argon2id at the smallest cost: the
 * matrix signs in and changes passwords dozens of times, and the production
 * cost (a quarter second of CPU each) would be most of its run time. The
 * routes read the cost from the stored hash, so they take the same path.
 */
const CHEAP_HASH = (() => {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = argon2id(PASSWORD, salt, { m: 8, t: 1, p: 1, dkLen: 32 });
  const b64 = (bytes: Uint8Array) => toBase64(bytes).replace(/=+$/, "");
  return `$argon2id$v=19$m=8,t=1,p=1$${b64(salt)}$${b64(hash)}`;
})();

/** `createUser`, with the cheap hash of the same password. */
export async function createAccount(role: Role, options: Parameters<typeof createUser>[1] = {}): Promise<TestUser> {
  const user = await createUser(role, options);
  await env.DB.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(CHEAP_HASH, user.id).run();
  return user;
}

/** A second factor for a fresh account: none, a key set up but not confirmed, or enrolled. */
export type TotpState = "none" | "pending" | "enrolled";

/** The signed-in callers' accounts, and the receipts of the two reporters. */
export interface Cast {
  credentials: Record<CallerName, Credentials>;
  /**
   * A new account of the same kind, signed in: for operations that change the
   * account or its sessions. `totp` overrides the kind's own second factor
   * (only the TOTP-enrolled admin has one).
   */
  fresh(name: CallerName, totp?: TotpState): Promise<Credentials>;
}

/**
 * Signs everyone in. `recusedFrom` is the unit the recused inspector is tied
 * to and the liaison answers for (every scenario's unit sits below it; the
 * other liaison answers for Sở Xây dựng); `owner` is the receipt the
 * reporter-only operations are called about.
 */
export async function signInCast(recusedFrom: string, owner: { secret: string }): Promise<Cast> {
  const other = await fileReport({ unitId: "so-xay-dung" }, { headers: { "CF-Connecting-IP": "2001:db8::a" } });

  async function account(name: CallerName, totp?: TotpState): Promise<Credentials> {
    const role = CALLER_KINDS[name].role;
    if (name === "reporter") return { bearer: other.secret };
    if (name === "owner") return { bearer: owner.secret };
    if (!role) return {};
    const state = totp ?? (name === "admin" ? "enrolled" : "none");
    const unitId = name === "liaison" ? recusedFrom : name === "liaison-other" ? "so-xay-dung" : undefined;
    const user = await createAccount(role, {
      ties: name === "recused" ? [recusedFrom] : [],
      totp: state !== "none",
      ...(unitId ? { unitId } : {}),
    });
    // A key set up but not confirmed yet: what `POST /auth/totp/setup` leaves behind.
    if (state === "pending") {
      await env.DB.prepare("UPDATE users SET totp_enabled_at = NULL WHERE id = ?").bind(user.id).run();
    }
    const cookie = await login(user, state === "enrolled" ? totpNow(user) : undefined);
    if (name === "disabled") {
      await env.DB.prepare("UPDATE users SET disabled_at = ? WHERE id = ?")
        .bind(new Date().toISOString(), user.id)
        .run();
    }
    return { cookie, user };
  }

  const credentials = {} as Record<CallerName, Credentials>;
  for (const name of Object.keys(CALLER_KINDS) as CallerName[]) credentials[name] = await account(name);
  return { credentials, fresh: account };
}
