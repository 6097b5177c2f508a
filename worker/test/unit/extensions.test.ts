import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR } from "../../src/domain/calendar";
import { dueDateOf, endOfHanoiDay, extensionNote, planExtension } from "../../src/domain/extensions";

const now = new Date("2026-02-10T03:00:00Z"); // Tuesday 10/2/2026, 10:00 in Hanoi

describe("planExtension", () => {
  it("adds working days to the current deadline, skipping Tết", () => {
    expect(planExtension("2026-02-13", { workingDays: 2 }, now, DEFAULT_CALENDAR)).toEqual({
      ok: true,
      previousDueOn: "2026-02-13",
      newDueOn: "2026-02-24",
      workingDays: 2,
    });
  });

  it("counts from today when the deadline has passed", () => {
    const plan = planExtension("2026-02-02", { workingDays: 1 }, now, DEFAULT_CALENDAR);
    expect(plan).toMatchObject({ ok: true, newDueOn: "2026-02-11" });
  });

  it("accepts a later working day and refuses weekends, holidays, earlier dates, neither and both", () => {
    expect(planExtension("2026-02-13", { dueOn: "2026-02-23" }, now, DEFAULT_CALENDAR)).toMatchObject({
      ok: true,
      newDueOn: "2026-02-23",
      workingDays: null,
    });
    const detail = (request: { dueOn?: string; workingDays?: number }) => {
      const plan = planExtension("2026-02-13", request, now, DEFAULT_CALENDAR);
      return plan.ok ? "ok" : `${plan.detail} ${plan.pointers.join(",")}`;
    };
    expect(detail({ dueOn: "2026-02-28" })).toBe("extension_not_working_day /dueOn");
    expect(detail({ dueOn: "2026-02-17" })).toBe("extension_not_working_day /dueOn");
    expect(detail({ dueOn: "2026-02-13" })).toBe("extension_not_later /dueOn");
    expect(detail({ dueOn: "2026-02-12" })).toBe("extension_not_later /dueOn");
    expect(detail({})).toBe("extension_one_of /dueOn");
    expect(detail({ dueOn: "2026-02-23", workingDays: 1 })).toBe("extension_one_of /dueOn");
  });
});

describe("deadline days and instants", () => {
  it("maps a due instant to its last day and back", () => {
    expect(dueDateOf("2026-02-09T17:00:00.000Z")).toBe("2026-02-09");
    expect(endOfHanoiDay("2026-02-24")).toBe("2026-02-24T17:00:00.000Z");
    expect(dueDateOf(endOfHanoiDay("2026-12-31"))).toBe("2026-12-31");
  });

  it("writes the reporter's note with the date as dd/mm/yyyy", () => {
    expect(extensionNote("2026-02-24")).toBe("Thời hạn xử lý được gia hạn đến 24/02/2026");
  });
});
