import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyDirectoryPlan,
  type DirectoryState,
  type DirectorySyncOptions,
  type DirectoryUnitRow,
  isEmptyPlan,
  type OfficialUnit,
  planDirectorySync,
} from "../../src/domain/directory";
import { fold } from "../../src/domain/text";
import { officialUnit, officialUnits } from "./official-directory";

const OPTIONS: DirectorySyncOptions = { parentId: "ha-noi", effectiveOn: "2025-07-01", on: "2026-06-15" };
const EMPTY: DirectoryState = { units: [], aliases: [] };
const official = officialUnits();

function row(id: string, name: string, extra: Partial<DirectoryUnitRow> = {}): DirectoryUnitRow {
  const kind = name.startsWith("Xã ") ? "commune" : name.startsWith("Phường ") ? "ward" : "department";
  return { id, code: null, name, kind, parentId: "ha-noi", validTo: null, hasReports: false, ...extra };
}

describe("planDirectorySync on the real list", () => {
  it("adds all 126 units to an empty database, with their former names as aliases", () => {
    const plan = planDirectorySync(official, EMPTY, OPTIONS);
    expect(plan.summary).toBe("added 126, renamed 0, retired 0, unchanged 0, aliases 796");
    expect(plan.add[0]).toEqual({
      id: "dvhc-00004",
      code: "00004",
      name: "Phường Ba Đình",
      nameFolded: "phuong ba dinh",
      kind: "ward",
      parentId: "ha-noi",
      validFrom: "2025-07-01",
    });
    expect(plan.aliases.filter((a) => a.unitId === "dvhc-00004").slice(0, 3)).toEqual([
      {
        unitId: "dvhc-00004",
        name: "Phường Trúc Bạch",
        nameFolded: "phuong truc bach",
        validTo: "2025-07-01",
        oldCode: "00004",
        partial: false,
      },
      {
        unitId: "dvhc-00004",
        name: "Phường Quán Thánh",
        nameFolded: "phuong quan thanh",
        validTo: "2025-07-01",
        oldCode: "00013",
        partial: false,
      },
      {
        unitId: "dvhc-00004",
        name: "Phường Ngọc Hà",
        nameFolded: "phuong ngoc ha",
        validTo: "2025-07-01",
        oldCode: "00016",
        partial: true,
      },
    ]);
    const after = applyDirectoryPlan(EMPTY, plan);
    const again = planDirectorySync(official, after, OPTIONS);
    expect(isEmptyPlan(again)).toBe(true);
    expect(again.summary).toBe("added 0, renamed 0, retired 0, unchanged 126");
  });

  it("keeps the sample's ids: a ward without a code takes the code of the official unit with its name", () => {
    const state: DirectoryState = {
      units: [
        row("ha-noi", "UBND Thành phố Hà Nội", { kind: "city", parentId: null, hasReports: true }),
        row("so-xay-dung", "Sở Xây dựng", { hasReports: true }),
        row("phuong-dong-da", "Phường Đống Đa", { hasReports: true }),
        row("xa-bat-trang", "Xã Bát Tràng", { hasReports: true }),
        // The sample calls it a commune; since July 2025 it is Phường Chương Mỹ.
        row("xa-chuong-my", "Xã Chương Mỹ", { hasReports: true }),
        row("trung-tam-phuc-vu-hanh-chinh-cong-phuong-dong-da", "Trung tâm Phục vụ hành chính công phường Đống Đa", {
          kind: "agency",
          parentId: "phuong-dong-da",
        }),
      ],
      aliases: [{ unitId: "so-tai-chinh", name: "Sở Kế hoạch và Đầu tư" }],
    };
    const plan = planDirectorySync(official, state, OPTIONS);
    expect(plan.summary).toBe("added 123, renamed 1, retired 0, unchanged 0, updated 2, aliases 797");
    expect(plan.update).toEqual([
      {
        id: "phuong-dong-da",
        code: "00235",
        before: { code: null, name: "Phường Đống Đa", kind: "ward", parentId: "ha-noi" },
        after: {
          code: "00235",
          name: "Phường Đống Đa",
          nameFolded: "phuong dong da",
          kind: "ward",
          parentId: "ha-noi",
        },
        renamed: false,
      },
      {
        id: "xa-bat-trang",
        code: "00577",
        before: { code: null, name: "Xã Bát Tràng", kind: "commune", parentId: "ha-noi" },
        after: { code: "00577", name: "Xã Bát Tràng", nameFolded: "xa bat trang", kind: "commune", parentId: "ha-noi" },
        renamed: false,
      },
      {
        id: "xa-chuong-my",
        code: "10015",
        before: { code: null, name: "Xã Chương Mỹ", kind: "commune", parentId: "ha-noi" },
        after: {
          code: "10015",
          name: "Phường Chương Mỹ",
          nameFolded: "phuong chuong my",
          kind: "ward",
          parentId: "ha-noi",
        },
        renamed: true,
      },
    ]);
    // The name a rename replaces stays searchable, ending the day of the sync.
    expect(plan.aliases.filter((a) => a.oldCode === null)).toEqual([
      {
        unitId: "xa-chuong-my",
        name: "Xã Chương Mỹ",
        nameFolded: "xa chuong my",
        validTo: "2026-06-15",
        oldCode: null,
        partial: false,
      },
    ]);
    expect(plan.aliases.some((a) => a.unitId === "phuong-dong-da" && a.name === "Phường Thịnh Quang")).toBe(true);
    expect(plan.add.map((a) => a.code)).not.toContain("00235");
    // The city, departments and one-stop shops are the administrators'.
    expect(plan.retire).toEqual([]);
    const after = applyDirectoryPlan(state, plan);
    expect(after.units.find((u) => u.id === "so-xay-dung")).toEqual(state.units[1]);
    expect(isEmptyPlan(planDirectorySync(official, after, OPTIONS))).toBe(true);
  });

  it("renames a unit the list renames, keeping its id and its old name as an alias", () => {
    const renamed: OfficialUnit[] = official.map((u) =>
      u.code === "00004" ? { ...u, name: "Phường Ba Đình Mới", nameFolded: fold("Phường Ba Đình Mới") } : u,
    );
    const before = applyDirectoryPlan(EMPTY, planDirectorySync(official, EMPTY, OPTIONS));
    const plan = planDirectorySync(renamed, before, { ...OPTIONS, on: "2027-01-01" });
    expect(plan.summary).toBe("added 0, renamed 1, retired 0, unchanged 125, aliases 1");
    expect(plan.update[0]).toMatchObject({ id: "dvhc-00004", renamed: true, after: { name: "Phường Ba Đình Mới" } });
    expect(plan.aliases).toEqual([
      {
        unitId: "dvhc-00004",
        name: "Phường Ba Đình",
        nameFolded: "phuong ba dinh",
        validTo: "2027-01-01",
        oldCode: null,
        partial: false,
      },
    ]);
  });

  it("retires a ward the list no longer has, with its successor when it went whole into one unit", () => {
    const state: DirectoryState = {
      units: [
        row("phuong-truc-bach", "Phường Trúc Bạch", { hasReports: true }),
        row("phuong-ngoc-khanh", "Phường Ngọc Khánh", { hasReports: true }),
        row("xa-tan-minh", "Xã Tân Minh"),
        row("dvhc-00004", "Phường Ba Đình", { code: "00004", validTo: "2025-07-01" }),
      ],
      aliases: [],
    };
    const plan = planDirectorySync(official, state, OPTIONS);
    expect(plan.retire).toEqual([
      // Ngọc Khánh was divided among three wards: no single successor.
      {
        id: "phuong-ngoc-khanh",
        code: null,
        name: "Phường Ngọc Khánh",
        validTo: "2026-06-15",
        successorId: null,
        hasReports: true,
      },
      {
        id: "phuong-truc-bach",
        code: null,
        name: "Phường Trúc Bạch",
        validTo: "2026-06-15",
        successorId: "dvhc-00004-2",
        hasReports: true,
      },
      // Two old communes were called Tân Minh: which one this was is unknown.
      {
        id: "xa-tan-minh",
        code: null,
        name: "Xã Tân Minh",
        validTo: "2026-06-15",
        successorId: null,
        hasReports: false,
      },
    ]);
    // A retired unit already holds dvhc-00004: the new Ba Đình gets the next id.
    expect(plan.add.find((a) => a.code === "00004")?.id).toBe("dvhc-00004-2");
    expect(plan.remove).toEqual([]);
    const removing = planDirectorySync(official, state, { ...OPTIONS, deleteUnused: true });
    expect(removing.remove).toEqual([{ id: "xa-tan-minh", code: null, name: "Xã Tân Minh" }]);
    expect(removing.retire.map((r) => r.id)).toEqual(["phuong-ngoc-khanh", "phuong-truc-bach"]);
    expect(removing.summary).toBe("added 126, renamed 0, retired 2, unchanged 0, removed 1, aliases 796");
  });

  it("refuses an empty list, a list with a code twice and dates that are not YYYY-MM-DD", () => {
    expect(() => planDirectorySync([], EMPTY, OPTIONS)).toThrow(RangeError);
    const first = officialUnit("00004");
    expect(() => planDirectorySync([first, first], EMPTY, OPTIONS)).toThrow(RangeError);
    expect(() => planDirectorySync(official, EMPTY, { ...OPTIONS, on: "15/06/2026" })).toThrow(RangeError);
  });
});

