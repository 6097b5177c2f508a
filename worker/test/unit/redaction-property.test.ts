import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyRedactions, detectRedactions } from "../../src/domain/redaction";

/**
 * Property tests of the detector: personal data generated in all their usual
 * spellings and embedded in report sentences never survive redaction; the
 * ordinary sentences of reports (with amounts, dates and legal references)
 * are left alone; marks are always in bounds, sorted and disjoint.
 */

const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
const digits = (s: string) => s.replace(/\D/g, "");
const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const digitString = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));

interface Datum {
  /** The text embedded in the sentence. */
  surface: string;
  /** What must not be readable afterwards: its digits, the address, the name as written. */
  secret: string;
  kind: "digits" | "text" | "name";
}

const SEPARATORS = ["", " ", ".", "-"] as const;

const mobile = fc
  .record({
    prefix: pick(["0", "+84 ", "+84"]),
    first: pick(["3", "5", "7", "8", "9"]),
    rest: digitString(8),
    sep: pick(SEPARATORS),
    groups: pick(["4-3-3", "3-3-4", "none"]),
  })
  .map(({ prefix, first, rest, sep, groups }) => {
    const national = `${prefix === "0" ? "0" : ""}${first}${rest}`;
    const parts =
      groups === "none"
        ? [national]
        : groups === "4-3-3"
          ? [national.slice(0, -6), national.slice(-6, -3), national.slice(-3)]
          : [national.slice(0, -7), national.slice(-7, -4), national.slice(-4)];
    const number = `${prefix === "0" ? "" : prefix}${parts.join(sep)}`;
    return { surface: number, secret: digits(`${first}${rest}`), kind: "digits" } satisfies Datum;
  });

const landline = fc
  .record({ area: pick(["24", "28", "220", "236"]), rest: digitString(8), paren: fc.boolean() })
  .map(({ area, rest }) => {
    const local = area.length === 3 ? rest.slice(1) : rest;
    const code = `0${area}`;
    return { surface: `${code} ${local.slice(0, 4)} ${local.slice(4)}`, secret: local, kind: "digits" } satisfies Datum;
  });

const idNumber = fc.oneof(
  fc
    .record({ province: fc.integer({ min: 1, max: 96 }), rest: digitString(9), sep: pick(["", " "]) })
    .map(({ province, rest, sep }) => {
      const id = `${String(province).padStart(3, "0")}${rest}`;
      const surface = sep ? `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}` : id;
      return { surface: `CCCD ${surface}`, secret: id, kind: "digits" } satisfies Datum;
    }),
  fc
    .record({ id: digitString(9), word: pick(["CMND số", "số CMND", "chứng minh nhân dân", "CMT"]) })
    .map(({ id, word }) => ({ surface: `${word} ${id}`, secret: id, kind: "digits" }) satisfies Datum),
);

const email = fc
  .record({
    local: fc.stringMatching(/^[a-z][a-z0-9]{2,10}(?:[._][a-z0-9]{2,6})?$/),
    domain: pick(["gmail.com", "yahoo.com.vn", "hanoi.gov.vn", "outlook.com", "fpt.vn"]),
  })
  .map(
    ({ local, domain }) =>
      ({ surface: `${local}@${domain}`, secret: `${local}@${domain}`, kind: "text" }) satisfies Datum,
  );

const bank = fc
  .record({
    word: pick(["STK", "số tài khoản", "tài khoản", "so tai khoan", "stk:", "TK"]),
    account: fc.integer({ min: 8, max: 14 }).chain((n) => digitString(n)),
    spaced: fc.boolean(),
    bankName: pick(["", " Vietcombank", " BIDV", " Techcombank", " MB Bank", " Agribank"]),
  })
  .map(({ word, account, spaced, bankName }) => {
    const surface = spaced ? (account.match(/.{1,4}/g) ?? []).join(" ") : account;
    return { surface: `${word} ${surface}${bankName}`, secret: account, kind: "digits" } satisfies Datum;
  });

const plate = fc
  .record({
    province: fc.integer({ min: 11, max: 99 }),
    series: fc.stringMatching(/^[A-HK-PR-Z][A-Z0-9]?$/),
    number: digitString(5),
    style: pick(["dash-dot", "compact", "space"]),
  })
  .map(({ province, series, number, style }) => {
    const surface =
      style === "dash-dot"
        ? `${province}${series}-${number.slice(0, 3)}.${number.slice(3)}`
        : style === "compact"
          ? `${province}${series}${number}`
          : `${province}-${series} ${number.slice(0, 3)}.${number.slice(3)}`;
    return { surface: `xe ${surface}`, secret: number, kind: "digits" } satisfies Datum;
  });

