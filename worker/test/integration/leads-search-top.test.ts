import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type LeadQuery, LeadQuerySchema } from "../../src/contracts/leads";
import { createDb } from "../../src/db/client";
import type { Actor } from "../../src/db/queries/accounts";
import { type SearchTuning, searchLeads } from "../../src/db/queries/lead-search";
import { leadSearch } from "../../src/domain/lead-search";
import { fold } from "../../src/domain/text";
import { insertUnits } from "../support/fixtures";
import { createUnit, insertLead, listLeads, type Session, signIn } from "../support/leads";

/**
 * A word search ranks only its best reports first and counts up to a cap
 * (`SearchTuning`). These tests shrink both so a few rows cross them, and
 * hold the answers to those of the full ranking (topK 0, the query before).
 */

let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
});

const FULL: SearchTuning = { topK: 0, countCap: 1_000_000 };

function actorOf(session: Session): Actor {
  return { id: session.user.id, email: session.user.email, role: session.user.role, totpEnabled: false, unitId: null };
}

/** A report straight into D1 (the FTS triggers index it), on a lead of its own unless `leadId` is given. */
async function insertReport(options: {
  unitId: string;
  description: string;
  leadId?: string;
  priority?: number;
  status?: string;
}): Promise<string> {
  const leadId =
    options.leadId ??
    (await insertLead({ unitId: options.unitId, priority: options.priority ?? 1, status: options.status }));
  const at = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, procedure,
       official_hint, reporter_kind, lead_id, description_folded, procedure_key, official_key, received_at, updated_at)
     VALUES (?, ?, ?, 'anonymous', ?, 'harassment', ?, NULL, NULL, 'citizen', ?, ?, NULL, NULL, ?, ?)`,
  )
    .bind(
      crypto.randomUUID(),
      `PA-${crypto.randomUUID().slice(0, 4).toUpperCase()}-${crypto.randomUUID().slice(0, 4).toUpperCase()}`,
      "0".repeat(64),
      options.unitId,
      options.description,
      leadId,
      fold(options.description),
      at,
      at,
    )
    .run();
  return leadId;
}

function word(): string {
  return `tk${crypto
    .randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 10)}`;
}

async function run(session: Session, q: string, query: Record<string, unknown>, tuning: SearchTuning) {
  const parsed: LeadQuery = LeadQuerySchema.parse({ q, ...query });
  const search = leadSearch(q);
  if (!search) throw new Error("no search");
  return searchLeads(createDb(env.DB), actorOf(session), parsed, search, tuning);
}

/** Every page of a search, following the cursor, as the list of pages. */
async function pages(session: Session, q: string, query: Record<string, unknown>, tuning: SearchTuning) {
  const all = [];
  let cursor: string | null = null;
  do {
    const page = await run(session, q, { ...query, ...(cursor ? { cursor } : {}) }, tuning);
    all.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

describe("a word search over its best reports", () => {
  it("gives the full ranking's pages, with filters, recusal and leads of several reports", async () => {
    const ward = await createUnit({ name: "Phường Phúc Xá" });
    const other = await createUnit({ name: "Phường Trúc Bạch" });
    const tied = await signIn("inspector", { ties: [ward.id] });
    const tag = word();
    for (let i = 0; i < 24; i++) {
      // Four relevance levels (how often the word occurs, how long the text), ties of priority.
      const text = `${`${tag} `.repeat(1 + (i % 4))} báo cáo số ${i}${" thêm".repeat(i % 5)}`;
      const leadId = await insertReport({
        unitId: i % 3 === 0 ? ward.id : other.id,
        priority: i % 4,
        status: i % 5 === 0 ? "dismissed" : undefined,
        description: text,
      });
      // Some leads hold a second, weaker or stronger, report.
      if (i % 6 === 1)
        await insertReport({ unitId: other.id, leadId, description: `${tag} ${tag} ${tag} ${tag} ${tag}` });
    }
    await insertReport({ unitId: other.id, description: `không liên quan ${word()}` });
    const cases: [Session, Record<string, unknown>][] = [
      [inspector, { limit: 5 }],
      [inspector, { limit: 1 }],
      [inspector, { limit: 25 }],
      [inspector, { limit: 4, status: "dismissed" }],
      [inspector, { limit: 3, unitId: ward.id }],
      [tied, { limit: 5 }],
      [tied, { limit: 2, unitId: ward.id }],
    ];
    for (const [session, query] of cases) {
      const expected = await pages(session, tag, query, FULL);
      expect(expected[0]?.total).toBeGreaterThanOrEqual(0);
      for (const topK of [1, 2, 3, 7, 12, 40, 1000]) {
        const got = await pages(session, tag, query, { topK, countCap: 1_000_000 });
        expect(got, JSON.stringify({ query, topK })).toEqual(expected);
      }
    }
    // Recusal: the tied inspector sees none of the ward's leads, in the pages or the count.
    const tiedAll = (await pages(tied, tag, { limit: 100 }, { topK: 3, countCap: 1_000_000 })).flatMap((p) => p.items);
    expect(tiedAll.some((l) => l.unitId === ward.id)).toBe(false);
    expect((await run(tied, tag, {}, { topK: 3, countCap: 1_000_000 })).total).toBe(tiedAll.length);
    // Several words, one absent: nothing, whatever the top.
    expect(await run(inspector, `${tag} ${word()}`, {}, { topK: 2, countCap: 10 })).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
  });

  it("counts up to the cap, then says there are more", async () => {
    const unit = await createUnit({ name: "Phường Cửa Đông" });
    const tag = word();
    for (let i = 0; i < 12; i++) await insertReport({ unitId: unit.id, description: `${tag} lần ${i}` });
    const full = await run(inspector, tag, {}, FULL);
    expect(full.total).toBe(12);
    expect(full.totalCapped).toBeUndefined();
    const capped = await run(inspector, tag, {}, { topK: 1000, countCap: 10 });
    expect(capped.total).toBe(10);
    expect(capped.totalCapped).toBe(true);
    expect(capped.items).toEqual(full.items);
    expect(capped.nextCursor).toBe(full.nextCursor);
    const exact = await run(inspector, tag, {}, { topK: 1000, countCap: 12 });
    expect(exact).toEqual(full);
    // One lead holding many reports counts once.
    const single = word();
    const leadId = await insertReport({ unitId: unit.id, description: `${single} một` });
    for (let i = 0; i < 11; i++) await insertReport({ unitId: unit.id, leadId, description: `${single} ${i}` });
    expect(await run(inspector, single, {}, { topK: 3, countCap: 10 })).toMatchObject({ total: 1, nextCursor: null });
  });

  it("answers over HTTP with the default tuning, total and no cap on a few rows", async () => {
    const unit = await createUnit({ name: "Phường Đồng Xuân" });
    const tag = word();
    for (let i = 0; i < 3; i++) await insertReport({ unitId: unit.id, priority: i, description: `${tag} ${i}` });
    const list = await listLeads(inspector.cookie, { q: tag });
    expect(list.total).toBe(3);
    expect(list.totalCapped).toBeUndefined();
    expect(list.items.map((l) => l.priority)).toEqual([2, 1, 0]);
  });
});
