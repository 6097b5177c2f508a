// Creates the first administrator (or any admin) in the local or the remote D1.
//
//   npm run admin:create -- --email chanh.thanhtra@hanoi.gov.vn --name "Nguyễn Văn A"           (local)
//   npm run admin:create -- --email chanh.thanhtra@hanoi.gov.vn --name "Nguyễn Văn A" --remote  (production)
//   npm run admin:create -- --email you@example.org --persist-to .wrangler/empty-state       (`npm start -- --empty`)
//
// The password is generated, printed once, and must be changed at first login.
// The hash uses the same argon2id parameters as worker/src/lib/password.ts.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { argon2id } from "@noble/hashes/argon2.js";
import { type D1Target, executeFileTarget } from "./lib/wrangler.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string", default: "Quản trị viên" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
  console.error(
    "Usage: npm run admin:create -- --email you@example.org [--name 'Full name'] [--remote | --persist-to DIR]",
  );
  process.exit(2);
}

const ARGON2 = { m: 19_456, t: 2, p: 1 };
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64").replace(/=+$/, "");
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const password = Array.from(randomBytes(16), (b) => alphabet[b & 31])
  .join("")
  .replace(/(.{4})(?!$)/g, "$1-");
const salt = randomBytes(16);
const hash = argon2id(password, salt, { ...ARGON2, dkLen: 32 });
const phc = `$argon2id$v=19$m=${ARGON2.m},t=${ARGON2.t},p=${ARGON2.p}$${b64(salt)}$${b64(hash)}`;
const now = new Date().toISOString();
const q = (s: string) => `'${String(s).replaceAll("'", "''")}'`;
const email = values.email.trim().toLowerCase();
const sql = `INSERT INTO users (id, email, display_name, role, password_hash, must_change_password, created_at, updated_at)
VALUES (${q(randomUUID())}, ${q(email)}, ${q(values.name.normalize("NFC"))}, 'admin', ${q(phc)}, 1, ${q(now)}, ${q(now)})
ON CONFLICT(email) DO UPDATE SET role = 'admin', password_hash = excluded.password_hash, must_change_password = 1,
  disabled_at = NULL, totp_enabled_at = NULL, totp_iv = NULL, totp_ciphertext = NULL, updated_at = excluded.updated_at;`;
// The project's own wrangler on this Node, so `node scripts/create-admin.ts` works outside `npm run` too.
const persistTo = values["persist-to"];
const target: D1Target = values.remote
  ? { remote: true }
  : { remote: false, persistTo: persistTo ? resolve(persistTo) : undefined };
const dir = mkdtempSync(join(tmpdir(), "pacv-create-admin-"));
let failure: unknown;
try {
  const file = join(dir, "create-admin.sql");
  writeFileSync(file, sql);
  executeFileTarget(file, target);
} catch (error) {
  failure = error;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failure) {
  console.error(failure instanceof Error ? failure.message : failure);
  process.exit(1);
}
console.log(`Administrator ${email} is ready (${values.remote ? "remote" : "local"} D1).`);
console.log(`One-time password: ${password}`);
console.log("Sign in at /kiem-tra/dang-nhap/ and change it; then enrol TOTP under Account.");
