import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ProblemSchema } from "../../src/contracts/common";
import { StaffListSchema } from "../../src/contracts/staff";
import { asUser, createUser, login, ORIGIN, type TestUser } from "../support/accounts";
import { insertUnits } from "../support/fixtures";

describe("GET /api/staff", () => {
  let supervisor: TestUser;
  let tiedToCity: TestUser;
  let tiedToWard: TestUser;
  let cookie: string;

  beforeAll(async () => {
    await insertUnits(env.DB);
    supervisor = await createUser("supervisor");
    tiedToCity = await createUser("inspector", { ties: ["ha-noi"] });
    tiedToWard = await createUser("inspector", { ties: ["phuong-hoan-kiem"] });
    await createUser("inspector", { disabled: true, email: "gone@test.local" });
    cookie = await login(supervisor);
  });

  it("marks who is recused from a unit through a tie to it or to a unit above it", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/staff?unitId=phuong-dong-da`, asUser(cookie));
    expect(res.status).toBe(200);
    const { items } = StaffListSchema.parse(await res.json());
    const byId = new Map(items.map((s) => [s.id, s]));
    expect(byId.get(tiedToCity.id)?.recused).toBe(true);
    expect(byId.get(tiedToWard.id)?.recused).toBe(false);
    expect(byId.get(supervisor.id)?.recused).toBe(false);
    expect(items.some((s) => s.role === "admin")).toBe(false);
    const disabled = await env.DB.prepare("SELECT id FROM users WHERE email = 'gone@test.local'").first<{
      id: string;
    }>();
    expect(byId.has(disabled?.id ?? "")).toBe(false);
  });

  it("is closed to visitors and administrators", async () => {
    expect((await SELF.fetch(`${ORIGIN}/api/staff`)).status).toBe(401);
    const admin = await createUser("admin");
    const res = await SELF.fetch(`${ORIGIN}/api/staff`, asUser(await login(admin)));
    expect(res.status).toBe(403);
    ProblemSchema.parse(await res.json());
  });
});
