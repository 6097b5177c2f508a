import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { UnitListSchema } from "../../src/contracts/units";
import {
  DIRECTORY_ALIASES_SQL,
  DIRECTORY_UNITS_SQL,
  type DirectoryAliasSqlRow,
  type DirectoryUnitSqlRow,
  directorySql,
  directoryStateFromRows,
  missingReference,
} from "../../src/db/directory-sql";
import {
  applyDirectoryPlan,
  CITY_ID,
  CITY_UNIT,
  type DirectoryPlan,
  type DirectoryState,
  isEmptyPlan,
  planDirectorySync,
  REFERENCE_ALIASES,
  REFERENCE_UNITS,
  TWO_TIER_DATE,
} from "../../src/domain/directory";
import { fold } from "../../src/domain/text";
import { fileAbout } from "../support/leads";
import { officialUnits } from "../unit/official-directory";

// `npm run db:directory` (scripts/load-directory.ts) reads with these queries,
// plans with planDirectorySync and runs directorySql's statements from one
// file. Here the same statements run as one batch on the test D1.

const REFERENCE = { city: CITY_UNIT, units: REFERENCE_UNITS, aliases: REFERENCE_ALIASES };
const OPTIONS = { parentId: CITY_ID, effectiveOn: TWO_TIER_DATE, on: "2026-06-15" };

async function readState(): Promise<DirectoryState> {
  const units = await env.DB.prepare(DIRECTORY_UNITS_SQL).all<DirectoryUnitSqlRow>();
  const aliases = await env.DB.prepare(DIRECTORY_ALIASES_SQL).all<DirectoryAliasSqlRow>();
  return directoryStateFromRows(units.results, aliases.results);
}

/** One run of the command: plan, then apply when anything changes. */
async function sync(): Promise<{ plan: DirectoryPlan; before: DirectoryState; statements: string[] }> {
  const before = await readState();
  const plan = planDirectorySync(officialUnits(), before, OPTIONS);
  const missing = missingReference(before, REFERENCE);
  const changes = !isEmptyPlan(plan) || missing.units.length + missing.aliases.length > 0;
  const statements = changes ? directorySql(plan, REFERENCE) : [];
  if (statements.length > 0) await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
  return { plan, before, statements };
}

