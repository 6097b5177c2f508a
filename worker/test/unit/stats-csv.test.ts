import { describe, expect, it } from "vitest";
import {
  BOM,
  csvField,
  MEASURES,
  type PublishedGroup,
  STATS_CSV_COLUMNS,
  statsCsv,
  suppress,
  toCsv,
} from "../../src/domain/stats";

/** A small RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("csvField", () => {
  it("quotes commas, quotes and line breaks and doubles quotes", () => {
    expect(csvField("Sở Tài chính")).toBe("Sở Tài chính");
    expect(csvField("Hà Nội, Việt Nam")).toBe('"Hà Nội, Việt Nam"');
    expect(csvField('Sở "A"')).toBe('"Sở ""A"""');
    expect(csvField("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
  });

  it("writes null as empty, numbers with a dot, booleans as words", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(0.25)).toBe("0.25");
    expect(csvField(true)).toBe("true");
    expect(() => csvField(Number.NaN)).toThrow(RangeError);
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-1+2,3")).toBe('"\'-1+2,3"');
    expect(csvField(-1)).toBe("-1");
  });
});

describe("toCsv", () => {
  it("writes a BOM, a header row and CRLF line ends", () => {
    expect(toCsv(["a", "b"], [[1, null]])).toBe(`${BOM}a,b\r\n1,\r\n`);
    expect(toCsv(["a"], [], { bom: false })).toBe("a\r\n");
    expect(() => toCsv(["a", "b"], [[1]])).toThrow(RangeError);
  });

  it("reads back to the same fields, Vietnamese text intact", () => {
    const rows = [["Phường Đống Đa", 'nói "không"', "a,b", "x\r\ny", ""]];
    const text = toCsv(["c1", "c2", "c3", "c4", "c5"], rows, { bom: false });
    expect(parseCsv(text)).toEqual([["c1", "c2", "c3", "c4", "c5"], ...rows]);
    expect(new TextDecoder().decode(new TextEncoder().encode(text))).toBe(text);
  });
});

describe("statsCsv", () => {
  const groups = [
    {
      key: "u1",
      label: "Phường Đống Đa",
      reports: 3,
      leads: 1,
      referred: 0,
      dismissed: 1,
      inspections: 0,
      substantiated: 0,
    },
    {
      key: "u2",
      label: "Sở Xây dựng, Hà Nội",
      reports: 12,
      leads: 4,
      referred: 2,
      dismissed: 1,
      inspections: 1,
      substantiated: 1,
      onTimeRate: 0.5,
      medianDaysToFirstResponse: 1.5,
    },
    {
      key: "u3",
      label: "Sở Tài chính",
      reports: 40,
      leads: 9,
      referred: 5,
      dismissed: 2,
      inspections: 3,
      substantiated: 2,
      onTimeRate: 0.75,
      medianDaysToFirstResponse: 2,
    },
  ];
  const totals = { reports: 55, leads: 14, referred: 7, dismissed: 4, inspections: 4, substantiated: 3 };

  it("has one row per group, suppressed ones empty, then the true totals", () => {
    const published: PublishedGroup[] = suppress(groups, totals).groups;
    const rows = parseCsv(
      statsCsv({ from: "2026-01-01", to: "2026-12-31", groupBy: "unit", totals, groups: published }).slice(1),
    );
    expect(rows[0]).toEqual([...STATS_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + groups.length + 1);
    expect(rows[1]).toEqual([
      "2026-01-01",
      "2026-12-31",
      "unit",
      "u1",
      "Phường Đống Đa",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "true",
    ]);
    const shown = published.find((g) => !g.suppressed) as PublishedGroup;
    const shownRow = rows.find((r) => r[3] === shown.key) as string[];
    expect(shownRow.slice(5, 5 + MEASURES.length)).toEqual(MEASURES.map((m) => String(shown[m])));
    expect(rows.at(-1)).toEqual([
      "2026-01-01",
      "2026-12-31",
      "unit",
      "_total",
      "Tổng cộng / Total",
      "55",
      "14",
      "7",
      "4",
      "4",
      "3",
      "",
      "",
      "false",
    ]);
  });
});