describe("planDirectorySync, property tests", () => {
  // Small official lists drawn from the real one (sometimes renamed or with
  // the kind changed), against databases mixing units with and without
  // codes, stale codes, look-alike names, other kinds, retired rows, ids that
  // collide with derived ids, reports or not, and aliases already there.
  const sample = official.filter((_, i) => i % 9 === 0);
  const officialArb = fc
    .subarray(sample, { minLength: 1, maxLength: 8 })
    .chain((units) =>
      fc.tuple(
        fc.constant(units),
        fc.array(fc.constantFrom("same", "renamed", "kind"), { minLength: units.length, maxLength: units.length }),
      ),
    )
    .map(([units, changes]) =>
      units.map((unit, i): OfficialUnit => {
        if (changes[i] === "renamed")
          return { ...unit, name: `${unit.name} Mới`, nameFolded: fold(`${unit.name} Mới`) };
        if (changes[i] === "kind") {
          const kind = unit.kind === "ward" ? "commune" : "ward";
          const name = unit.name.replace(/^(Phường|Xã) /, kind === "ward" ? "Phường " : "Xã ");
          return { ...unit, kind, name, nameFolded: fold(name) };
        }
        return unit;
      }),
    );
  const codes = [...sample.map((u) => u.code), "99999", "00001"];
  const names = [
    ...sample.map((u) => u.name),
    ...sample.map((u) => u.name.replace(/^(Phường|Xã) /, (p) => (p === "Xã " ? "Phường " : "Xã "))),
    ...sample.flatMap((u) => u.formedFrom.slice(0, 2).map((f) => f.name)),
    "Sở Xây dựng",
  ];
  const ids = ["a", "b", "c", "d", "e", "f", "g", "h", ...sample.slice(0, 4).map((u) => `dvhc-${u.code}`)];
  const randomUnitArb = fc.record({
    id: fc.constantFrom(...ids),
    code: fc.option(fc.constantFrom(...codes), { nil: null }),
    name: fc.constantFrom(...names),
    kind: fc.constantFrom("ward", "commune", "ward", "commune", "department", "agency", "city"),
    parentId: fc.constantFrom("ha-noi", "ha-noi", "elsewhere", null),
    validTo: fc.constantFrom(null, null, "2025-07-01"),
    successorId: fc.constantFrom(null, null, "a"),
    hasReports: fc.boolean(),
  });
  // A row that is (nearly) an official unit already: right or missing code, right or wrong kind and parent.
  const nearUnitArb = fc
    .record({
      id: fc.constantFrom(...ids),
      unit: fc.constantFrom(...sample),
      withCode: fc.boolean(),
      rightKind: fc.boolean(),
      parentId: fc.constantFrom("ha-noi", "ha-noi", "ha-noi", "elsewhere"),
      hasReports: fc.boolean(),
    })
    .map(
      ({ id, unit, withCode, rightKind, parentId, hasReports }): DirectoryUnitRow => ({
        id,
        code: withCode ? unit.code : null,
        name: unit.name,
        kind: rightKind ? unit.kind : unit.kind === "ward" ? "commune" : "ward",
        parentId,
        validTo: null,
        successorId: null,
        hasReports,
      }),
    );
  const unitArb = fc.oneof(randomUnitArb, nearUnitArb);
  const stateArb = fc.uniqueArray(unitArb, { selector: (u) => u.id, maxLength: 10 }).chain((units) =>
    fc.record({
      units: fc.constant(units as DirectoryUnitRow[]),
      aliases: fc.uniqueArray(fc.record({ unitId: fc.constantFrom(...ids), name: fc.constantFrom(...names) }), {
        selector: (a) => `${a.unitId}|${a.name}`,
        maxLength: 6,
      }),
    }),
  );
  const optionsArb = fc.record({
    parentId: fc.constant("ha-noi"),
    effectiveOn: fc.constant("2025-07-01"),
    on: fc.constantFrom("2025-07-01", "2026-06-15"),
    deleteUnused: fc.boolean(),
  });
  const isCurrentOfficialKind = (u: DirectoryUnitRow) =>
    u.validTo === null && (u.kind === "ward" || u.kind === "commune");

  it("is idempotent: planning again after applying the plan finds nothing to do", () => {
    fc.assert(
      fc.property(officialArb, stateArb, optionsArb, (list, state, options) => {
        const plan = planDirectorySync(list, state, options);
        const again = planDirectorySync(list, applyDirectoryPlan(state, plan), options);
        expect(isEmptyPlan(again)).toBe(true);
        expect(again.counts.unchanged).toBe(list.length);
      }),
      { numRuns: 400 },
    );
  });

  it("never deletes a unit with reports, deletes nothing unless asked, and never changes an id", () => {
    fc.assert(
      fc.property(officialArb, stateArb, optionsArb, (list, state, options) => {
        const plan = planDirectorySync(list, state, options);
        const after = applyDirectoryPlan(state, plan);
        const afterIds = new Set(after.units.map((u) => u.id));
        for (const unit of state.units) {
          if (unit.hasReports || !options.deleteUnused) expect(afterIds.has(unit.id)).toBe(true);
        }
        for (const removed of plan.remove) {
          const unit = state.units.find((u) => u.id === removed.id);
          expect(unit?.hasReports).toBe(false);
          expect(unit && isCurrentOfficialKind(unit)).toBe(true);
        }
        // Added ids are new and distinct.
        const added = plan.add.map((a) => a.id);
        expect(new Set(added).size).toBe(added.length);
        for (const id of added) expect(state.units.some((u) => u.id === id)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("leaves every official code held by exactly one current unit, as the list says, and nothing else current", () => {
    fc.assert(
      fc.property(officialArb, stateArb, optionsArb, (list, state, options) => {
        const plan = planDirectorySync(list, state, options);
        const after = applyDirectoryPlan(state, plan);
        const current = after.units.filter(isCurrentOfficialKind);
        for (const unit of list) {
          const holders = current.filter((u) => u.code === unit.code);
          expect(holders).toHaveLength(1);
          expect(holders[0]).toMatchObject({ name: unit.name, kind: unit.kind, parentId: "ha-noi" });
          // Every former name is an alias of the holder.
          for (const former of unit.formedFrom) {
            expect(after.aliases.some((a) => a.unitId === holders[0]?.id && a.name === former.name)).toBe(true);
          }
        }
        expect(current).toHaveLength(list.length);
        // Units outside the sync's scope are untouched; aliases stay unique.
        for (const unit of state.units) {
          if (!isCurrentOfficialKind(unit)) expect(after.units.find((u) => u.id === unit.id)).toEqual(unit);
        }
        const keys = after.aliases.map((a) => `${a.unitId}|${a.name}`);
        expect(new Set(keys).size).toBe(keys.length);
        // The counts add up.
        const { added, renamed, updated, unchanged } = plan.counts;
        expect(added + renamed + updated + unchanged).toBe(list.length);
        expect(plan.counts.retired + plan.counts.removed).toBe(
          state.units.filter(isCurrentOfficialKind).length - (list.length - added),
        );
      }),
      { numRuns: 400 },
    );
  });
});
