import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/domain/triage/normalize";
import { CATEGORY_SEVERITY, computeSeverity, SEVERITY_MAX } from "../../src/domain/triage/severity";
import {
  detectSignals,
  findBusinessHarm,
  findMoney,
  findNamedOfficial,
  findRepeatedVisits,
  normalizeAmounts,
  type Signals,
} from "../../src/domain/triage/signals";
import { assessSpecificity } from "../../src/domain/triage/specificity";

const money = (text: string) => findMoney(normalizeText(text).folded);
const visits = (text: string) => findRepeatedVisits(normalizeText(text).plain);

describe("findMoney", () => {
  it.each([
    ["Cán bộ đòi 2 triệu", 2_000_000],
    ["phải nộp thêm 500.000 đồng", 500_000],
    ["chi ngoài 5tr", 5_000_000],
    ["khoảng 5 tr thôi", 5_000_000],
    ["đưa 1,5 triệu", 1_500_000],
    ["đưa 1.5 triệu", 1_500_000],
    ["gửi 200k tiền nước", 200_000],
    ["bồi dưỡng 300 nghìn", 300_000],
    ["300 ngàn", 300_000],
    ["2.500.000đ", 2_500_000],
    ["1,500,000 VND", 1_500_000],
    ["hơn 1 tỷ", 1_000_000_000],
  ])("%s → %i đồng", (text, vnd) => {
    expect(money(text)).toEqual([expect.objectContaining({ vnd })]);
  });

  it("counts amounts in words, without a value", () => {
    expect(money("mất vài trăm nghìn")).toEqual([{ text: "vai tram nghin", vnd: null }]);
    expect(money("đòi mấy triệu")).toEqual([{ text: "may trieu", vnd: null }]);
  });

  it("finds several amounts in reading order", () => {
    expect(money("lần đầu 500k, lần sau 2 triệu").map((m) => m.vnd)).toEqual([500_000, 2_000_000]);
  });

  it.each([
    "Tôi đến phường 3 lần",
    "Ngày 12/5 tôi nộp hồ sơ số 2024",
    "tỷ lệ giải quyết đúng hạn thấp",
    "cán bộ 35 tuổi",
    "phòng số 5 kia",
  ])("sees no money in %s", (text) => {
    expect(money(text)).toEqual([]);
  });

  it("normalises amounts for comparison", () => {
    expect(normalizeAmounts("chi ngoai 2tr")).toBe("chi ngoai 2000000d");
    expect(normalizeAmounts("dua 2 trieu dong")).toBe("dua 2000000d dong");
    expect(normalizeAmounts("2.000.000d")).toBe("2000000d");
  });
});

describe("findRepeatedVisits", () => {
  it.each([
    ["Tôi đã đi lại 4 lần", { found: true, times: 4 }],
    ["đến phường ba lần vẫn chưa xong", { found: true, times: 3 }],
    ["Đây là lần thứ ba tôi lên", { found: true, times: 3 }],
    ["lần thứ 5", { found: true, times: 5 }],
    ["bị hẹn nhiều lần", { found: true, times: null }],
    ["đã mấy lần bổ sung", { found: true, times: null }],
    ["Tôi đến một lần", { found: false, times: null }],
    ["đến 1 lần là xong", { found: false, times: null }],
    ["Lần trước thì được", { found: false, times: null }],
  ])("%s → %o", (text, expected) => {
    expect(visits(text)).toEqual(expected);
  });
});

describe("findNamedOfficial", () => {
  it("prefers the reporter's hint", () => {
    expect(findNamedOfficial("ông Nguyễn Văn Hùng", "  chị Lan phòng một cửa ")).toBe("chị Lan phòng một cửa");
  });

  it.each([
    ["Hôm đó ông Nguyễn Văn Hùng nói phải chờ.", "Nguyễn Văn Hùng"],
    ["Bà Trần Thị Mai ở bộ phận một cửa.", "Trần Thị Mai"],
    ["cán bộ Tuấn bảo tôi về.", "Tuấn"],
    ["Chuyên viên Lê Đức Anh nhận hồ sơ.", "Lê Đức Anh"],
    ["anh tên là Hùng ngồi bàn số 3", "Hùng"],
    ["ông Chủ tịch Phường bảo chờ, rồi chị Hoa nói tiếp", "Hoa"],
  ])("finds the name in %s", (text, name) => {
    expect(findNamedOfficial(normalizeText(text).nfc, null)).toBe(name);
  });

  it.each(["Cán bộ tiếp dân nói phải chờ.", "Anh ấy bảo tôi về.", "ông bảo tôi nộp lại", "Cán bộ UBND phường"])(
    "finds no name in %s",
    (text) => {
      expect(findNamedOfficial(text, "")).toBeNull();
    },
  );
});

