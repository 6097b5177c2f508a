import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_LABELS, CHANNELS } from "../../src/contracts/channels";
import { StatsResponseSchema } from "../../src/contracts/stats";
import { createDb } from "../../src/db/client";
import type { Lang } from "../../src/env";
import { publicStats } from "../../src/services/stats/public-stats";
import { insertUnits } from "../support/fixtures";
import { call, createUnit, fileAbout, type Session, signIn } from "../support/leads";
import { reportBody } from "../support/reports";

/**
 * Reports by channel in the public statistics (issue 11): counted in the
 * month each report was received (not the month staff entered it), from the
 * rollups, with the small-cell suppression of every other cell. The clock is
 * pinned in June 2026.
 */

let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
  const units = [(await createUnit()).id, (await createUnit({ name: "Sở Tài chính", kind: "department" })).id];
  const enter = async (channel: string, receivedOn: string, unitId: string) => {
    const res = await call(inspector.cookie, "/api/intake/reports", {
      method: "POST",
      body: { ...reportBody({ unitId }), channel, receivedOn },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  };
  for (let i = 0; i < 6; i++) await fileAbout(units[i % 2] as string);
  for (let i = 0; i < 5; i++) await enter("hotline", `2026-06-0${i + 1}`, units[i % 2] as string);
  await enter("post", "2026-05-20", units[0] as string);
  await enter("post", "2026-05-21", units[1] as string);
});

async function byChannel(from: string, to: string, lang: Lang = "vi") {
  const stats = StatsResponseSchema.parse(
    await publicStats({ db: createDb(env.DB), env, lang, now: new Date() }, { from, to, groupBy: "month" }),
  );
  return { totals: stats.totals, channels: stats.headline?.reportsByChannel ?? [] };
}

const shown = (channels: Awaited<ReturnType<typeof byChannel>>["channels"]) =>
  Object.fromEntries(channels.map((c) => [c.code, c.reports]));

describe("reports by channel", () => {
  it("lists every channel of the contract with its label, in the month received", async () => {
    const june = await byChannel("2026-06-01", "2026-06-30");
    expect(june.totals.reports).toBe(11);
    expect(june.channels.map((c) => c.code)).toEqual([...CHANNELS]);
    expect(june.channels.map((c) => c.label)).toEqual(CHANNELS.map((c) => CHANNEL_LABELS[c].vi));
    expect(shown(june.channels)).toEqual({
      web: 6,
      hotline: 5,
      post: 0,
      in_person: 0,
      email: 0,
      forwarded_agency: 0,
      other_portal: 0,
      open311: 0,
    });
    expect(june.channels.every((c) => !c.suppressed)).toBe(true);
    const en = await byChannel("2026-06-01", "2026-06-30", "en");
    expect(en.channels.find((c) => c.code === "hotline")?.label).toBe("1022 hotline");
  });

  it("suppresses a channel under K, alone in its period", async () => {
    const may = await byChannel("2026-05-01", "2026-05-31");
    expect(may.totals.reports).toBe(2);
    expect(may.channels.find((c) => c.code === "post")).toMatchObject({ reports: null, suppressed: true });
    expect(may.channels.find((c) => c.code === "web")).toMatchObject({ reports: 0, suppressed: false });
  });

  it("suppresses a channel under K and its complement, so the total gives neither away", async () => {
    const year = await byChannel("2025-07-01", "2026-06-30");
    expect(year.totals.reports).toBe(13);
    expect(shown(year.channels)).toMatchObject({ web: 6, hotline: null, post: null, email: 0 });
  });
});
