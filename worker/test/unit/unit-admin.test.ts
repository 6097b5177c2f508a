import { describe, expect, it } from "vitest";
import {
  checkMerge,
  checkParent,
  checkSplit,
  filingTarget,
  isCurrentOn,
  type UnitLink,
} from "../../src/domain/unit-admin";

const unit = (id: string, extra: Partial<UnitLink> = {}): UnitLink => ({
  id,
  parentId: "ha-noi",
  successorId: null,
  validTo: null,
  ...extra,
});
const links = (...units: UnitLink[]) => new Map(units.map((u) => [u.id, u]));

describe("filingTarget", () => {
  const map = links(
    unit("a", { validTo: "2026-01-01", successorId: "b" }),
    unit("b", { validTo: "2026-03-01", successorId: "c" }),
    unit("c"),
    unit("split", { validTo: "2026-01-01" }),
    unit("later", { validTo: "2026-09-01", successorId: "c" }),
    unit("loop1", { validTo: "2026-01-01", successorId: "loop2" }),
    unit("loop2", { validTo: "2026-01-01", successorId: "loop1" }),
  );

  it("follows merges to the current unit", () => {
    expect(filingTarget("a", map, "2026-06-15")).toEqual({ ok: true, unitId: "c" });
    expect(filingTarget("c", map, "2026-06-15")).toEqual({ ok: true, unitId: "c" });
  });

  it("keeps a unit whose merge is still ahead", () => {
    expect(filingTarget("later", map, "2026-06-15")).toEqual({ ok: true, unitId: "later" });
    expect(filingTarget("later", map, "2026-09-01")).toEqual({ ok: true, unitId: "c" });
  });

  it("refuses a unit ended without a successor, a loop, and an unknown id", () => {
    expect(filingTarget("split", map, "2026-06-15")).toEqual({ ok: false, reason: "ended" });
    expect(filingTarget("loop1", map, "2026-06-15")).toEqual({ ok: false, reason: "ended" });
    expect(filingTarget("nowhere", map, "2026-06-15")).toEqual({ ok: false, reason: "unknown" });
  });
});

describe("checkMerge, checkParent, checkSplit", () => {
  const today = "2026-06-15";
  it("refuses a merge into itself, a loop, an ended successor and an ended unit", () => {
    const a = unit("a");
    const b = unit("b", { successorId: "a", validTo: "2026-09-01" });
    const gone = unit("gone", { validTo: "2026-01-01" });
    const map = links(a, b, gone);
    expect(checkMerge(a, a, map, today, today)).toMatchObject({
      detail: "merge_into_self",
      pointers: ["/successorId"],
    });
    expect(checkMerge(a, b, map, today, today)).toMatchObject({ detail: "cycle" });
    expect(checkMerge(a, gone, map, today, today)).toMatchObject({ detail: "successor_retired" });
    expect(checkMerge(gone, a, map, today, today)).toMatchObject({ error: "illegal", detail: "already_retired" });
    expect(checkMerge(unit("c"), a, map, today, today)).toEqual({ ok: true });
  });

  it("refuses a parent below the unit", () => {
    const map = links(unit("top"), unit("mid", { parentId: "top" }), unit("low", { parentId: "mid" }));
    expect(checkParent("top", "low", map)).toMatchObject({ detail: "cycle", pointers: ["/parentId"] });
    expect(checkParent("low", "top", map)).toEqual({ ok: true });
  });

  it("refuses a split listing a unit twice or the unit itself", () => {
    const a = unit("a");
    expect(checkSplit(a, [unit("b"), unit("b")], today, today)).toMatchObject({ detail: "duplicate_successor" });
    expect(checkSplit(a, [a, unit("b")], today, today)).toMatchObject({ detail: "merge_into_self" });
    expect(checkSplit(a, [unit("b"), unit("c")], today, today)).toEqual({ ok: true });
  });

  it("a unit is current until the day of its end", () => {
    expect(isCurrentOn({ validTo: "2026-06-16" }, today)).toBe(true);
    expect(isCurrentOn({ validTo: today }, today)).toBe(false);
  });
});
