import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LoginResultSchema, MeSchema } from "../../src/contracts/auth";
import { ProblemSchema } from "../../src/contracts/common";
import { asUser, createUser, login, ORIGIN, PASSWORD, totpNow } from "../support/accounts";

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  SELF.fetch(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, ...headers },
    body: JSON.stringify(body),
  });

describe("POST /api/auth/login", () => {
  it("signs in and sets a hardened session cookie whose token is stored only hashed", async () => {
    const user = await createUser("supervisor");
    const res = await post("/api/auth/login", { email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    expect(LoginResultSchema.parse(await res.json()).user).toEqual({
      id: user.id,
      email: user.email,
      role: "supervisor",
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const token = /pacv_session=([0-9a-f]+)/.exec(cookie)?.[1] ?? "";
    expect(token).toHaveLength(64);
    const stored = await env.DB.prepare("SELECT token_hash FROM sessions WHERE user_id = ?").bind(user.id).first();
    expect(stored?.token_hash).not.toBe(token);
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const user = await createUser("inspector");
    const wrong = await post("/api/auth/login", { email: user.email, password: "nope-nope-nope" });
    const unknown = await post("/api/auth/login", { email: "ghost@test.local", password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = ProblemSchema.parse(await wrong.json());
    const b = ProblemSchema.parse(await unknown.json());
    expect({ ...a, requestId: "" }).toEqual({ ...b, requestId: "" });
    expect(a.title).toBe("Email hoặc mật khẩu không đúng");
  });

  it("refuses a disabled account", async () => {
    const user = await createUser("inspector", { disabled: true });
    expect((await post("/api/auth/login", { email: user.email, password: PASSWORD })).status).toBe(401);
  });

  it("backs off exponentially after repeated failures on one account, even from new clients", async () => {
    const user = await createUser("inspector");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(
        "/api/auth/login",
        { email: user.email, password: "wrong-password" },
        { "CF-Connecting-IP": `198.51.100.${i}` },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    const locked = await post("/api/auth/login", { email: user.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("asks for the TOTP code when enrolled, accepts it once, and refuses a replay", async () => {
    const user = await createUser("supervisor", { totp: true });
    const noCode = await post("/api/auth/login", { email: user.email, password: PASSWORD });
    expect(noCode.status).toBe(401);
    expect(ProblemSchema.parse(await noCode.json()).code).toBe("totp_required");
    const code = totpNow(user);
    expect((await post("/api/auth/login", { email: user.email, password: PASSWORD, totp: code })).status).toBe(200);
    expect((await post("/api/auth/login", { email: user.email, password: PASSWORD, totp: code })).status).toBe(401);
  });

  it("validates the body with a localized 422", async () => {
    const res = await post("/api/auth/login", { email: "not-an-email", password: "" }, { "Accept-Language": "en" });
    expect(res.status).toBe(422);
    const body = ProblemSchema.parse(await res.json());
    expect(body.errors?.map((e) => e.pointer).sort()).toEqual(["/email", "/password"]);
  });
});

describe("sessions", () => {
  it("logout revokes the session", async () => {
    const user = await createUser("inspector");
    const cookie = await login(user);
    expect((await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(cookie))).status).toBe(200);
    expect((await SELF.fetch(`${ORIGIN}/api/auth/logout`, asUser(cookie, { method: "POST" }))).status).toBe(204);
    expect((await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(cookie))).status).toBe(401);
  });

  it("expires after the idle time and after the absolute time", async () => {
    const user = await createUser("inspector");
    const idle = await login(user);
    await env.DB.prepare("UPDATE sessions SET last_seen_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 31 * 60 * 1000).toISOString(), user.id)
      .run();
    expect((await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(idle))).status).toBe(401);
    const other = await createUser("inspector");
    const absolute = await login(other);
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE user_id = ?")
      .bind(new Date(Date.now() - 1000).toISOString(), other.id)
      .run();
    expect((await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(absolute))).status).toBe(401);
  });

  it("a disabled account loses its live sessions at once", async () => {
    const user = await createUser("inspector");
    const cookie = await login(user);
    await env.DB.prepare("UPDATE users SET disabled_at = ? WHERE id = ?").bind(new Date().toISOString(), user.id).run();
    expect((await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(cookie))).status).toBe(401);
  });

  it("refuses a state-changing request with a cookie from another origin", async () => {
    const user = await createUser("inspector");
    const cookie = await login(user);
    const res = await SELF.fetch(`${ORIGIN}/api/auth/logout`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    const missing = await SELF.fetch(`${ORIGIN}/api/auth/logout`, { method: "POST", headers: { Cookie: cookie } });
    expect(missing.status).toBe(403);
    expect((await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(cookie))).status).toBe(200);
  });
});

describe("TOTP enrolment and policy", () => {
  it("enrols with a confirmed code, then requires it at login", async () => {
    const user = await createUser("inspector");
    const cookie = await login(user);
    const setup = await SELF.fetch(`${ORIGIN}/api/auth/totp/setup`, asUser(cookie, { method: "POST" }));
    expect(setup.status).toBe(200);
    const { secret, uri } = (await setup.json()) as { secret: string; uri: string };
    expect(uri).toContain("otpauth://totp/");
    const key = base32Decode(secret);
    const { generateTOTP } = await import("@oslojs/otp");
    const wrong = await SELF.fetch(
      `${ORIGIN}/api/auth/totp/confirm`,
      asUser(cookie, {
        method: "POST",
        body: JSON.stringify({ code: "000000" === generateTOTP(key, 30, 6) ? "111111" : "000000" }),
      }),
    );
    expect(wrong.status).toBe(422);
    const ok = await SELF.fetch(
      `${ORIGIN}/api/auth/totp/confirm`,
      asUser(cookie, { method: "POST", body: JSON.stringify({ code: generateTOTP(key, 30, 6) }) }),
    );
    expect(ok.status).toBe(204);
    const me = MeSchema.parse(await (await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(cookie))).json());
    expect(me.user.totpEnabled).toBe(true);
    expect((await post("/api/auth/login", { email: user.email, password: PASSWORD })).status).toBe(401);
  });

  it("an admin can require TOTP for a role; that role is blocked until it enrols", async () => {
    const admin = await createUser("admin");
    const adminCookie = await login(admin);
    const put = await SELF.fetch(
      `${ORIGIN}/api/admin/security`,
      asUser(adminCookie, { method: "PUT", body: JSON.stringify({ totpRequiredRoles: ["supervisor"] }) }),
    );
    expect(put.status).toBe(200);
    const supervisor = await createUser("supervisor");
    const cookie = await login(supervisor);
    const me = MeSchema.parse(await (await SELF.fetch(`${ORIGIN}/api/auth/me`, asUser(cookie))).json());
    expect(me.user.totpRequired).toBe(true);
    const blocked = await SELF.fetch(`${ORIGIN}/api/admin/users`, asUser(cookie));
    expect(blocked.status).toBe(403);
  });
});

function base32Decode(text: string): Uint8Array {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}