/** The fields the plan owns, comparable across the database and the reference. */
function comparable(state: DirectoryState) {
  const units = state.units
    .filter((u) => u.kind === "ward" || u.kind === "commune")
    .map(({ hasReports: _, successorId, ...u }) => ({ ...u, successorId: successorId ?? null }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const aliases = state.aliases
    .map((a) => `${a.unitId}|${a.name.normalize("NFC")}`)
    .filter((key) => units.some((u) => key.startsWith(`${u.id}|`)))
    .sort();
  return { units, aliases };
}

async function insertWard(id: string, name: string) {
  await env.DB.prepare("INSERT INTO units (id, name, name_folded, kind, parent_id) VALUES (?, ?, ?, ?, 'ha-noi')")
    .bind(id, name, fold(name), name.startsWith("Xã") ? "commune" : "ward")
    .run();
}

describe("the directory load (npm run db:directory) on the test D1", () => {
  let first: Awaited<ReturnType<typeof sync>>;

  beforeAll(async () => {
    // Local ids from before the official list: one gets its code by name, one is not on the list.
    await insertWard("phuong-dong-da", "Phường Đống Đa");
    await insertWard("phuong-truc-bach", "Phường Trúc Bạch");
    await env.DB.prepare(
      "INSERT INTO units (id, name, name_folded, kind, parent_id, sector, to_confirm) VALUES ('so-y-te', 'Sở Y tế (đã sửa)', 'so y te (da sua)', 'department', 'ha-noi', 'health', 0)",
    ).run();
    first = await sync();
  });

  it("does what applyDirectoryPlan says, in one batch of statements within D1's limits", async () => {
    expect(comparable(await readState())).toEqual(comparable(applyDirectoryPlan(first.before, first.plan)));
    expect(first.plan.counts).toMatchObject({ added: 125, updated: 1, retired: 1 });
    for (const statement of first.statements) expect(new TextEncoder().encode(statement).length).toBeLessThan(100_000);
  });

  it("gives a local ward its official code and retires one the list no longer has, naming its successor", async () => {
    const rows = await env.DB.prepare(
      "SELECT id, code, valid_to, successor_id FROM units WHERE id IN ('phuong-dong-da', 'phuong-truc-bach') ORDER BY id",
    ).all();
    expect(rows.results).toEqual([
      { id: "phuong-dong-da", code: "00235", valid_to: null, successor_id: null },
      { id: "phuong-truc-bach", code: null, valid_to: "2026-06-15", successor_id: "dvhc-00004" },
    ]);
  });

  it("adds the city and departments marked to confirm, never overwriting an administrator's edit", async () => {
    const rows = await env.DB.prepare(
      "SELECT id, name, to_confirm FROM units WHERE id IN ('ha-noi', 'so-y-te', 'so-xay-dung') ORDER BY id",
    ).all();
    expect(rows.results).toEqual([
      { id: "ha-noi", name: "UBND Thành phố Hà Nội", to_confirm: 0 },
      { id: "so-xay-dung", name: "Sở Xây dựng", to_confirm: 1 },
      { id: "so-y-te", name: "Sở Y tế (đã sửa)", to_confirm: 0 },
    ]);
  });

  it("changes nothing the second time", async () => {
    const again = await sync();
    expect(isEmptyPlan(again.plan)).toBe(true);
    expect(again.plan.counts.unchanged).toBe(126);
    expect(again.statements).toEqual([]);
  });

  it("retires, never deletes, a ward with reports that leaves the list", async () => {
    await insertWard("phuong-cu", "Phường Cũ Thử");
    await fileAbout("phuong-cu");
    const { plan } = await sync();
    expect(plan.retire.map((r) => [r.id, r.hasReports])).toEqual([["phuong-cu", true]]);
    const row = await env.DB.prepare("SELECT valid_to FROM units WHERE id = 'phuong-cu'").first();
    expect(row).toEqual({ valid_to: "2026-06-15" });
  });
});

describe("GET /api/units on the official directory", () => {
  const search = async (q: string, lang = "vi") => {
    const res = await SELF.fetch(`https://portal.test/api/units?q=${encodeURIComponent(q)}&limit=50`, {
      headers: { "Accept-Language": lang },
    });
    expect(res.status).toBe(200);
    return UnitListSchema.parse(await res.json()).items;
  };

  it("finds Phường Ba Đình by the former name Trúc Bạch, diacritics ignored, and says why", async () => {
    for (const q of ["Trúc Bạch", "truc bach", "TRUC BẠCH"]) {
      const items = await search(q);
      expect(items.map((u) => u.name)).toEqual(["Phường Ba Đình"]);
      expect(items[0]?.matchedAlias).toEqual({ name: "Phường Trúc Bạch", partial: false });
    }
  });

  it("lists every unit a divided former ward went into, each marked partial", async () => {
    const items = await search("Cửa Nam");
    expect(items[0]).toMatchObject({ name: "Phường Cửa Nam" });
    expect(items[0]?.matchedAlias).toBeUndefined();
    const byAlias = items.filter((u) => u.matchedAlias);
    expect(byAlias.length).toBeGreaterThanOrEqual(2);
    for (const unit of byAlias) expect(unit.matchedAlias).toEqual({ name: "Phường Cửa Nam", partial: true });
  });

  it("finds all 126 official wards and communes by their own names", async () => {
    for (const unit of officialUnits()) {
      const items = await search(unit.name);
      expect(
        items.some((u) => u.name === unit.name && !u.matchedAlias),
        unit.name,
      ).toBe(true);
    }
  });

  it("never offers a retired unit", async () => {
    const items = await search("Phường Cũ Thử");
    expect(items.map((u) => u.id)).not.toContain("phuong-cu");
  });
});
