// SAMPLE DATA, local only: the demo staff accounts. They exist only in the
// local seed, never in a remote database (seed-local.ts refuses --remote).
// Password hashes use the Worker's own scheme (worker/src/lib/password.ts):
// argon2id, m=19456 KiB, t=2, p=1, 16-byte salt, PHC string.
import { randomBytes } from "node:crypto";
import { argon2id } from "@noble/hashes/argon2.js";
import type { RoleName } from "../../worker/src/contracts/auth.ts";
import { insertOrIgnore } from "./sql.ts";

/** The password of every demo account. */
export const DEMO_PASSWORD = "demo-password";

/** The ward `inspector2@demo.local` is tied to, so recused from. */
export const RECUSED_WARD_ID = "phuong-dong-da";

/** A demo staff account. */
export interface DemoAccount {
  id: string;
  email: string;
  displayName: string;
  role: RoleName;
}

/** Demo accounts; the ids are fixed so the seeded history can name its actors. */
export const DEMO_ACCOUNTS = {
  supervisor: {
    id: "00000000-0000-4000-a000-00000000de01",
    email: "supervisor@demo.local",
    displayName: "Trần Thu Hà (trưởng đoàn, demo)",
    role: "supervisor",
  },
  inspector: {
    id: "00000000-0000-4000-a000-00000000de02",
    email: "inspector@demo.local",
    displayName: "Nguyễn Minh Khoa (kiểm tra viên, demo)",
    role: "inspector",
  },
  inspector2: {
    id: "00000000-0000-4000-a000-00000000de03",
    email: "inspector2@demo.local",
    displayName: "Lê Quang Sơn (kiểm tra viên, demo)",
    role: "inspector",
  },
  admin: {
    id: "00000000-0000-4000-a000-00000000de04",
    email: "admin@demo.local",
    displayName: "Quản trị viên (demo)",
    role: "admin",
  },
} satisfies Record<string, DemoAccount>;

const ARGON2 = { m: 19_456, t: 2, p: 1 };
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");

/** A PHC argon2id hash exactly as `hashPassword` in worker/src/lib/password.ts makes it. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = argon2id(password.normalize("NFC"), salt, { ...ARGON2, dkLen: 32 });
  return `$argon2id$v=19$m=${ARGON2.m},t=${ARGON2.t},p=${ARGON2.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * The demo accounts, no TOTP, no forced password change, and inspector2's
 * tie to RECUSED_WARD_ID. INSERT OR IGNORE: a second run keeps the accounts
 * (and any password a developer changed).
 */
export function accountsSql(now = new Date()): string[] {
  const at = now.toISOString();
  const statements = ["-- SAMPLE DATA: demo accounts for local development only."];
  for (const account of Object.values(DEMO_ACCOUNTS)) {
    statements.push(
      insertOrIgnore("users", {
        id: account.id,
        email: account.email,
        display_name: account.displayName,
        role: account.role,
        password_hash: hashPassword(DEMO_PASSWORD),
        must_change_password: 0,
        created_at: at,
        updated_at: at,
      }),
    );
  }
  statements.push(
    insertOrIgnore("user_unit_ties", {
      user_id: DEMO_ACCOUNTS.inspector2.id,
      unit_id: RECUSED_WARD_ID,
      reason: "Demo: từng công tác tại phường này / worked at this ward before",
      created_at: at,
    }),
  );
  return statements;
}
