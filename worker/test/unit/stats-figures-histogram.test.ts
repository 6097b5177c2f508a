import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { median, medianOfHistogram } from "../../src/domain/stats";

describe("medianOfHistogram", () => {
  it("is null without items, and the middle item's days otherwise", () => {
    expect(medianOfHistogram([])).toBeNull();
    expect(medianOfHistogram([{ value: 3, count: 0 }])).toBeNull();
    expect(medianOfHistogram([{ value: 3, count: 1 }])).toBe(3);
    expect(
      medianOfHistogram([
        { value: 1, count: 2 },
        { value: 9, count: 1 },
      ]),
    ).toBe(1);
  });

  it("averages the two middle items for an even count, as median does", () => {
    expect(
      medianOfHistogram([
        { value: 2, count: 1 },
        { value: 1, count: 1 },
      ]),
    ).toBe(1.5);
    expect(
      medianOfHistogram([
        { value: 0, count: 3 },
        { value: 5, count: 3 },
      ]),
    ).toBe(2.5);
  });

  it("ignores bins whose count fell to zero or below", () => {
    expect(
      medianOfHistogram([
        { value: 7, count: -1 },
        { value: 2, count: 1 },
        { value: 9, count: 0 },
      ]),
    ).toBe(2);
  });

  it("equals median over the expanded list for any histogram", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: 0, max: 60 }), count: fc.integer({ min: 0, max: 7 }) }), {
          maxLength: 12,
        }),
        (bins) => {
          const expanded = bins.flatMap((b) => Array.from({ length: b.count }, () => b.value));
          expect(medianOfHistogram(bins)).toBe(median(expanded));
        },
      ),
    );
  });

  it("rejects impossible durations", () => {
    expect(() => medianOfHistogram([{ value: -1, count: 1 }])).toThrow(RangeError);
  });
});
