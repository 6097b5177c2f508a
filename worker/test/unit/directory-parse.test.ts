import { describe, expect, it } from "vitest";
import {
  CsvSyntaxError,
  formerUnits,
  parseCsv,
  parseFormedFrom,
  parseFormerUnit,
  parseOfficialDirectory,
} from "../../src/domain/directory";
import { OFFICIAL_CSV, officialUnit, officialUnits } from "./official-directory";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF", () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\n2,"two\r\nlines",\r\n\r\n3,,last';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", 'say "hi"'] },
      { line: 3, fields: ["2", "two\r\nlines", ""] },
      { line: 6, fields: ["3", "", "last"] },
    ]);
  });

  it("refuses broken quoting, saying where", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"x"y\n')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });
});

describe("parseFormerUnit", () => {
  it("reads name, old code and extent", () => {
    expect(parseFormerUnit("Phường Trúc Bạch (00004, full)")).toEqual({
      name: "Phường Trúc Bạch",
      nameFolded: "phuong truc bach",
      oldCode: "00004",
      partial: false,
    });
    expect(parseFormerUnit(" Thị trấn Văn Điển (00640, partial) ")).toMatchObject({
      name: "Thị trấn Văn Điển",
      oldCode: "00640",
      partial: true,
    });
    // Names may hold brackets and digits of their own.
    expect(parseFormerUnit("Phường Cổ Nhuế 1 (00616, partial)")?.name).toBe("Phường Cổ Nhuế 1");
  });

  it.each([
    "Phường Trúc Bạch",
    "Phường Trúc Bạch (4, full)",
    "Phường Trúc Bạch (00004, whole)",
    "Phường Trúc Bạch (00004,full)",
    " (00004, full)",
  ])("refuses %j", (entry) => {
    expect(parseFormerUnit(entry)).toBeUndefined();
  });

  it("splits a field on |", () => {
    expect(parseFormedFrom("Xã A (00001, full) | Xã B (00002, partial)").map((f) => f?.oldCode)).toEqual([
      "00001",
      "00002",
    ]);
    expect(parseFormedFrom("Xã A (00001, full) | oops")[1]).toBeUndefined();
    expect(parseFormedFrom("")).toEqual([]);
  });
});

describe("the official list in data/", () => {
  const units = officialUnits();

  it("has 126 units: 51 wards and 75 communes, with unique 5-digit codes and names", () => {
    expect(units).toHaveLength(126);
    expect(units.filter((u) => u.kind === "ward")).toHaveLength(51);
    expect(units.filter((u) => u.kind === "commune")).toHaveLength(75);
    expect(new Set(units.map((u) => u.code)).size).toBe(126);
    expect(new Set(units.map((u) => u.nameFolded)).size).toBe(126);
    for (const unit of units) {
      expect(unit.code).toMatch(/^\d{5}$/);
      expect(unit.name.startsWith(unit.kind === "ward" ? "Phường " : "Xã ")).toBe(true);
      expect(unit.name).toBe(unit.name.normalize("NFC"));
      expect(unit.formedFrom.length).toBeGreaterThan(0);
    }
  });

  it("parses every formed_from entry of every row", () => {
    const rows = OFFICIAL_CSV.split(/\r?\n/)
      .slice(1)
      .filter((line) => line.length > 0);
    expect(rows).toHaveLength(126);
    let entries = 0;
    for (const row of rows) {
      const code = row.slice(0, 5);
      const field = row.slice(row.indexOf('"') + 1, row.lastIndexOf('"'));
      const parsed = parseFormedFrom(field);
      expect(parsed.every((entry) => entry !== undefined)).toBe(true);
      expect(officialUnit(code).formedFrom).toEqual(parsed);
      entries += parsed.length;
    }
    expect(entries).toBe(796);
  });

  it("reads Phường Ba Đình as the source gives it", () => {
    const baDinh = officialUnit("00004");
    expect(baDinh).toMatchObject({ code: "00004", name: "Phường Ba Đình", nameFolded: "phuong ba dinh", kind: "ward" });
    expect(baDinh.formedFrom.slice(0, 3)).toEqual([
      { name: "Phường Trúc Bạch", nameFolded: "phuong truc bach", oldCode: "00004", partial: false },
      { name: "Phường Quán Thánh", nameFolded: "phuong quan thanh", oldCode: "00013", partial: false },
      { name: "Phường Ngọc Hà", nameFolded: "phuong ngoc ha", oldCode: "00016", partial: true },
    ]);
    expect(baDinh.formedFrom).toHaveLength(10);
    expect(officialUnit("10465")).toMatchObject({ name: "Xã Hồng Sơn", kind: "commune" });
  });

  it("holds the facts data/README.md states", () => {
    const fates = formerUnits(units);
    expect(fates).toHaveLength(526);
    expect(fates.filter((f) => f.split)).toHaveLength(200);
    // A former unit that went whole into one unit appears under no other.
    for (const fate of fates) {
      if (fate.successors.some((s) => !s.partial)) expect(fate.successors).toHaveLength(1);
    }
    const byName = new Map<string, Set<string>>();
    for (const fate of fates) byName.set(fate.nameFolded, (byName.get(fate.nameFolded) ?? new Set()).add(fate.oldCode));
    expect([...byName.values()].filter((codes) => codes.size > 1)).toHaveLength(21);
    expect(byName.get("xa tan minh")).toEqual(new Set(["00406", "10240"]));
    const bare = units.map((u) => u.nameFolded.replace(/^(phuong|xa) /, ""));
    expect(new Set(bare).size).toBe(126);
    // Old codes are reused: 00008 was Phường Liễu Giai and is now Phường Ngọc Hà.
    expect(fates.find((f) => f.oldCode === "00008")?.name).toBe("Phường Liễu Giai");
    expect(officialUnit("00008").name).toBe("Phường Ngọc Hà");
  });
});

