import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ApiClient,
  type ApiClientIssued,
  ApiClientIssuedSchema,
  ApiClientListSchema,
  ApiClientSchema,
} from "../../src/contracts/api-clients";
import { apiClientRecord } from "../../src/db/rows";
import { sha256Hex } from "../../src/lib/crypto";
import { ORIGIN } from "../support/accounts";
import { auditByAction } from "../support/inspections";
import { auditRows, call, expectProblem, signIn } from "../support/leads";

const EN = { "Accept-Language": "en" };
const BASE = "/api/admin/api-clients";

let admin: string;

beforeAll(async () => {
  admin = (await signIn("admin")).cookie;
});

async function issue(body: Record<string, unknown> = {}): Promise<ApiClientIssued> {
  const res = await call(admin, BASE, {
    method: "POST",
    body: { name: `Ứng dụng ${crypto.randomUUID().slice(0, 6)}`, requestsPerHour: 60, ...body },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ApiClientIssuedSchema.parse(await res.json());
}

async function stored(id: string) {
  return env.DB.prepare("SELECT * FROM api_clients WHERE id = ?").bind(id).first<Record<string, unknown>>();
}

async function list(): Promise<ApiClient[]> {
  const res = await call(admin, BASE);
  expect(res.status).toBe(200);
  return ApiClientListSchema.parse(await res.json()).items;
}

const patch = (id: string, body: unknown, headers?: Record<string, string>) =>
  call(admin, `${BASE}/${id}`, { method: "PATCH", body, ...(headers ? { headers } : {}) });
const revoke = (id: string, headers?: Record<string, string>) =>
  call(admin, `${BASE}/${id}/revoke`, { method: "POST", ...(headers ? { headers } : {}) });

describe("POST /api/admin/api-clients", () => {
  it("issues a key once: shown in the answer, stored only as its SHA-256 and first eight characters", async () => {
    const res = await call(admin, BASE, {
      method: "POST",
      body: { name: "  Ứng dụng iHanoi  ", requestsPerHour: 120, publicApp: true },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { client, key } = ApiClientIssuedSchema.parse(await res.json());
    expect(key).toMatch(/^pacv_[A-Za-z0-9_-]{43}$/);
    expect(client).toMatchObject({
      name: "Ứng dụng iHanoi",
      keyPrefix: key.slice(0, 8),
      requestsPerHour: 120,
      publicApp: true,
      useCount: 0,
      lastUsedAt: null,
      revokedAt: null,
    });

    const row = await stored(client.id);
    expect(row?.key_hash).toBe(await sha256Hex(key));
    expect(row?.key_prefix).toBe(key.slice(0, 8));
    expect(JSON.stringify(row)).not.toContain(key);
    // The row is the row builder's (the seed's local demo client is written with it too).
    const record = apiClientRecord({
      id: client.id,
      name: client.name,
      keyHash: await sha256Hex(key),
      keyPrefix: client.keyPrefix,
      requestsPerHour: 120,
      publicApp: true,
      createdBy: String(row?.created_by),
      createdAt: client.createdAt,
    });
    expect(row).toEqual(
      Object.fromEntries(
        Object.entries(record).map(([k, v]) => [
          k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
          typeof v === "boolean" ? Number(v) : v,
        ]),
      ),
    );

    const [event] = (await auditRows(client.id)).filter((e) => e.action === "api_client.created");
    expect(JSON.parse(event?.summary ?? "{}")).toEqual({
      before: null,
      after: { name: "Ứng dụng iHanoi", keyPrefix: key.slice(0, 8), requestsPerHour: 120, publicApp: true },
    });
  });

  it("issues a different key each time, and defaults publicApp to false", async () => {
    const a = await issue();
    const b = await issue({ name: "Tổng đài 1022" });
    expect(a.key).not.toBe(b.key);
    expect(b.client.publicApp).toBe(false);
  });

  it.each([
    [{ name: "A", requestsPerHour: 10 }, "/name"],
    [{ name: "Ứng dụng", requestsPerHour: 0 }, "/requestsPerHour"],
    [{ name: "Ứng dụng", requestsPerHour: 10_001 }, "/requestsPerHour"],
    [{ name: "Ứng dụng", requestsPerHour: 1.5 }, "/requestsPerHour"],
    [{ name: "Ứng dụng" }, "/requestsPerHour"],
    [{ name: "Ứng dụng", requestsPerHour: 10, publicApp: "yes" }, "/publicApp"],
    [{ name: "Ứng dụng", requestsPerHour: 10, keyHash: "00" }, "/keyHash"],
  ])("refuses %j with a 422 at %s in Vietnamese and English, writing nothing", async (body, pointer) => {
    const before = (await auditByAction("api_client.created")).length;
    const vi = await expectProblem(await call(admin, BASE, { method: "POST", body }), 422);
    expect(vi.errors?.[0]?.pointer).toBe(pointer);
    expect(vi.title).toBe("Dữ liệu chưa hợp lệ");
    const en = await expectProblem(await call(admin, BASE, { method: "POST", body, headers: EN }), 422);
    expect(en.errors?.[0]?.pointer).toBe(pointer);
    expect(en.title).toBe("Some fields are not valid");
    expect(en.errors?.[0]?.message).not.toBe(vi.errors?.[0]?.message);
    expect(await auditByAction("api_client.created")).toHaveLength(before);
  });
});

describe("GET /api/admin/api-clients", () => {
  it("lists working clients first, newest first, then revoked ones, never with a key or its hash", async () => {
    const older = await issue({ name: "Ứng dụng cũ" });
    const gone = await issue({ name: "Ứng dụng đã thu hồi" });
    expect((await revoke(gone.client.id)).status).toBe(200);
    const items = await list();
    const ids = items.map((c) => c.id);
    expect(ids.indexOf(older.client.id)).toBeLessThan(ids.indexOf(gone.client.id));
    expect(items.findIndex((c) => c.revokedAt !== null)).toBeGreaterThan(
      items.findLastIndex((c) => c.revokedAt === null),
    );
    const raw = JSON.stringify(await (await call(admin, BASE)).json());
    expect(raw).not.toContain(older.key);
    expect(raw).not.toContain("keyHash");
    expect(raw).not.toContain(await sha256Hex(older.key));
  });
});

describe("PATCH /api/admin/api-clients/{id}", () => {
  it("renames, changes the limit and the public flag, audited with before and after", async () => {
    const { client } = await issue({ name: "Báo Hà Nội", requestsPerHour: 30 });
    const res = await patch(client.id, { name: "Báo Hà Nội Mới", requestsPerHour: 45, publicApp: true });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(ApiClientSchema.parse(await res.json())).toMatchObject({
      name: "Báo Hà Nội Mới",
      requestsPerHour: 45,
      publicApp: true,
      keyPrefix: client.keyPrefix,
    });
    const [event] = (await auditRows(client.id)).filter((e) => e.action === "api_client.updated");
    expect(JSON.parse(event?.summary ?? "{}")).toEqual({
      before: { name: "Báo Hà Nội", requestsPerHour: 30, publicApp: false },
      after: { name: "Báo Hà Nội Mới", requestsPerHour: 45, publicApp: true },
    });
  });

  it("writes nothing for a change that alters nothing", async () => {
    const { client } = await issue({ requestsPerHour: 30 });
    expect((await patch(client.id, { requestsPerHour: 30 })).status).toBe(200);
    expect((await auditRows(client.id)).map((e) => e.action)).toEqual(["api_client.created"]);
  });

  it("refuses an empty change and a bad limit with a 422, in both languages", async () => {
    const { client } = await issue();
    const empty = await expectProblem(await patch(client.id, {}), 422);
    expect(empty.errors?.[0]?.message).toBe("Cần ít nhất một thay đổi");
    const en = await expectProblem(await patch(client.id, {}, EN), 422);
    expect(en.errors?.[0]?.message).toBe("Give at least one change");
    const limit = await expectProblem(await patch(client.id, { requestsPerHour: -1 }), 422);
    expect(limit.errors?.[0]?.pointer).toBe("/requestsPerHour");
  });

  it("answers 404 for an unknown client, in both languages", async () => {
    const vi = await expectProblem(await patch("khong-co", { name: "Tên mới" }), 404);
    expect(vi.detail).toBe("Không có ứng dụng này");
    const en = await expectProblem(await patch("khong-co", { name: "New name" }, EN), 404);
    expect(en.detail).toBe("There is no such client application");
  });

  it("refuses to edit a revoked client with a 409", async () => {
    const { client } = await issue();
    expect((await revoke(client.id)).status).toBe(200);
    const problem = await expectProblem(await patch(client.id, { requestsPerHour: 5 }), 409);
    expect(problem.detail).toMatch(/đã bị thu hồi/);
    expect((await stored(client.id))?.requests_per_hour).toBe(60);
  });
});

describe("POST /api/admin/api-clients/{id}/revoke", () => {
  it("revokes the key, audited; a second revocation is a 409 that changes nothing", async () => {
    const { client, key } = await issue();
    const res = await revoke(client.id);
    expect(res.status, await res.clone().text()).toBe(200);
    const revoked = ApiClientSchema.parse(await res.json());
    expect(revoked.revokedAt).not.toBeNull();
    const row = await stored(client.id);
    expect(row?.revoked_at).toBe(revoked.revokedAt);
    expect(row?.revoked_by).not.toBeNull();

    const again = await expectProblem(await revoke(client.id), 409);
    expect(again.detail).toBe("Khóa của ứng dụng này đã bị thu hồi; hãy cấp khóa mới cho một ứng dụng mới");
    const againEn = await expectProblem(await revoke(client.id, EN), 409);
    expect(againEn.detail).toMatch(/already been revoked/);
    expect((await stored(client.id))?.revoked_at).toBe(revoked.revokedAt);

    const events = (await auditRows(client.id)).map((e) => e.action);
    expect(events).toEqual(["api_client.created", "api_client.revoked"]);
    const summary = (await auditRows(client.id)).map((e) => e.summary).join("\n");
    expect(summary).not.toContain(key);
    expect(summary).not.toContain(await sha256Hex(key));
  });

  it("answers 404 for an unknown client", async () => {
    await expectProblem(await revoke("khong-co"), 404);
  });
});

describe("only administrators manage client keys", () => {
  it.each(["inspector", "supervisor"] as const)("refuses a %s with 403 on every operation", async (role) => {
    const { client } = await issue();
    const { cookie } = await signIn(role);
    await expectProblem(await call(cookie, BASE), 403);
    await expectProblem(await call(cookie, BASE, { method: "POST", body: { name: "Lén", requestsPerHour: 5 } }), 403);
    await expectProblem(await call(cookie, `${BASE}/${client.id}`, { method: "PATCH", body: { name: "Lén" } }), 403);
    await expectProblem(await call(cookie, `${BASE}/${client.id}/revoke`, { method: "POST" }), 403);
    expect((await stored(client.id))?.revoked_at).toBeNull();
    expect((await auditRows(client.id)).map((e) => e.action)).toEqual(["api_client.created"]);
  });

  it("refuses a visitor with 401", async () => {
    await expectProblem(await call(undefined, BASE), 401);
    await expectProblem(
      await call(undefined, BASE, { method: "POST", body: { name: "Lén", requestsPerHour: 5 } }),
      401,
    );
  });

  it.each([
    ["a foreign Origin", { Origin: "https://evil.test" }],
    ["no Origin", {}],
  ])("refuses an admin's write with %s (403), issuing and revoking nothing", async (_label, origin) => {
    const { client } = await issue();
    const before = (await auditByAction("api_client.created")).length;
    const send = (path: string, method: string, body?: unknown) =>
      SELF.fetch(`${ORIGIN}${path}`, {
        method,
        headers: { Cookie: admin, "Content-Type": "application/json", ...origin },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    await expectProblem(await send(BASE, "POST", { name: "Giả mạo", requestsPerHour: 5 }), 403);
    await expectProblem(await send(`${BASE}/${client.id}`, "PATCH", { name: "Giả mạo" }), 403);
    await expectProblem(await send(`${BASE}/${client.id}/revoke`, "POST"), 403);
    expect(await auditByAction("api_client.created")).toHaveLength(before);
    expect((await stored(client.id))?.revoked_at).toBeNull();
  });
});
