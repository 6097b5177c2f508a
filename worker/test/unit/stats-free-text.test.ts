import { describe, expect, it } from "vitest";
import { findFreeText, statsTextPolicy, suppress } from "../../src/domain/stats";

const labels = ["Phường Đống Đa", "Sở Xây dựng"];

const response = () => {
  const groups = [
    {
      key: "u1",
      label: "Phường Đống Đa",
      reports: 2,
      leads: 1,
      referred: 0,
      dismissed: 1,
      inspections: 0,
      substantiated: 0,
    },
    {
      key: "u2",
      label: "Sở Xây dựng",
      reports: 9,
      leads: 3,
      referred: 1,
      dismissed: 1,
      inspections: 1,
      substantiated: 1,
    },
  ];
  const totals = { reports: 11, leads: 4, referred: 1, dismissed: 2, inspections: 1, substantiated: 1 };
  const { groups: published, suppressedGroups } = suppress(groups, totals);
  return {
    from: "2026-01-01",
    to: "2026-12-31",
    groupBy: "unit",
    minCell: 5,
    generatedAt: "2026-11-20T05:00:00.000Z",
    totals,
    groups: published,
    suppressedGroups,
  };
};

describe("findFreeText", () => {
  it("accepts a stats response made only of numbers, codes, dates and directory labels", () => {
    expect(findFreeText(response(), statsTextPolicy(labels))).toEqual([]);
  });

  it("flags a key outside the whitelist, wherever it is", () => {
    const leaked = { ...response(), note: "x" };
    (leaked.groups[0] as unknown as Record<string, unknown>).description = "Cán bộ A đòi tiền";
    expect(findFreeText(leaked, statsTextPolicy(labels))).toEqual(
      [
        { pointer: "/groups/0/description", reason: "unknown_key", preview: "description" },
        { pointer: "/note", reason: "unknown_key", preview: "note" },
      ].sort((a, b) => (a.pointer < b.pointer ? -1 : 1)),
    );
  });

  it("flags a label not taken from the directories and a key that holds a sentence", () => {
    const leaked = response();
    (leaked.groups[1] as { label: string }).label = "ông Nguyễn Văn A, phòng 203";
    (leaked.groups[0] as { key: string }).key = "không phải mã";
    const found = findFreeText(leaked, statsTextPolicy(labels));
    expect(found.map((v) => [v.pointer, v.reason])).toEqual([
      ["/groups/0/key", "free_text"],
      ["/groups/1/label", "free_text"],
    ]);
  });

  it("checks dates and instants whole, not a matching prefix", () => {
    const found = findFreeText({ ...response(), from: "2026-01-01 gọi 0912345678" }, statsTextPolicy(labels));
    expect(found).toEqual([{ pointer: "/from", reason: "free_text", preview: "2026-01-01 gọi 0912345678" }]);
  });

  it("judges strings in arrays by the array's key and accepts extra rules for other responses", () => {
    const policy = statsTextPolicy(labels, {
      keys: new Set(["reasonCodes"]),
      strings: { reasonCodes: new Set(["duplicate", "out_of_scope"]) },
    });
    expect(findFreeText({ reasonCodes: ["duplicate"] }, policy)).toEqual([]);
    expect(findFreeText({ reasonCodes: ["duplicate", "vì nể nang"] }, policy)).toEqual([
      { pointer: "/reasonCodes/1", reason: "free_text", preview: "vì nể nang" },
    ]);
    expect(findFreeText(["loose"], policy)[0]?.reason).toBe("free_text");
    expect(findFreeText({ a: 1 }, policy)[0]?.pointer).toBe("/a");
    expect(findFreeText({ "x/y": 1 }, policy)[0]?.pointer).toBe("/x~1y");
    expect(findFreeText({ reports: Number.POSITIVE_INFINITY }, policy)[0]?.reason).toBe("unexpected_type");
  });
});
