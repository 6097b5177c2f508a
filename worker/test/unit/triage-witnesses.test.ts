import { describe, expect, it } from "vitest";
import { computePriority } from "../../src/domain/triage/priority";
import { textSimilarity } from "../../src/domain/triage/similarity";
import { countWitnesses, NEAR_IDENTICAL_THRESHOLD, type Witness } from "../../src/domain/triage/witnesses";

const BRIBE = "Cán bộ địa chính phường Đống Đa đòi 2 triệu đồng 'bồi dưỡng' mới nhận hồ sơ cấp sổ đỏ của gia đình tôi.";
const SAME_STORY =
  "Tôi nộp hồ sơ xin cấp sổ đỏ tại phường Đống Đa, cán bộ địa chính gợi ý phải có 2 triệu tiền bồi dưỡng thì mới nhận hồ sơ.";
const OTHER = "Đi lại bốn lần vẫn chưa được trả kết quả cấp phép xây dựng, cán bộ hẹn lần sau mà không nói lý do.";

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 2)).toISOString();
const w = (key: string | null, day: number, text: string): Witness => ({ key, receivedAt: at(day), text });

describe("countWitnesses", () => {
  it("counts one client's three copies of a complaint as one witness", () => {
    expect(countWitnesses([w("a", 1, BRIBE), w("a", 2, BRIBE), w("a", 3, BRIBE)])).toBe(1);
  });

  it("counts one client as one witness whatever the wording, within the clustering window", () => {
    expect(countWitnesses([w("a", 1, BRIBE), w("a", 5, OTHER), w("b", 6, SAME_STORY)])).toBe(2);
  });

  it("counts the same client again after the clustering window (90 days)", () => {
    expect(countWitnesses([w("a", 1, BRIBE), w("a", 100, OTHER)])).toBe(2);
  });

  it("counts near-identical texts from different clients once, and two wordings of one story twice", () => {
    const copy = `${BRIBE} `.replace("gia đình tôi", "gia đình chúng tôi");
    expect(textSimilarity(BRIBE, copy)).toBeGreaterThanOrEqual(NEAR_IDENTICAL_THRESHOLD);
    expect(textSimilarity(BRIBE, SAME_STORY)).toBeLessThan(NEAR_IDENTICAL_THRESHOLD);
    expect(countWitnesses([w("a", 1, BRIBE), w("b", 2, copy)])).toBe(1);
    expect(countWitnesses([w("a", 1, BRIBE), w("b", 2, SAME_STORY)])).toBe(2);
  });

  it("treats reports without a key as independent unless their text is a copy", () => {
    expect(countWitnesses([w(null, 1, BRIBE), w(null, 2, OTHER), w(null, 3, SAME_STORY)])).toBe(3);
    expect(countWitnesses([w(null, 1, BRIBE), w(null, 2, BRIBE)])).toBe(1);
  });

  it("is transitive and does not depend on the order of the reports", () => {
    const reports = [w("a", 1, BRIBE), w("b", 2, OTHER), w("a", 3, OTHER), w("c", 4, SAME_STORY)];
    expect(countWitnesses(reports)).toBe(2);
    expect(countWitnesses([...reports].reverse())).toBe(2);
  });

  it("counts no reports as none and one as one", () => {
    expect(countWitnesses([])).toBe(0);
    expect(countWitnesses([w("a", 1, "")])).toBe(1);
  });
});

describe("the reports factor", () => {
  it("scores independent witnesses and says how many reports it counted", () => {
    const priority = computePriority(
      {
        severity: 5,
        reportCount: 3,
        independentReports: 2,
        evidenceCount: 0,
        businessHarm: false,
        unitFindingsLast12Months: 0,
        openedAt: at(1),
        dueAt: at(10),
      },
      new Date(at(1)),
    );
    expect(priority.factors.find((f) => f.name === "reports")).toEqual({
      name: "reports",
      value: 10,
      detail: { reports: 3, independent: 2 },
    });
  });
});
