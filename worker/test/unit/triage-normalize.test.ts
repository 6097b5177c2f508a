import { describe, expect, it } from "vitest";
import { containsPhrase, normalizeText, officialKey, plainFold, procedureKey } from "../../src/domain/triage/normalize";

describe("normalizeText", () => {
  it("keeps NFC text and folds diacritics, đ included", () => {
    const decomposed = "Đòi tiền".normalize("NFD");
    const text = normalizeText(`  ${decomposed} ở PHƯỜNG Đống Đa!  `);
    expect(text.nfc).toBe("  Đòi tiền ở PHƯỜNG Đống Đa!  ".normalize("NFC"));
    expect(text.nfc).not.toBe(text.nfc.normalize("NFD"));
    expect(text.folded).toBe("doi tien o phuong dong da!");
    expect(text.plain).toBe("doi tien o phuong dong da");
  });

  it("keeps the punctuation of amounts in the folded form but not in the plain one", () => {
    const text = normalizeText("Đưa 1,5 triệu và 500.000đ");
    expect(text.folded).toBe("dua 1,5 trieu va 500.000d");
    expect(text.plain).toBe("dua 1 5 trieu va 500 000d");
  });

  it("treats typed-without-diacritics text the same", () => {
    expect(plainFold("Hạch sách, gây khó dễ")).toBe(plainFold("hach sach gay kho de"));
  });
});

describe("containsPhrase", () => {
  it.each([
    ["can bo day sang phong khac", "day sang", true],
    ["ngay sang toi den", "day sang", false],
    ["bi hach sach", "hach sach", true],
    ["hach sachs", "hach sach", false],
    ["", "qua han", false],
  ])("%s contains %s: %s", (plain, phrase, expected) => {
    expect(containsPhrase(plain, phrase)).toBe(expected);
  });
});

describe("procedureKey and officialKey", () => {
  it("compare procedures without case, diacritics or punctuation", () => {
    expect(procedureKey("Cấp Giấy chứng nhận QSDĐ (sổ đỏ)")).toBe(procedureKey("cap giay chung nhan qsdd so do"));
    expect(procedureKey("  ")).toBeNull();
    expect(procedureKey(undefined)).toBeNull();
  });

  it("drop forms of address so the same person compares equal", () => {
    expect(officialKey("Ông Nguyễn Văn Hùng")).toBe("nguyen van hung");
    expect(officialKey("cán bộ Nguyễn Văn Hùng")).toBe("nguyen van hung");
    expect(officialKey("anh tên là Hùng")).toBe("hung");
    expect(officialKey("Nguyen Van Hung")).toBe("nguyen van hung");
    expect(officialKey("Bà Lan")).not.toBe(officialKey("Ông Hùng"));
    expect(officialKey("ông")).toBeNull();
    expect(officialKey(null)).toBeNull();
  });
});
