import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_EPOCH } from "../setup/test-epoch";
import { insertUnits } from "../support/fixtures";
import { fileReport } from "../support/reports";

beforeAll(async () => {
  await insertUnits(env.DB);
});

describe("the test clock", () => {
  it("the Worker stamps a report with the pinned test time, not the wall clock", async () => {
    const receipt = await fileReport();
    const received = Date.parse(receipt.receivedAt);
    expect(received).toBeGreaterThanOrEqual(TEST_EPOCH.getTime());
    expect(received - TEST_EPOCH.getTime()).toBeLessThan(10 * 60_000);
  });
});
