import { describe, expect, it } from "vitest";
import {
  CLUSTER_WINDOW_DAYS,
  type ClusterLead,
  type ClusterReport,
  categoriesCompatible,
  chooseLead,
} from "../../src/domain/triage/cluster";
import { comparableWords, SIMILARITY_THRESHOLD, textSimilarity } from "../../src/domain/triage/similarity";

/** Three wordings of one bribe demand at one ward office: formal, plain, colloquial and without diacritics. */
const BRIBE = [
  "Cán bộ địa chính phường Đống Đa đòi tôi phải đưa 2 triệu đồng thì mới nhận hồ sơ cấp sổ đỏ.",
  "Khi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất ở UBND phường Đống Đa, cán bộ địa chính gợi ý tôi phải bồi dưỡng 2 triệu mới giải quyết.",
  "toi len phuong Dong Da lam so do, anh can bo dia chinh noi muon nhanh thi chi ngoai 2tr, khong thi cu cho",
] as const;

/** Other complaints about the same ward: none tells the story of the bribe. */
const OTHERS = {
  rudeness: "Cán bộ một cửa phường Đống Đa quát nạt, thái độ thô lỗ khi tôi hỏi về thủ tục đăng ký khai sinh cho con.",
  delay: "Hồ sơ xin cấp phép xây dựng của tôi nộp ở phường Đống Đa đã quá hạn 20 ngày mà không có trả lời.",
  otherBribe: "Cán bộ tư pháp phường Đống Đa đòi 500 nghìn mới chứng thực bản sao cho nhanh.",
} as const;

describe("textSimilarity", () => {
  it("is 1 for the same text with or without diacritics, and symmetric", () => {
    expect(textSimilarity(BRIBE[0], BRIBE[0])).toBe(1);
    expect(textSimilarity("Cán bộ đòi 2 triệu mới cấp sổ đỏ", "can bo doi 2tr moi cap so do")).toBe(1);
    expect(textSimilarity(BRIBE[0], BRIBE[1])).toBe(textSimilarity(BRIBE[1], BRIBE[0]));
    expect(textSimilarity("", "")).toBe(0);
  });

  it("maps synonyms and amounts before comparing", () => {
    expect(comparableWords("Phải bồi dưỡng 2 triệu mới cấp sổ đỏ")).toEqual(["tienngoai", "2000000d", "cap", "sodo"]);
    expect(comparableWords("chi ngoài 2tr cho GCN QSDĐ")).toEqual(["tienngoai", "2000000d", "sodo"]);
  });

  it.each([
    [0, 1],
    [0, 2],
    [1, 2],
  ])("finds wordings %i and %i of the bribe demand similar", (a, b) => {
    expect(textSimilarity(BRIBE[a] ?? "", BRIBE[b] ?? "")).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  it.each(Object.entries(OTHERS))("does not find the %s complaint similar to any wording", (_name, text) => {
    for (const wording of BRIBE) expect(textSimilarity(wording, text)).toBeLessThan(SIMILARITY_THRESHOLD);
  });

  it("would not work on raw words: the measure depends on the canonical forms", () => {
    const raw = (a: string, b: string) => {
      const words = (t: string) => new Set(t.toLowerCase().split(/\s+/));
      const [x, y] = [words(a), words(b)];
      const shared = [...x].filter((w) => y.has(w)).length;
      return shared / (x.size + y.size - shared);
    };
    expect(raw(BRIBE[1], BRIBE[2])).toBeLessThan(0.1);
  });
});

describe("categoriesCompatible", () => {
  it.each([
    ["bribery", "harassment", true],
    ["harassment", "bribery", true],
    ["shirking", "delay", true],
    ["delay", "neglect", true],
    ["neglect", "shirking", true],
    ["conduct", "conduct", true],
    ["bribery", "bribery", true],
    ["other", "bribery", true],
    ["conduct", "other", true],
    ["bribery", "conduct", false],
    ["conduct", "harassment", false],
    ["bribery", "delay", false],
    ["harassment", "shirking", false],
    ["neglect", "conduct", false],
  ] as const)("%s ~ %s: %s", (a, b, expected) => {
    expect(categoriesCompatible(a, b)).toBe(expected);
  });
});

const DAY = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2025, 5, 1) + day * DAY).toISOString();

function report(overrides: Partial<ClusterReport> = {}): ClusterReport {
  return {
    unitId: "phuong-dong-da",
    categories: ["bribery"],
    description: BRIBE[2],
    procedureKey: null,
    officialKey: null,
    receivedAt: at(10),
    ...overrides,
  };
}

function lead(overrides: Partial<ClusterLead> = {}): ClusterLead {
  return {
    id: "L1",
    unitId: "phuong-dong-da",
    categoryCode: "bribery",
    status: "new",
    lastReportAt: at(0),
    descriptions: [BRIBE[0], BRIBE[1]],
    procedureKeys: [null],
    officialKeys: [null],
    ...overrides,
  };
}

