import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LeadSummary } from "../../src/contracts/leads";
import { LEAD_EXPORT_HEADERS, leadsCsv } from "../../src/domain/lead-export";
import { leadSearch, MAX_SEARCH_WORDS } from "../../src/domain/lead-search";

describe("leadSearch", () => {
  it("is no search for nothing typed", () => {
    expect(leadSearch(undefined)).toBeUndefined();
    expect(leadSearch("")).toBeUndefined();
    expect(leadSearch(" \t ")).toBeUndefined();
  });

  it("reads a tracking code exactly, in any case", () => {
    expect(leadSearch(" pa-7kqm-x3tf ")).toEqual({ kind: "code", trackingCode: "PA-7KQM-X3TF" });
    // Not the code alphabet (B, 0): words.
    expect(leadSearch("PA-BBBB-0000")?.kind).toBe("words");
  });

  it("folds words like the index (no marks, đ → d, lower case) and quotes each one", () => {
    expect(leadSearch("Sổ ĐỎ, đất đai")).toEqual({
      kind: "words",
      words: ["so", "do", "dat", "dai"],
      match: '"so" "do" "dat" "dai"',
    });
    expect(leadSearch("Đống Đa".normalize("NFD"))).toEqual(leadSearch("dong da"));
  });

  it("leaves no FTS5 syntax: operators become words, punctuation separates", () => {
    expect(leadSearch('"* NEAR(a b) -c OR d:e ^f')).toEqual({
      kind: "words",
      words: ["near", "a", "b", "c", "or", "d", "e", "f"],
      match: '"near" "a" "b" "c" "or" "d" "e" "f"',
    });
    expect(leadSearch('" * - ( ) : ^')).toEqual({ kind: "nothing" });
  });

  it("keeps at most MAX_SEARCH_WORDS distinct words", () => {
    const search = leadSearch(Array.from({ length: 40 }, (_, i) => `w${i % 30}`).join(" "));
    expect(search?.kind === "words" && search.words).toHaveLength(MAX_SEARCH_WORDS);
  });

  it("for any input, gives a match of quoted words only", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "grapheme" }), (q) => {
        const search = leadSearch(q);
        if (search?.kind !== "words") return;
        expect(search.match).toMatch(/^"[\p{L}\p{N}]+"( "[\p{L}\p{N}]+")*$/u);
      }),
    );
  });
});

describe("leadsCsv", () => {
  const lead: LeadSummary = {
    id: "l1",
    unitId: "u1",
    unitName: '@Phường "Láng"',
    categoryCode: "delay",
    status: "in_review",
    priority: 3.25,
    reportCount: 2,
    openedAt: "2026-03-01T17:30:00Z",
    dueAt: "2026-03-09T16:59:59Z",
    overdue: true,
    assigneeId: null,
  };

  it("writes a BOM, the headers, CRLF lines, Hanoi dates dd/mm/yyyy, quoted and neutralised cells", () => {
    const csv = leadsCsv([lead]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      LEAD_EXPORT_HEADERS.join(","),
      'l1,u1,"\'@Phường ""Láng""","Chậm trễ, quá hạn",Đang xem xét,3.25,2,02/03/2026,09/03/2026,Có',
      "",
    ]);
  });
});
