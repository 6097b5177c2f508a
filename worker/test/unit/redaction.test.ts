import { describe, expect, it } from "vitest";
import type { RedactionMark } from "../../src/contracts/redactions";
import { applyRedactions, detectRedactions, marksFit, REDACTION_LABELS } from "../../src/domain/redaction";

const redact = (text: string) => applyRedactions(text, detectRedactions(text));
const kinds = (text: string) => detectRedactions(text).map((m) => [m.kind, text.slice(m.start, m.end)]);

describe("detectRedactions", () => {
  it("finds each kind with its offsets in the NFC text", () => {
    const text = "Chị Lan (0912 345 678) ở số 5 ngõ 12 phố Huế";
    expect(detectRedactions(text)).toEqual([
      { start: 4, end: 7, kind: "name" },
      { start: 9, end: 21, kind: "phone" },
      { start: 25, end: 44, kind: "address" },
    ]);
    expect(redact(text)).toBe("Chị [họ tên] ([số điện thoại]) ở [địa chỉ]");
  });

  it("reads phone numbers in every usual spelling, and not the public hotlines", () => {
    for (const phone of [
      "0912345678",
      "0912 345 678",
      "0912.345.678",
      "091-234-5678",
      "+84 912 345 678",
      "+84912345678",
    ]) {
      expect(kinds(`Gọi ${phone} ngay`)).toEqual([["phone", phone]]);
    }
    expect(kinds("Bàn: (024) 3825 1234")).toEqual([["phone", "(024) 3825 1234"]]);
    expect(kinds("Gọi 1022, 113 hoặc 1900 1234")).toEqual([]);
  });

  it("tells an ID, an account and a phone number apart by the words before them", () => {
    expect(kinds("CCCD 001089012345, CMND 012345678")).toEqual([
      ["id_number", "001089012345"],
      ["id_number", "012345678"],
    ]);
    expect(kinds("STK 0912345678 Vietcombank")).toEqual([["bank_account", "0912345678"]]);
    expect(kinds("số tài khoản 1903 5555 1234 01 tại Techcombank, SĐT 0987654321")).toEqual([
      ["bank_account", "1903 5555 1234 01"],
      ["phone", "0987654321"],
    ]);
  });

  it("leaves amounts, dates and legal references alone", () => {
    for (const text of [
      "Cán bộ thu 500.000 đồng",
      "Tổng cộng 150.000.000 đồng",
      "Số tiền 100.000.000.000 đồng",
      "Nộp ngày 12/03/2024, hẹn 05-04-2024",
      "Theo Quyết định số 1234/QĐ-UBND và Nghị định 100/2019/NĐ-CP",
      "Quầy số 3, số 5 người, nhà 3 tầng",
    ]) {
      expect(detectRedactions(text), text).toEqual([]);
    }
  });

  it("reads licence plates in their three shapes", () => {
    expect(kinds("Xe 29A-123.45, 30E12345 và 29-B1 123.45")).toEqual([
      ["plate", "29A-123.45"],
      ["plate", "30E12345"],
      ["plate", "29-B1 123.45"],
    ]);
  });

  it("finds names after the usual words, with and without diacritics, not titles or places", () => {
    expect(kinds("ông Nguyễn Văn A và chi Lan, ong Nguyen Van B, anh tuan")).toEqual([
      ["name", "Nguyễn Văn A"],
      ["name", "Lan"],
      ["name", "Nguyen Van B"],
      ["name", "tuan"],
    ]);
    for (const text of [
      "ông chủ tịch phường không tiếp dân",
      "Ông Chủ tịch phường không ký",
      "phố Bà Triệu, quận Hai Bà Trưng, Hà Nội",
      "anh ấy, chị em, ông bà, cô ấy, chú ý, có thể",
      "chi thu tien, co le, ba lan, anh lam o phong nao",
      "anh hùng lao động",
    ]) {
      expect(detectRedactions(text), text).toEqual([]);
    }
  });
});

describe("applyRedactions and marksFit", () => {
  it("replaces each mark with its label and ignores overlapping or outside marks", () => {
    const text = "Gọi 0912345678";
    const mark: RedactionMark = { start: 4, end: 14, kind: "phone" };
    expect(applyRedactions(text, [mark])).toBe(`Gọi ${REDACTION_LABELS.phone}`);
    expect(applyRedactions(text, [mark, { start: 5, end: 8, kind: "name" }])).toBe(`Gọi ${REDACTION_LABELS.phone}`);
    expect(applyRedactions(text, [{ start: 10, end: 99, kind: "name" }])).toBe(text);
    expect(marksFit(text, [mark])).toBe(true);
    expect(marksFit(text, [mark, { start: 5, end: 8, kind: "name" }])).toBe(false);
    expect(marksFit(text, [{ start: 10, end: 99, kind: "name" }])).toBe(false);
  });
});
