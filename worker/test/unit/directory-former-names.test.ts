import { describe, expect, it } from "vitest";
import { findFormerUnits, formerUnits, searchOfficialUnits } from "../../src/domain/directory";
import { officialUnits } from "./official-directory";

const units = officialUnits();
const fates = formerUnits(units);
const names = (matches: ReturnType<typeof searchOfficialUnits>) => matches.map((m) => m.unit.name);

describe("searchOfficialUnits", () => {
  it('finds Phường Ba Đình for "Trúc Bạch", typed with or without diacritics or prefix', () => {
    for (const query of ["Trúc Bạch", "truc bach", "TRÚC BẠCH", "phường trúc bạch", "  truc   bach "]) {
      const matches = searchOfficialUnits(units, query);
      expect(names(matches)).toEqual(["Phường Ba Đình"]);
      expect(matches[0]?.byName).toBe(false);
      expect(matches[0]?.formerUnits).toEqual([
        { name: "Phường Trúc Bạch", nameFolded: "phuong truc bach", oldCode: "00004", partial: false },
      ]);
    }
  });

  it("lists every unit a divided ward went into, and says it was divided", () => {
    // Phường Kim Mã (00028) went into three new wards.
    const matches = searchOfficialUnits(units, "Kim Mã");
    expect(names(matches)).toEqual(["Phường Ba Đình", "Phường Ngọc Hà", "Phường Giảng Võ"]);
    for (const match of matches) {
      expect(match.formerUnits).toEqual([
        { name: "Phường Kim Mã", nameFolded: "phuong kim ma", oldCode: "00028", partial: true },
      ]);
    }
  });

  it("puts a unit found by its own name first, then the units found by a former name", () => {
    // Words match inside names, as the API's search does: "ha" is in "Ngọc Khánh" too.
    const matches = searchOfficialUnits(units, "ngoc ha");
    expect(names(matches)).toEqual(["Phường Ngọc Hà", "Phường Ba Đình", "Phường Giảng Võ", "Phường Láng"]);
    expect(matches[0]).toMatchObject({ byName: true });
    expect(matches[0]?.formerUnits.map((f) => f.oldCode)).toEqual(["00016", "00025"]);
    expect(matches.slice(1).map((m) => m.byName)).toEqual([false, false, false]);
    expect(matches[1]?.formerUnits.map((f) => f.name)).toEqual(["Phường Ngọc Hà"]);
  });

  it("matches every word, in any order, inside the name", () => {
    // The old ward of that name was divided: part of it is now in Phường Ô Chợ Dừa.
    expect(names(searchOfficialUnits(units, "Quốc Tử Giám Văn Miếu"))).toEqual([
      "Phường Văn Miếu - Quốc Tử Giám",
      "Phường Ô Chợ Dừa",
    ]);
    expect(names(searchOfficialUnits(units, "thị trấn văn điển"))).toEqual([
      "Phường Hoàng Liệt",
      "Xã Thanh Trì",
      "Xã Đại Thanh",
    ]);
  });

  it("ignores the old spelling of a tone mark", () => {
    // The source writes the old ward "Yên Hoà" and the new one "Yên Hòa".
    const matches = searchOfficialUnits(units, "Yên Hoà");
    expect(names(matches)).toEqual(["Phường Yên Hòa", "Phường Cầu Giấy"]);
    expect(matches[0]?.byName).toBe(true);
  });

  it("finds nothing for an empty query or an unknown name", () => {
    expect(searchOfficialUnits(units, "")).toEqual([]);
    expect(searchOfficialUnits(units, "   ")).toEqual([]);
    expect(searchOfficialUnits(units, "Gotham")).toEqual([]);
  });
});

describe("formerUnits and findFormerUnits", () => {
  it("gives each former unit once, by old code, with where it went", () => {
    expect(fates.find((f) => f.oldCode === "00004")).toEqual({
      oldCode: "00004",
      name: "Phường Trúc Bạch",
      nameFolded: "phuong truc bach",
      split: false,
      successors: [{ code: "00004", name: "Phường Ba Đình", kind: "ward", partial: false }],
    });
    expect(new Set(fates.map((f) => f.oldCode)).size).toBe(fates.length);
  });

  it("says a former ward was divided and lists every unit it went into", () => {
    const [ngocHa] = findFormerUnits(fates, "Ngọc Hà");
    expect(ngocHa).toMatchObject({ oldCode: "00016", name: "Phường Ngọc Hà", split: true });
    expect(ngocHa?.successors).toEqual([
      { code: "00004", name: "Phường Ba Đình", kind: "ward", partial: true },
      { code: "00008", name: "Phường Ngọc Hà", kind: "ward", partial: true },
    ]);
    const [thanhXuanBac] = findFormerUnits(fates, "thanh xuan bac");
    expect(thanhXuanBac?.successors.map((s) => s.name)).toEqual(["Phường Thanh Xuân", "Phường Thanh Liệt"]);
  });

  it("keeps apart two former communes that shared a name", () => {
    // Exact names first; Xã Minh Tân holds the same words in another order.
    const tanMinh = findFormerUnits(fates, "Tân Minh");
    expect(tanMinh.map((f) => [f.oldCode, f.name, f.successors.map((s) => s.name)])).toEqual([
      ["00406", "Xã Tân Minh", ["Xã Sóc Sơn"]],
      ["10240", "Xã Tân Minh", ["Xã Thượng Phúc"]],
      ["10351", "Xã Minh Tân", ["Xã Đại Xuyên"]],
    ]);
  });

  it("ranks exact names before longer ones", () => {
    const found = findFormerUnits(fates, "dich vong").map((f) => f.name);
    expect(found).toEqual(["Phường Dịch Vọng", "Phường Dịch Vọng Hậu"]);
    expect(findFormerUnits(fates, "")).toEqual([]);
  });

  it("finds Thị trấn (towns) as well as wards and communes", () => {
    const [town] = findFormerUnits(fates, "Văn Điển");
    expect(town).toMatchObject({ name: "Thị trấn Văn Điển", split: true });
    expect(town?.successors.map((s) => s.code)).toEqual(["00337", "00640", "00664"]);
  });
});
