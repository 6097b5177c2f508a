import { describe, expect, it } from "vitest";
import { CATEGORY_CODES } from "../../src/contracts/categories";
import { normalizeText, plainFold } from "../../src/domain/triage/normalize";
import { entryLabel, PHRASE_TABLE } from "../../src/domain/triage/phrases";
import { suggestCategory } from "../../src/domain/triage/suggest";

const suggest = (text: string, choice: Parameters<typeof suggestCategory>[1] = "other") =>
  suggestCategory(normalizeText(text).plain, choice);

describe("the phrase table", () => {
  it("is written plain-folded, without duplicates, and covers every category but other", () => {
    const seen = new Set<string>();
    for (const [code, entries] of Object.entries(PHRASE_TABLE)) {
      expect(CATEGORY_CODES).toContain(code);
      expect(entries.length).toBeGreaterThan(4);
      for (const entry of entries) {
        const words = "phrase" in entry ? [entry.phrase] : [...entry.first, ...entry.second];
        for (const word of words) expect(plainFold(word)).toBe(word);
        expect(seen.has(entryLabel(entry))).toBe(false);
        seen.add(entryLabel(entry));
      }
    }
    expect(Object.keys(PHRASE_TABLE)).not.toContain("other");
  });

  it("finds each phrase of the table when it is typed with diacritics", () => {
    const typed: Record<string, string> = {
      "boi duong": "bồi dưỡng",
      "phong bi": "phong bì",
      "tien ca phe": "tiền cà phê",
      "lot tay": "lót tay",
      "xin cho": "xin cho",
      "chi phi ngoai": "chi phí ngoài",
      "hach sach": "hạch sách",
      "gay kho de": "gây khó dễ",
      "bat bo sung": "bắt bổ sung",
      "di lai nhieu lan": "đi lại nhiều lần",
      "nhung nhieu": "nhũng nhiễu",
      "do loi": "đổ lỗi",
      "day sang": "đẩy sang",
      "khong thuoc tham quyen": "không thuộc thẩm quyền",
      "dun day": "đùn đẩy",
      "qua han": "quá hạn",
      "cham tre": "chậm trễ",
      "ngam ho so": "ngâm hồ sơ",
      "hen lai": "hẹn lại",
      "tac trach": "tắc trách",
      "quat nat": "quát nạt",
      "tho lo": "thô lỗ",
      "thai do": "thái độ",
    };
    for (const [phrase, vietnamese] of Object.entries(typed)) {
      const result = suggest(`Tôi thấy cán bộ ${vietnamese} với dân.`);
      const matchedAnywhere = Object.entries(PHRASE_TABLE).some(
        ([code, entries]) =>
          (result.scores[code as keyof typeof result.scores] ?? 0) > 0 && entries.some((e) => entryLabel(e) === phrase),
      );
      expect(matchedAnywhere, vietnamese).toBe(true);
    }
  });
});

describe("suggestCategory", () => {
  it.each([
    ["Cán bộ gợi ý phải có tiền cà phê, bồi dưỡng thì hồ sơ mới đi nhanh.", "bribery"],
    ["Cán bộ đòi 2 triệu đồng mới nhận hồ sơ.", "bribery"],
    ["Anh ta đòi tôi chuyển 5tr mới ký.", "bribery"],
    ["Bị hạch sách, bắt bổ sung giấy tờ không cần thiết, đi lại nhiều lần.", "harassment"],
    ["Phòng này đùn đẩy sang phòng kia, ai cũng nói không thuộc thẩm quyền.", "shirking"],
    ["Hồ sơ đã quá hạn 3 tuần, cứ hẹn lại mãi.", "delay"],
    ["Cán bộ tắc trách, làm ngơ trước sai phạm.", "neglect"],
    ["Cán bộ quát nạt, thái độ thô lỗ với người dân.", "conduct"],
    ["Cán bo quat nat, thai do tho lo voi nguoi dan.", "conduct"],
  ])("%s → %s", (text, code) => {
    expect(suggest(text).code).toBe(code);
  });

  it("returns the matched phrases, a confidence and the difference from the reporter's choice", () => {
    const result = suggest("Cán bộ quát nạt, thái độ thô lỗ", "bribery");
    expect(result).toMatchObject({
      code: "conduct",
      confidence: 0.8,
      matched: ["quat nat", "tho lo", "thai do"],
      differs: true,
    });
    expect(suggest("Cán bộ quát nạt, thái độ thô lỗ", "conduct").differs).toBe(false);
  });

  it("suggests nothing, and flags nothing, when no phrase matches", () => {
    expect(suggest("Tôi muốn hỏi về giờ làm việc của phường.", "delay")).toEqual({
      code: null,
      confidence: 0,
      matched: [],
      scores: {},
      differs: false,
    });
  });

  it("is less confident when categories compete, and breaks ties towards the reporter's choice", () => {
    const mixed = "Cán bộ quát nạt tôi và hồ sơ đã quá hạn.";
    expect(suggest(mixed, "delay")).toMatchObject({ code: "delay", confidence: 0.38, differs: false });
    expect(suggest(mixed, "conduct")).toMatchObject({ code: "conduct", differs: false });
    expect(suggest(mixed, "other")).toMatchObject({ code: "delay", differs: true });
    expect(suggest("Cán bộ quát nạt tôi", "other").confidence).toBeGreaterThan(suggest(mixed, "other").confidence);
  });

  it("does not read a demand for money into waiting, exchanging or progress", () => {
    expect(suggest("Tôi phải đợi cả buổi sáng.").code).toBeNull();
    expect(suggest("Tôi đợi tiến độ dự án mãi không thấy.").code).toBeNull();
    expect(suggest("Đợi lần đầu tiên đến phường.").code).toBeNull();
    expect(suggest("Cán bộ phường Đống Đa đòi xem giấy tờ.").code).toBeNull();
    expect(suggest("Họ đòi tôi 500 nghìn.").code).toBe("bribery");
    expect(suggest("Ra giá 3 triệu cho một con dấu.").matched).toEqual(["doi … tien"]);
  });

  it("matches whole words only", () => {
    expect(suggest("Ngày sáng hôm ấy tôi đến.").code).toBeNull();
  });
});