describe("chooseLead", () => {
  it("joins the open lead about the same bribe demand", () => {
    const decision = chooseLead(report(), [lead()]);
    expect(decision).toMatchObject({ kind: "join", leadId: "L1", matchedOn: ["text"] });
    if (decision.kind === "join") expect(decision.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });

  it("builds one lead from three wordings, filed one after another", () => {
    const first = chooseLead(report({ description: BRIBE[0], receivedAt: at(0) }), []);
    expect(first).toEqual({ kind: "new" });
    const second = chooseLead(report({ description: BRIBE[1], receivedAt: at(1) }), [
      lead({ descriptions: [BRIBE[0]] }),
    ]);
    expect(second).toMatchObject({ kind: "join", leadId: "L1" });
    const third = chooseLead(report({ description: BRIBE[2], receivedAt: at(2) }), [lead()]);
    expect(third).toMatchObject({ kind: "join", leadId: "L1" });
  });

  it("opens a new lead for the rudeness complaint, even in a compatible category", () => {
    expect(chooseLead(report({ description: OTHERS.rudeness, categories: ["other"] }), [lead()])).toEqual({
      kind: "new",
    });
    expect(chooseLead(report({ description: OTHERS.rudeness, categories: ["conduct"] }), [lead()])).toEqual({
      kind: "new",
    });
  });

  it("never joins a lead about another unit, however similar", () => {
    expect(chooseLead(report({ unitId: "phuong-hoan-kiem", description: BRIBE[0] }), [lead()])).toEqual({
      kind: "new",
    });
    expect(
      chooseLead(report({ unitId: "phuong-hoan-kiem", officialKey: "nguyen van hung" }), [
        lead({ officialKeys: ["nguyen van hung"] }),
      ]),
    ).toEqual({ kind: "new" });
  });

  it("refuses an incompatible category, and accepts a compatible or confidently suggested one", () => {
    expect(chooseLead(report({ categories: ["delay"] }), [lead()])).toEqual({ kind: "new" });
    expect(chooseLead(report({ categories: ["harassment"] }), [lead()])).toMatchObject({ kind: "join" });
    expect(chooseLead(report({ categories: ["delay", "bribery"] }), [lead()])).toMatchObject({ kind: "join" });
  });

  it(`joins within ${CLUSTER_WINDOW_DAYS} days of the lead's last report, not after`, () => {
    expect(chooseLead(report({ receivedAt: at(CLUSTER_WINDOW_DAYS) }), [lead()])).toMatchObject({ kind: "join" });
    expect(chooseLead(report({ receivedAt: at(CLUSTER_WINDOW_DAYS + 1) }), [lead()])).toEqual({ kind: "new" });
  });

  it("joins on the same procedure or the same official when the texts differ", () => {
    const differentText = { description: OTHERS.otherBribe };
    expect(chooseLead(report(differentText), [lead()])).toEqual({ kind: "new" });
    expect(
      chooseLead(report({ ...differentText, procedureKey: "chung thuc ban sao" }), [
        lead({ procedureKeys: [null, "chung thuc ban sao"] }),
      ]),
    ).toMatchObject({ kind: "join", matchedOn: ["procedure"] });
    expect(
      chooseLead(report({ ...differentText, officialKey: "nguyen van hung" }), [
        lead({ officialKeys: ["nguyen van hung"] }),
      ]),
    ).toMatchObject({ kind: "join", matchedOn: ["official"] });
    expect(
      chooseLead(report({ ...differentText, officialKey: "tran thi mai" }), [
        lead({ officialKeys: ["nguyen van hung"] }),
      ]),
    ).toEqual({ kind: "new" });
  });

  it("does not join a lead that is no longer open", () => {
    for (const status of ["referred", "dismissal_proposed", "dismissed", "merged"]) {
      expect(chooseLead(report(), [lead({ status })])).toEqual({ kind: "new" });
    }
    for (const status of ["new", "in_review", "info_requested"]) {
      expect(chooseLead(report(), [lead({ status })])).toMatchObject({ kind: "join" });
    }
  });

  it("picks the most similar lead, then the most recent, then the smaller id, whatever the order given", () => {
    const weak = lead({ id: "A", descriptions: [OTHERS.otherBribe], officialKeys: ["nguyen van hung"] });
    const strong = lead({ id: "B" });
    const reportWithOfficial = report({ officialKey: "nguyen van hung" });
    expect(chooseLead(reportWithOfficial, [weak, strong])).toMatchObject({ leadId: "B" });
    expect(chooseLead(reportWithOfficial, [strong, weak])).toMatchObject({ leadId: "B" });

    const older = lead({ id: "C", lastReportAt: at(0) });
    const newer = lead({ id: "D", lastReportAt: at(5) });
    expect(chooseLead(report(), [older, newer])).toMatchObject({ leadId: "D" });
    expect(chooseLead(report(), [newer, older])).toMatchObject({ leadId: "D" });

    const twinB = lead({ id: "twin-b" });
    const twinA = lead({ id: "twin-a" });
    expect(chooseLead(report(), [twinB, twinA])).toMatchObject({ leadId: "twin-a" });
    expect(chooseLead(report(), [twinA, twinB])).toMatchObject({ leadId: "twin-a" });
  });
});