const address = fc
  .record({
    house: fc.integer({ min: 1, max: 999 }),
    lane: fc.integer({ min: 1, max: 300 }),
    alley: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
    lead: pick(["số", "số nhà", "nhà số", "so", "so nha"]),
    laneWord: pick(["ngõ", "ngo", "hẻm", "ngách"]),
    street: pick(["", " phố Huế", " đường Láng", " Trần Duy Hưng", " pho Hue"]),
  })
  .map(({ house, lane, alley, lead, laneWord, street }) => {
    const surface = `${lead} ${house} ${laneWord} ${lane}${alley ? ` ngách ${alley}` : ""}${street}`;
    return { surface, secret: `${house} ${laneWord} ${lane}`, kind: "text" } satisfies Datum;
  });

const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"];
const MIDDLES = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Quang", "Thu", "Hữu"];
const GIVENS = ["Lan", "Hùng", "Tuấn", "Hương", "Trang", "Linh", "Nam", "Bình", "Hoa", "Sơn", "Thắng", "Yến"];
const TRIGGERS = ["anh", "chị", "ông", "bà", "cô", "chú", "em", "bác", "cháu", "Anh", "Chị", "Ông", "Bà", "đồng chí"];

const name = fc
  .record({
    trigger: pick(TRIGGERS),
    full: fc.boolean(),
    surname: pick(SURNAMES),
    middle: pick(MIDDLES),
    given: pick(GIVENS),
    diacritics: fc.boolean(),
    lower: fc.boolean(),
  })
  .map(({ trigger, full, surname, middle, given, diacritics, lower }) => {
    let person = full ? `${surname} ${middle} ${given}` : given;
    let word = trigger;
    if (!diacritics) {
      person = plain(person);
      word = plain(word);
      // Typed without diacritics and without capitals: only after the words that allow it.
      if (lower && ["anh", "chi", "ong", "em", "bac", "chu", "chau"].includes(word) && full)
        person = person.toLowerCase();
    }
    return { surface: `${word} ${person}`, secret: person.normalize("NFC"), kind: "name" } satisfies Datum;
  });

const CARRIERS = [
  "Tôi phản ánh việc {} thu tiền sai quy định.",
  "Cán bộ yêu cầu liên hệ {} để được giải quyết nhanh.",
  "{} nhận hồ sơ nhưng hẹn đi hẹn lại nhiều tuần.",
  "Hôm đó tôi gặp {} tại bộ phận một cửa.",
  "Can bo yeu cau gap {} o bo phan tiep nhan.",
  "Đề nghị đoàn kiểm tra xác minh: {}.",
];

const datum = fc.oneof(mobile, landline, idNumber, email, bank, plate, address, name);

function survives(redacted: string, d: Datum): boolean {
  if (d.kind === "digits") return digits(redacted).includes(d.secret);
  if (d.kind === "name") return new RegExp(`(?<![\\p{L}\\p{M}])${d.secret}(?![\\p{L}\\p{M}])`, "u").test(redacted);
  return redacted.includes(d.secret);
}