describe("parseOfficialDirectory", () => {
  const header = "code,name,kind,formed_from";
  const problems = (text: string) => {
    const parsed = parseOfficialDirectory(text);
    return parsed.ok ? [] : parsed.problems;
  };

  it("accepts a well-formed file with LF line ends", () => {
    const parsed = parseOfficialDirectory(
      `${header}\n"00004","Phường Ba Đình",ward,"Phường Trúc Bạch (00004, full)"\n`,
    );
    expect(parsed.ok && parsed.units).toEqual([
      {
        code: "00004",
        name: "Phường Ba Đình",
        nameFolded: "phuong ba dinh",
        kind: "ward",
        formedFrom: [{ name: "Phường Trúc Bạch", nameFolded: "phuong truc bach", oldCode: "00004", partial: false }],
      },
    ]);
  });

  it("normalizes names to NFC", () => {
    const decomposed = "Phường Ba Đình".normalize("NFD");
    const parsed = parseOfficialDirectory(`${header}\r\n00004,${decomposed},ward,"Phường Trúc Bạch (00004, full)"\r\n`);
    expect(parsed.ok && parsed.units[0]?.name).toBe("Phường Ba Đình");
  });

  it("reports every problem with its line", () => {
    const text = [
      header,
      '0004,Phường A,ward,"Xã X (00001, full)"',
      '00005,Phường B,town,"Xã Y (00002, full)"',
      '00006,Xã C,ward,"Xã Z (00003, full)"',
      '00007,Phường D,ward,"Xã W (00004, all)"',
      '00007,Phường E,ward,"Xã V (00005, full)"',
      "00008,Phường F,ward",
      '00009,Phường G,ward,""',
    ].join("\n");
    expect(problems(text)).toEqual([
      { line: 2, message: 'the code "0004" is not 5 digits' },
      { line: 3, message: 'the kind "town" is neither ward nor commune' },
      { line: 4, message: 'the name "Xã C" does not start with "Phường" followed by a name' },
      { line: 5, message: 'formed_from entry 1 is not "name (old code, full|partial)"' },
      { line: 6, message: "the code 00007 appears twice" },
      { line: 7, message: "expected 4 fields, found 3" },
      { line: 8, message: "formed_from is empty" },
    ]);
  });

  it("refuses a former unit listed whole in one unit and again elsewhere, or an old code with two names", () => {
    const text = [
      header,
      '00001,Phường A,ward,"Xã X (00101, full) | Xã Y (00102, partial)"',
      '00002,Phường B,ward,"Xã X (00101, partial) | Xã Z (00102, partial)"',
    ].join("\n");
    expect(problems(text)).toEqual([
      { line: 3, message: "Xã X (00101) went whole into one unit, yet is listed twice" },
      { line: 3, message: "the old code 00102 names two units" },
    ]);
  });

  it("refuses a wrong header, an empty file, a duplicate name and broken quoting", () => {
    expect(problems("code,name,kind\n")).toEqual([
      { line: 1, message: "expected the header code,name,kind,formed_from" },
    ]);
    expect(problems("")).toEqual([{ line: 1, message: "the file is empty" }]);
    expect(
      problems(`${header}\n00001,Phường A,ward,"Xã X (00101, full)"\n00002,Phuong A,ward,"Xã Y (00102, full)"`),
    ).toEqual([
      { line: 3, message: 'the name "Phuong A" does not start with "Phường" followed by a name' },
      { line: 3, message: 'the name "Phuong A" appears twice' },
    ]);
    expect(
      problems(`${header}\n00001,Phường A,ward,"Xã X (00101, full)"\n00002,Phường Á,ward,"Xã Y (00102, full)"`),
    ).toEqual([{ line: 3, message: 'the name "Phường Á" appears twice' }]);
    expect(problems(`${header}\n00001,Phường A,ward,"Xã X (00101, full)\n`)).toEqual([
      { line: 2, message: "a quoted field is not closed" },
    ]);
  });
});