describe("findBusinessHarm", () => {
  it("counts a business or organisation reporter, and words that say a business is harmed", () => {
    expect(findBusinessHarm("ho so chua xong", "business")).toEqual(["reporter:business"]);
    expect(findBusinessHarm("ho so chua xong", "organization")).toEqual(["reporter:organization"]);
    expect(findBusinessHarm(normalizeText("Công ty tôi bị thiệt hại lớn").plain, "citizen")).toEqual([
      "cong ty",
      "thiet hai",
    ]);
    expect(findBusinessHarm(normalizeText("Doanh nghiệp chờ giấy phép").plain, "citizen")).toEqual(["doanh nghiep"]);
    expect(findBusinessHarm("toi la nguoi dan", "citizen")).toEqual([]);
  });
});

const NO_SIGNALS: Signals = {
  money: [],
  repeatedVisits: { found: false, times: null },
  namedOfficial: null,
  evidenceCount: 0,
  businessHarm: [],
};
const ALL_SIGNALS: Signals = {
  money: [{ text: "2 trieu", vnd: 2_000_000 }],
  repeatedVisits: { found: true, times: 4 },
  namedOfficial: "Hùng",
  evidenceCount: 2,
  businessHarm: ["cong ty"],
};
const sum = (reasons: { points: number }[]) => reasons.reduce((s, r) => s + r.points, 0);

describe("computeSeverity", () => {
  it("starts from the category base", () => {
    for (const [code, base] of Object.entries(CATEGORY_SEVERITY)) {
      const severity = computeSeverity(code as keyof typeof CATEGORY_SEVERITY, NO_SIGNALS);
      expect(severity).toEqual({ value: base, reasons: [{ reason: "category", points: base, detail: code }] });
    }
    expect(CATEGORY_SEVERITY.bribery).toBe(4);
    expect(CATEGORY_SEVERITY.conduct).toBe(1);
  });

  it("adds one point per signal, explained", () => {
    const severity = computeSeverity("delay", { ...NO_SIGNALS, evidenceCount: 1 });
    expect(severity.value).toBe(3);
    expect(severity.reasons).toContainEqual({ reason: "evidence", points: 1, detail: "1" });
  });

  it("caps the signals at two points and the total at five, and the reasons still add up", () => {
    for (const code of Object.keys(CATEGORY_SEVERITY) as (keyof typeof CATEGORY_SEVERITY)[]) {
      const severity = computeSeverity(code, ALL_SIGNALS);
      expect(severity.value).toBe(Math.min(SEVERITY_MAX, CATEGORY_SEVERITY[code] + 2));
      expect(sum(severity.reasons)).toBe(severity.value);
      expect(severity.reasons.map((r) => r.reason)).toEqual([
        "category",
        "money",
        "repeated_visits",
        "named_official",
        "evidence",
        "business_harm",
        "cap",
      ]);
    }
  });

  it("never lets a fully-signalled rudeness complaint reach a bare bribe demand", () => {
    expect(computeSeverity("conduct", ALL_SIGNALS).value).toBeLessThan(computeSeverity("bribery", NO_SIGNALS).value);
  });

  it("reads the signals of a real report", () => {
    const signals = detectSignals({
      text: normalizeText("Tôi đi lại 4 lần, ông Nguyễn Văn Hùng đòi 2 triệu."),
      reporterKind: "citizen",
      evidenceCount: 0,
    });
    expect(signals.money).toHaveLength(1);
    expect(signals.repeatedVisits.times).toBe(4);
    expect(signals.namedOfficial).toBe("Nguyễn Văn Hùng");
    expect(computeSeverity("harassment", signals).value).toBe(5);
  });
});

describe("assessSpecificity (Article 25, Law on Denunciations 2018)", () => {
  const base = { unitId: "phuong-dong-da", evidenceCount: 1 };

  it.each([
    [{ ...base, procedure: "Cấp sổ đỏ" }],
    [{ ...base, official: "Nguyễn Văn Hùng" }],
    [{ ...base, occurredOn: "2025-05-12" }],
  ])("a clear unit, something to check against and evidence make it eligible: %o", (input) => {
    expect(assessSpecificity(input)).toEqual({ eligible: true, missing: [] });
  });

  it("lists what is missing", () => {
    expect(assessSpecificity({ ...base, evidenceCount: 0, procedure: "Cấp sổ đỏ" })).toEqual({
      eligible: false,
      missing: ["evidence"],
    });
    expect(assessSpecificity({ ...base, procedure: "  ", official: null })).toEqual({
      eligible: false,
      missing: ["procedure_official_or_date"],
    });
    expect(assessSpecificity({ unitId: "", evidenceCount: 0 })).toEqual({
      eligible: false,
      missing: ["unit", "procedure_official_or_date", "evidence"],
    });
  });
});
