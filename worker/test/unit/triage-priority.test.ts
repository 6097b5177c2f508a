import { describe, expect, it } from "vitest";
import {
  AGE_AT_DUE,
  AGE_CAP,
  computePriority,
  type LeadSnapshot,
  PRIORITY_FACTORS,
} from "../../src/domain/triage/priority";

const OPENED = "2025-06-02T02:00:00.000Z";
const DUE = "2025-06-09T17:00:00.000Z";
const base: LeadSnapshot = {
  severity: 3,
  reportCount: 1,
  independentReports: 1,
  evidenceCount: 0,
  businessHarm: false,
  unitFindingsLast12Months: 0,
  openedAt: OPENED,
  dueAt: DUE,
};
const factor = (snapshot: Partial<LeadSnapshot>, name: string, now = new Date(OPENED)) =>
  computePriority({ ...base, ...snapshot }, now).factors.find((f) => f.name === name)?.value;

describe("computePriority", () => {
  it("lists every factor, in a fixed order, and the total is their sum", () => {
    const priority = computePriority(
      { ...base, independentReports: 3, evidenceCount: 2, businessHarm: true, unitFindingsLast12Months: 1 },
      new Date("2025-06-12T05:00:00Z"),
    );
    expect(priority.factors.map((f) => f.name)).toEqual([...PRIORITY_FACTORS]);
    const sum = priority.factors.reduce((s, f) => s + f.value, 0);
    expect(priority.total).toBeCloseTo(sum, 10);
    expect(Number.isInteger(priority.total * 100)).toBe(true);
  });

  it("weighs severity ten points a level", () => {
    expect(factor({ severity: 1 }, "severity")).toBe(10);
    expect(factor({ severity: 5 }, "severity")).toBe(50);
  });

  it("counts independent reports with diminishing returns", () => {
    expect(factor({ independentReports: 1 }, "reports")).toBe(0);
    expect(factor({ independentReports: 2 }, "reports")).toBe(10);
    expect(factor({ independentReports: 3 }, "reports")).toBe(15.85);
    expect(factor({ independentReports: 4 }, "reports")).toBe(20);
    expect(factor({ independentReports: 0 }, "reports")).toBe(0);
  });

  it("rewards evidence, capped", () => {
    expect(factor({ evidenceCount: 0 }, "evidence")).toBe(0);
    expect(factor({ evidenceCount: 1 }, "evidence")).toBe(5);
    expect(factor({ evidenceCount: 3 }, "evidence")).toBe(10);
    expect(factor({ evidenceCount: 50 }, "evidence")).toBe(10);
  });

  it("adds business harm and the unit's record of substantiated findings", () => {
    expect(factor({ businessHarm: true }, "business_harm")).toBe(8);
    expect(factor({ businessHarm: false }, "business_harm")).toBe(0);
    expect(factor({ unitFindingsLast12Months: 0 }, "repeat_unit")).toBe(0);
    expect(factor({ unitFindingsLast12Months: 1 }, "repeat_unit")).toBe(5);
    expect(factor({ unitFindingsLast12Months: 3 }, "repeat_unit")).toBe(10);
    expect(factor({ unitFindingsLast12Months: 100 }, "repeat_unit")).toBe(15);
  });

  it("grows with age towards the deadline and faster once overdue, up to a cap", () => {
    const halfway = new Date((Date.parse(OPENED) + Date.parse(DUE)) / 2);
    expect(factor({}, "age", new Date(OPENED))).toBe(0);
    expect(factor({}, "age", halfway)).toBe(AGE_AT_DUE / 2);
    expect(factor({}, "age", new Date(DUE))).toBe(AGE_AT_DUE);
    expect(factor({}, "age", new Date(Date.parse(DUE) + 3 * 86_400_000))).toBe(AGE_AT_DUE + 6);
    expect(factor({}, "age", new Date(Date.parse(DUE) + 365 * 86_400_000))).toBe(AGE_CAP);
  });

  it("is a pure function of the snapshot and the time", () => {
    const now = new Date("2025-06-20T00:00:00Z");
    expect(computePriority(base, now)).toEqual(computePriority({ ...base }, new Date(now)));
    expect(computePriority(base, new Date("2025-06-21T00:00:00Z")).total).toBeGreaterThan(
      computePriority(base, now).total,
    );
  });

  it("ranks three corroborated bribe reports above a lone rudeness complaint, however old", () => {
    const bribe = computePriority({ ...base, severity: 5, independentReports: 3 }, new Date(OPENED));
    const rude = computePriority({ ...base, severity: 1 }, new Date("2026-06-01T00:00:00Z"));
    expect(bribe.total).toBeGreaterThan(rude.total);
  });
});
