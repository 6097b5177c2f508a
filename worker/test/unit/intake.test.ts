import { describe, expect, it } from "vitest";
import { earliestReceivedOn, intakeDateProblems, receivedInstant } from "../../src/domain/intake";

/** 23:30 on 31 December 2026 in Hanoi is still 2026 there, already past 16:00 UTC. */
const LATE_EVENING = new Date("2026-12-31T16:30:00Z");

describe("the day a report was received", () => {
  it("is a Hanoi date: today in Hanoi is the last day allowed, tomorrow is the future", () => {
    expect(intakeDateProblems({ receivedOn: "2026-12-31" }, LATE_EVENING)).toEqual([]);
    expect(intakeDateProblems({ receivedOn: "2027-01-01" }, LATE_EVENING)).toEqual([
      { pointer: "/receivedOn", key: "received_future" },
    ]);
    // at 06:00 in Hanoi on 1 January it is still 31 December in UTC, but 1 January is today
    expect(intakeDateProblems({ receivedOn: "2027-01-01" }, new Date("2026-12-31T23:00:00Z"))).toEqual([]);
  });

  it("goes back at most a year, counted on the Hanoi calendar (29 February included)", () => {
    expect(earliestReceivedOn(LATE_EVENING)).toBe("2025-12-31");
    expect(earliestReceivedOn(new Date("2028-02-29T03:00:00Z"))).toBe("2027-03-01");
    expect(intakeDateProblems({ receivedOn: "2025-12-30" }, LATE_EVENING)).toEqual([
      { pointer: "/receivedOn", key: "received_too_old" },
    ]);
  });

  it("comes after the day it happened", () => {
    expect(intakeDateProblems({ receivedOn: "2026-12-01", occurredOn: "2026-12-02" }, LATE_EVENING)).toEqual([
      { pointer: "/occurredOn", key: "occurred_after_received" },
    ]);
    expect(intakeDateProblems({ receivedOn: "2026-12-01", occurredOn: "2026-12-01" }, LATE_EVENING)).toEqual([]);
  });

  it("counts from the start of that day in Hanoi, or from now when it is today", () => {
    expect(receivedInstant("2026-12-01", LATE_EVENING)).toBe("2026-11-30T17:00:00.000Z");
    expect(receivedInstant("2026-12-31", LATE_EVENING)).toBe(LATE_EVENING.toISOString());
  });
});
