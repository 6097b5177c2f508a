import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import type { Lang } from "../../src/env";
import { ApiError, ERROR_CODES } from "../../src/http/errors";
import { STATS_MESSAGES } from "../../src/i18n/stats";
import type { ServiceContext } from "../../src/services/context";
import { publicStats } from "../../src/services/stats/public-stats";
import { insertUnits } from "../support/fixtures";

/**
 * The statistics service called directly: its period checks and the unknown
 * unit are the API's problems, in the context's language, and its "now"
 * (the default period) is the context's, not the wall clock's.
 */

beforeAll(async () => {
  await insertUnits(env.DB);
});

function contextOf(lang: Lang, now = new Date()): ServiceContext {
  return { db: createDb(env.DB), env, lang, now };
}

async function failure(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe.each(["vi", "en"] as const)("publicStats in %s", (lang) => {
  it("an unknown unit is 404 with the localised detail", async () => {
    const error = await failure(publicStats(contextOf(lang), { groupBy: "category", unit: "khong-co" }));
    expect(error.code).toBe("not_found");
    expect(error.status).toBe(ERROR_CODES.not_found.status);
    expect(error.options.detail).toBe(STATS_MESSAGES.unknown_unit[lang]);
  });

  it("`to` before `from` is 422 at /to", async () => {
    const error = await failure(
      publicStats(contextOf(lang), { groupBy: "month", from: "2026-05-01", to: "2026-04-30" }),
    );
    expect(error.code).toBe("validation_failed");
    expect(error.options.errors).toEqual([{ pointer: "/to", message: STATS_MESSAGES.to_before_from[lang] }]);
  });

  it("a period over 120 months is 422 at /from, counted up to the context's now when `to` is left out", async () => {
    const long = await failure(
      publicStats(contextOf(lang), { groupBy: "month", from: "2010-01-01", to: "2020-01-31" }),
    );
    expect(long.code).toBe("validation_failed");
    expect(long.options.errors).toEqual([{ pointer: "/from", message: STATS_MESSAGES.period_too_long[lang] }]);
    // June 2016 to June 2026 is 121 months; to May 2026, 120
    const june = await failure(
      publicStats(contextOf(lang, new Date("2026-06-15T05:00:00Z")), { groupBy: "month", from: "2016-06-01" }),
    );
    expect(june.options.errors).toEqual([{ pointer: "/from", message: STATS_MESSAGES.period_too_long[lang] }]);
    const may = await publicStats(contextOf(lang, new Date("2026-05-15T05:00:00Z")), {
      groupBy: "month",
      from: "2016-06-01",
    });
    expect(may.groups).toHaveLength(120);
  });

  it("the default period is the twelve Hanoi months up to the context's now", async () => {
    const stats = await publicStats(contextOf(lang, new Date("2026-01-31T18:00:00Z")), { groupBy: "month" });
    // 01:00 on 1 February in Hanoi
    expect(stats.from).toBe("2025-03-01");
    expect(stats.to).toBe("2026-02-28");
    expect(stats.generatedAt).toBe("2026-01-31T18:00:00.000Z");
    expect(stats.groups).toHaveLength(12);
  });
});
