import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINDING_OUTCOMES } from "../../src/contracts/inspections";
import {
  csvCell,
  formatViDate,
  NO_POSITION,
  PERSONNEL_HEADERS,
  type PersonnelFinding,
  personnelRows,
  toCsv,
} from "../../src/domain/inspections";

const finding = (over: Partial<PersonnelFinding>): PersonnelFinding => ({
  unitId: "ubnd-lang",
  unitName: "UBND phường Láng",
  outcome: "substantiated",
  position: null,
  categoryCode: "delay",
  recordedAt: "2026-03-02T03:00:00Z",
  ...over,
});
const period = { from: "2026-01-01", to: "2026-03-31" };

/** A tiny RFC 4180 reader, to check that what toCsv writes reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("personnelRows", () => {
  it("counts substantiated and partly substantiated findings per unit and position, in the period", () => {
    const rows = personnelRows(
      [
        finding({ position: "Công chức địa chính", categoryCode: "bribery" }),
        finding({
          position: "công chức  ĐỊA CHÍNH ",
          outcome: "partly_substantiated",
          recordedAt: "2026-03-20T03:00:00Z",
        }),
        finding({ position: null, recordedAt: "2026-02-01T03:00:00Z" }),
        finding({ outcome: "not_substantiated", position: "Chủ tịch" }),
        finding({ outcome: "could_not_verify", position: "Chủ tịch" }),
        finding({ recordedAt: "2025-12-31T16:59:59Z" }), // 31/12 in Hanoi: outside
        finding({ recordedAt: "2025-12-31T17:00:00Z" }), // 01/01 in Hanoi: inside
        finding({ recordedAt: "2026-03-31T17:00:00Z" }), // 01/04 in Hanoi: outside
        finding({ unitId: "so-xd", unitName: "Sở Xây dựng", position: "Trưởng phòng" }),
      ],
      period,
    );
    expect(rows).toEqual([
      {
        unitId: "so-xd",
        unitName: "Sở Xây dựng",
        position: "Trưởng phòng",
        substantiated: 1,
        partlySubstantiated: 0,
        total: 1,
        categories: { delay: 1 },
        firstRecordedOn: "2026-03-02",
        lastRecordedOn: "2026-03-02",
        period,
      },
      {
        unitId: "ubnd-lang",
        unitName: "UBND phường Láng",
        position: null,
        substantiated: 2,
        partlySubstantiated: 0,
        total: 2,
        categories: { delay: 2 },
        firstRecordedOn: "2026-01-01",
        lastRecordedOn: "2026-02-01",
        period,
      },
      {
        unitId: "ubnd-lang",
        unitName: "UBND phường Láng",
        position: "Công chức địa chính",
        substantiated: 1,
        partlySubstantiated: 1,
        total: 2,
        categories: { bribery: 1, delay: 1 },
        firstRecordedOn: "2026-03-02",
        lastRecordedOn: "2026-03-20",
        period,
      },
    ]);
  });

  it("sorts units in Vietnamese order", () => {
    const rows = personnelRows(
      [
        finding({ unitId: "3", unitName: "Sở Y tế" }),
        finding({ unitId: "1", unitName: "Ban Quản lý" }),
        finding({ unitId: "2", unitName: "Đội Quản lý" }),
        finding({ unitId: "4", unitName: "Dự án" }),
      ],
      period,
    );
    expect(rows.map((r) => r.unitName)).toEqual(["Ban Quản lý", "Dự án", "Đội Quản lý", "Sở Y tế"]);
  });

  it("loses no substantiated finding and counts nothing else (property)", () => {
    const arb = fc.array(
      fc.record({
        unitId: fc.constantFrom("a", "b"),
        unitName: fc.constantFrom("Đơn vị"),
        outcome: fc.constantFrom(...FINDING_OUTCOMES),
        position: fc.option(fc.constantFrom("Trưởng phòng", "trưởng  phòng", "Văn thư"), { nil: null }),
        categoryCode: fc.constantFrom("delay" as const, "bribery" as const),
        recordedAt: fc.constantFrom("2026-01-05T00:00:00Z", "2026-02-05T00:00:00Z", "2026-06-05T00:00:00Z"),
      }),
    );
    fc.assert(
      fc.property(arb, (findings) => {
        const rows = personnelRows(findings, period);
        const counted = findings.filter(
          (f) => (f.outcome === "substantiated" || f.outcome === "partly_substantiated") && f.recordedAt < "2026-04",
        );
        expect(rows.reduce((n, r) => n + r.total, 0)).toBe(counted.length);
        for (const r of rows) {
          expect(r.substantiated + r.partlySubstantiated).toBe(r.total);
          expect(Object.values(r.categories).reduce((a, b) => a + (b ?? 0), 0)).toBe(r.total);
        }
      }),
    );
  });
});

describe("CSV", () => {
  it("escapes cells as RFC 4180 says, and defuses formulas", () => {
    expect(csvCell("Trưởng phòng")).toBe("Trưởng phòng");
    expect(csvCell('Trưởng phòng "A", B')).toBe('"Trưởng phòng ""A"", B"');
    expect(csvCell("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvCell(" lề ")).toBe('" lề "');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+84")).toBe("'+84");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell("a;b", ";")).toBe('"a;b"');
    expect(csvCell("")).toBe("");
  });

  it("formats dates dd/mm/yyyy", () => {
    expect(formatViDate("2026-03-02")).toBe("02/03/2026");
  });

  it("writes a BOM, Vietnamese headers, CRLF lines and dd/mm/yyyy dates", () => {
    const rows = personnelRows(
      [
        finding({ position: 'Phó trưởng phòng "Một cửa", kiêm văn thư', categoryCode: "harassment" }),
        finding({ position: null, outcome: "partly_substantiated", categoryCode: "bribery" }),
        finding({ position: null, categoryCode: "delay" }),
      ],
      period,
    );
    const csv = toCsv(rows);
    expect(csv.startsWith("\uFEFFMã đơn vị,Đơn vị,Chức vụ,Có cơ sở,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.normalize("NFC")).toBe(csv);
    const parsed = parseCsv(csv.slice(1));
    expect(parsed[0]).toEqual([...PERSONNEL_HEADERS]);
    expect(parsed.slice(1)).toEqual([
      [
        "ubnd-lang",
        "UBND phường Láng",
        NO_POSITION,
        "1",
        "1",
        "2",
        "Tiêu cực, đòi/nhận tiền: 1; Chậm trễ, quá hạn: 1",
        "02/03/2026",
        "02/03/2026",
        "01/01/2026",
        "31/03/2026",
      ],
      [
        "ubnd-lang",
        "UBND phường Láng",
        'Phó trưởng phòng "Một cửa", kiêm văn thư',
        "1",
        "0",
        "1",
        "Nhũng nhiễu, gây phiền hà: 1",
        "02/03/2026",
        "02/03/2026",
        "01/01/2026",
        "31/03/2026",
      ],
    ]);
  });

  it("writes just the header for an empty period, and can use ';'", () => {
    expect(toCsv([])).toBe(`\uFEFF${PERSONNEL_HEADERS.join(",")}\r\n`);
    expect(toCsv([], ";")).toBe(`\uFEFF${PERSONNEL_HEADERS.join(";")}\r\n`);
  });

  it("reads back whatever positions people type (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (position) => {
        const clean = position.normalize("NFC").trim().replace(/\s+/gu, " ");
        fc.pre(clean.length > 0 && !/^[=+\-@]/u.test(clean));
        const csv = toCsv(personnelRows([finding({ position })], period));
        const parsed = parseCsv(csv.slice(1));
        expect(parsed).toHaveLength(2);
        expect(parsed[1]?.[2]).toBe(clean);
      }),
    );
  });
});