const ORDINARY = [
  "Cán bộ một cửa yêu cầu nộp thêm giấy tờ không có trong quy định.",
  "Ông chủ tịch phường không tiếp dân vào ngày thứ Năm như đã niêm yết.",
  "Bà con trong tổ dân phố bức xúc vì cán bộ thiếu trách nhiệm.",
  "Anh ấy nói sẽ giải quyết nhưng sau đó không liên lạc lại.",
  "Chị em tiểu thương ở chợ bị thu phí cao hơn quy định.",
  "Ông bà tôi đã chờ cả buổi sáng.",
  "Có thể cán bộ chưa nắm rõ quy định mới.",
  "Cô ấy bảo hồ sơ thiếu nhưng không nói thiếu gì.",
  "Chú ý: bộ phận một cửa đóng cửa sớm mỗi chiều.",
  "Phó trưởng phòng Quản lý đô thị không ký vì sợ trách nhiệm.",
  "Sở Xây dựng trả lời rằng việc này thuộc thẩm quyền của phường.",
  "Trụ sở nằm trên phố Bà Triệu, quận Hai Bà Trưng cũ.",
  "Phường Hoàng Mai đã tổ chức đối thoại nhưng không giải quyết dứt điểm.",
  "Đoàn kiểm tra công vụ đã làm việc với UBND xã Bát Tràng.",
  "Anh chị em trong khu phố đều phản ánh việc thu tiền vệ sinh.",
  "Em bé nhà tôi chưa được cấp giấy khai sinh.",
  "Ông Phó chủ tịch xã không ký văn bản dù hồ sơ đã đủ.",
  "Thanh tra Sở đã kết luận có sai phạm nhưng chưa xử lý.",
  "Cán bộ tiếp dân có thái độ hách dịch, quát nạt người cao tuổi.",
  "Đường dây nóng 1022 đã chuyển đơn nhưng chưa có phản hồi.",
  "Quầy số 3 không có người trực trong giờ hành chính.",
];
const amount = fc
  .record({ millions: fc.integer({ min: 1, max: 999 }), unit: pick([" đồng", " đ", " triệu", " VNĐ"]) })
  .map(({ millions, unit }) => `Số tiền ${millions.toLocaleString("de-DE")}.000.000${unit} không có biên lai.`);
const date = fc
  .record({
    d: fc.integer({ min: 1, max: 28 }),
    m: fc.integer({ min: 1, max: 12 }),
    y: fc.integer({ min: 2019, max: 2026 }),
  })
  .map(({ d, m, y }) => `Hồ sơ nộp ngày ${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}.`);
const legal = fc
  .record({
    n: fc.integer({ min: 1, max: 9999 }),
    y: fc.integer({ min: 2015, max: 2026 }),
    kind: pick(["QĐ-UBND", "NĐ-CP", "TT-BNV"]),
  })
  .map(({ n, y, kind }) => `Theo văn bản số ${n}/${y}/${kind} thời hạn là 15 ngày.`);
const ordinary = fc
  .array(fc.oneof(pick(ORDINARY), amount, date, legal), { minLength: 1, maxLength: 4 })
  .chain((parts) => fc.boolean().map((strip) => (strip ? plain(parts.join(" ")) : parts.join(" "))));

describe("redaction properties", () => {
  it("no generated personal datum survives redaction", () => {
    fc.assert(
      fc.property(pick(CARRIERS), fc.array(datum, { minLength: 1, maxLength: 3 }), (carrier, data) => {
        const text = carrier.replace("{}", data.map((d) => d.surface).join(", ")).normalize("NFC");
        const redacted = applyRedactions(text, detectRedactions(text));
        for (const d of data) expect(survives(redacted, d), `${d.surface} survives in: ${redacted}`).toBe(false);
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });

  it("leaves ordinary report sentences alone, with or without diacritics", () => {
    fc.assert(
      fc.property(ordinary, (text) => {
        expect(detectRedactions(text.normalize("NFC")), text).toEqual([]);
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });

  it("gives in-bounds, sorted, disjoint marks; NFD input reads as NFC; redacting twice changes nothing", () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(pick(CARRIERS), datum).map(([c, d]) => c.replace("{}", d.surface)),
      ordinary,
    );
    fc.assert(
      fc.property(text, (raw) => {
        const nfc = raw.normalize("NFC");
        const marks = detectRedactions(nfc);
        marks.forEach((m, i) => {
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(nfc.length);
          expect(m.end).toBeGreaterThan(m.start);
          if (i > 0) expect(m.start).toBeGreaterThanOrEqual((marks[i - 1] as { end: number }).end);
        });
        expect(detectRedactions(raw.normalize("NFD").normalize("NFC"))).toEqual(marks);
        const once = applyRedactions(nfc, marks);
        expect(applyRedactions(once, detectRedactions(once))).toBe(once);
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });

  it("stays fast on long hostile input", () => {
    for (const text of [
      "0".repeat(20_000),
      "1 2 3 4 5 6 7 8 9 ".repeat(1_000),
      "a".repeat(20_000),
      "anh Anh ".repeat(2_000),
      "số 1 ngõ 2 ".repeat(1_500),
      `${"x.".repeat(8_000)}@`,
    ]) {
      const started = performance.now();
      detectRedactions(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(1_000);
    }
  });
});
