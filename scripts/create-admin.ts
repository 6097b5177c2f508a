// Creates the first administrator (or any admin) in the local or the remote D1.
//
//   npm run admin:create -- --email chanh.thanhtra@hanoi.gov.vn --name "Nguyễn Văn A"           (local)
//   npm run admin:create -- --email chanh.thanhtra@hanoi.gov.vn --name "Nguyễn Văn A" --remote  (production)
//
// The password is generated, printed once, and must be changed at first login.
// The hash uses the same argon2id parameters as worker/src/lib/password.ts.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { argon2id } from "@noble/hashes/argon2.js";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string", default: "Quản trị viên" },
    remote: { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
  console.error("Usage: npm run admin:create -- --email you@example.org [--name 'Full name'] [--remote]");
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
const file = join(tmpdir(), `create-admin-${process.pid}.sql`);
writeFileSync(file, sql);
const target = values.remote
  ? ["--remote"]
  : ["--local", ...(values["persist-to"] ? ["--persist-to", values["persist-to"]] : [])];
execFileSync("wrangler", ["d1", "execute", "DB", ...target, "--file", file], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
console.log(`Administrator ${email} is ready (${values.remote ? "remote" : "local"} D1).`);
console.log(`One-time password: ${password}`);
console.log("Sign in at /kiem-tra/dang-nhap/ and change it; then enrol TOTP under Account.");
