// SAMPLE DATA, local only: about 600 invented reports over the last two years,
// stored the way the Worker stores real ones (hashed secret, contact details
// sealed with AES-GCM under CONTACT_KEY), so the local site has something to
// show. Deterministic: the same seed gives the same reports, codes and
// secrets on every machine. leads.ts places them into leads.
import { createHash } from "node:crypto";
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { FindingOutcome } from "../../worker/src/contracts/inspections.ts";
import type { Contact, ReporterKind, ReportStatus, Track } from "../../worker/src/contracts/reports.ts";
import { loadedDomain } from "../lib/domain.ts";
import { base32, sealContact, trackingCode, uuid } from "./report-codes.ts";
import { EXTRAS, fakeName, type ReportTemplate, TEMPLATES } from "./report-templates.ts";
import type { IsoDate, IsoInstant } from "./rows.ts";
import { type LeadFate, SCRIPTED } from "./scripted-reports.ts";
import { createRng, insertOrIgnore, type Rng, sqlRow } from "./sql.ts";
import { type SampleUnit, TWO_TIER_DATE, UNITS, unitById, unitValidOn } from "./units.ts";

export type { LeadFate } from "./scripted-reports.ts";

/** An invented report as `sampleReports` makes it: the fields a reporter files and the receipt. */
export interface SampleReport {
  id: string;
  trackingCode: string;
  /** The receipt secret, kept to print the demo receipt; only its hash is stored. */
  secret: string;
  secretHash: string;
  track: Track;
  unitId: string;
  reporterKind: ReporterKind;
  contactIv: string | null;
  contactCiphertext: string | null;
  receivedAt: IsoInstant;
  categoryCode: CategoryCode;
  description: string;
  occurredOn: IsoDate | null;
  procedure: string | null;
  officialHint: string | null;
  /** The fate of the lead it opens, when scripted. */
  fate: LeadFate | undefined;
}

/** A reporter-visible timeline entry, `at` in ms. */
export interface SampleReportEvent {
  at: number;
  status: ReportStatus;
  note: string | null;
}

/** A message on the follow page, `at` in ms. */
export interface SampleMessage {
  sender: "reporter" | "inspector";
  author_user_id: string | null;
  body: string;
  at: number;
}

/**
 * A sample report once placed into a lead (leads.ts: the triage columns and
 * `leadId`) and given its history (timeline, messages, status; inspections.ts
 * adds the outcome of a concluded lead): everything `reportInsert` writes.
 */
export interface SeededReport extends SampleReport {
  suggestedCategory: CategoryCode | null;
  severity: number;
  eligible: boolean;
  descriptionFolded: string;
  procedureKey: string | null;
  officialKey: string | null;
  leadId: string;
  events: SampleReportEvent[];
  messages: SampleMessage[];
  status: ReportStatus;
  outcome?: FindingOutcome;
  outcomeSummary?: string;
  updatedAt: IsoInstant;
}

/** What `sampleReports` returns besides the reports: the demo receipt. */
export interface DemoReceipt {
  trackingCode: string;
  secret: string;
  unitName: string;
}

const DAY_MS = 86_400_000;

/**
 * Units no random report goes to. Xã Bát Tràng gets exactly its three
 * scripted reports, so the public statistics show a unit whose figures are
 * suppressed (fewer than K = 5 reports); the other two stay without open
 * leads for the browser tests, which file their own reports about a quiet unit.
 */
export const SCRIPTED_ONLY_UNITS = new Set(["xa-bat-trang", "phuong-khuong-dinh", "phuong-hoang-mai"]);

const LOCAL = UNITS.filter((u) => (u.kind === "ward" || u.kind === "commune") && !SCRIPTED_ONLY_UNITS.has(u.id));
const LOCAL_CENTERS = UNITS.filter((u) => u.kind === "agency" && LOCAL.some((l) => l.id === u.parentId));

/** Units a template's `units` entry stands for on `day`. */
function candidatesOn(entry: string, day: IsoDate): SampleUnit[] {
  if (entry === "local") return LOCAL.filter((u) => unitValidOn(u, day));
  if (entry === "local-center") return LOCAL_CENTERS.filter((u) => unitValidOn(u, day));
  const [current, former] = entry.split("|").map((id) => unitById(id));
  if (former && unitValidOn(former, day)) return [former];
  return current && unitValidOn(current, day) ? [current] : [];
}

/**
 * Busier and quieter wards: the n-th ward or commune of the directory is
 * drawn with weight 1/√(n+1), so a few pass the ranking threshold (N = 10
 * cases) and many stay small, as in a real city.
 */
const LOCAL_WEIGHT = new Map(
  [...LOCAL, ...LOCAL_CENTERS].map((u) => [u.id, 1 / Math.sqrt(LOCAL.indexOf(u) + LOCAL_CENTERS.indexOf(u) + 2)]),
);

/**
 * A unit for a template on `day`: one of its `units` entries first (so a
 * city department named by a template is as likely as "any ward"), then a
 * unit within the entry. Undefined when none existed on that day.
 */
function pickUnit(rng: Rng, template: ReportTemplate, day: IsoDate): SampleUnit | undefined {
  const entries = template.units.map((entry) => candidatesOn(entry, day)).filter((units) => units.length > 0);
  if (entries.length === 0) return undefined;
  const units = rng.pick(entries);
  if (units.length === 1) return units[0];
  const chosen = rng.weighted(Object.fromEntries(units.map((u) => [u.id, LOCAL_WEIGHT.get(u.id) ?? 1])));
  return units.find((u) => u.id === chosen);
}

/**
 * Age in days of a random report: a tenth in the last six weeks (recent work
 * for the queue), the rest over two years with a density growing towards
 * today (the portal becoming known), so the monthly trend rises.
 */
function randomAgeDays(rng: Rng): number {
  if (rng.chance(0.1)) return rng.int(1, 45);
  return 1 + Math.floor(728 * (1 - Math.sqrt(rng.next())));
}

/**
 * About 600 invented reports received in the two years before `now` (a tenth
 * of them in the last six weeks, so the queue has recent work), plus the
 * scripted ones above, as plain objects: statuses, timelines and messages
 * follow the leads they join (see leads.ts). The first report is the demo
 * receipt: its lead waits for the reporter's answer to a question.
 */
export async function sampleReports({
  contactKey,
  now = new Date(),
  count = 600,
  seed = 20250701,
}: {
  contactKey: string;
  now?: Date;
  count?: number;
  seed?: number;
}): Promise<{ reports: SampleReport[]; demo: DemoReceipt | undefined }> {
  const rng = createRng(seed);
  const codes = new Set<string>();
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const reports: SampleReport[] = [];
  let demo: DemoReceipt | undefined;

  const base = async ({
    id,
    unitId,
    receivedMs,
    reporterKind,
    track,
  }: Pick<SampleReport, "id" | "unitId" | "reporterKind" | "track"> & { receivedMs: number }) => {
    let code = trackingCode(rng);
    while (codes.has(code)) code = trackingCode(rng);
    codes.add(code);
    const secret = base32(rng.bytes(20));
    let sealed: { iv: string | null; ciphertext: string | null } = { iv: null, ciphertext: null };
    if (track === "named") {
      const contact: Contact = { name: fakeName(rng) };
      if (rng.chance(0.7)) contact.email = `nguoidan${rng.int(100, 999)}@example.com`;
      if (!contact.email || rng.chance(0.5)) contact.phone = `09${rng.int(10_000_000, 99_999_999)}`;
      sealed = await sealContact(contactKey, contact, id);
    }
    return {
      id,
      trackingCode: code,
      secret,
      secretHash: createHash("sha256").update(secret).digest("hex"),
      track,
      unitId,
      reporterKind,
      contactIv: sealed.iv,
      contactCiphertext: sealed.ciphertext,
      receivedAt: new Date(receivedMs).toISOString(),
    };
  };

  for (let index = 0; index < count; index++) {
    const isDemo = index === 0;
    const template = (isDemo ? TEMPLATES[1] : TEMPLATES[index % TEMPLATES.length]) as ReportTemplate;
    let ageDays = isDemo ? 12 : randomAgeDays(rng);
    let day = new Date(today.getTime() - ageDays * DAY_MS).toISOString().slice(0, 10);
    let unit = pickUnit(rng, template, day);
    if (!unit) {
      // Only wards since the 2025 reform can receive this one: move it after.
      const sinceReform = Math.floor((today.getTime() - Date.parse(TWO_TIER_DATE)) / DAY_MS);
      ageDays = rng.int(1, Math.max(1, sinceReform - 1));
      day = new Date(today.getTime() - ageDays * DAY_MS).toISOString().slice(0, 10);
      unit = pickUnit(rng, template, day);
    }
    const receivedMs = today.getTime() - ageDays * DAY_MS + rng.int(0, 15 * 60) * 60_000;
    let description = template.text(rng);
    while (description.length < 420 && rng.chance(0.3)) description += ` ${rng.pick(EXTRAS)}`;
    if (description.length < 20 || description.length > 600) {
      throw new Error(`Sample description out of range (${description.length}): ${description}`);
    }
    const id = uuid(rng);
    if (!unit) throw new Error(`No sample unit for a ${template.category} report on ${day}`);
    const track = isDemo ? "anonymous" : rng.chance(0.35) ? "named" : "anonymous";
    const reporterKind = template.kind ?? rng.weighted({ citizen: 8, business: 1, organization: 1 });
    const report = await base({ id, unitId: unit.id, receivedMs, reporterKind, track });
    reports.push({
      ...report,
      categoryCode: template.category,
      description,
      occurredOn: rng.chance(0.7)
        ? new Date(receivedMs - rng.int(0, 45) * DAY_MS + 7 * 3600_000).toISOString().slice(0, 10)
        : null,
      procedure: template.procedure && rng.chance(0.8) ? rng.pick(template.procedure) : null,
      officialHint: template.hints && rng.chance(0.6) ? rng.pick(template.hints) : null,
      fate: isDemo ? "info_requested" : undefined,
    });
    if (isDemo) demo = { trackingCode: report.trackingCode, secret: report.secret, unitName: unit.name };
  }

  for (const scripted of SCRIPTED) {
    unitById(scripted.unitId);
    const receivedMs = today.getTime() - scripted.ageDays * DAY_MS + rng.int(60, 9 * 60) * 60_000;
    const report = await base({
      id: uuid(rng),
      unitId: scripted.unitId,
      receivedMs,
      reporterKind: "citizen",
      track: "anonymous",
    });
    reports.push({
      ...report,
      categoryCode: scripted.category,
      description: scripted.text,
      occurredOn: new Date(receivedMs - DAY_MS).toISOString().slice(0, 10),
      procedure: scripted.procedure,
      officialHint: scripted.hint,
      fate: scripted.fate,
    });
  }
  return { reports, demo };
}

/**
 * The INSERT of a report row: the row the filing service writes
 * (`reportRecord`, with its triage columns and reporter-visible status at
 * filing), then what its lead's history set since (status, outcome, last change).
 */
export function reportInsert(report: SeededReport): string {
  const { rows } = loadedDomain();
  const contact =
    report.contactIv && report.contactCiphertext
      ? { iv: report.contactIv, ciphertext: report.contactCiphertext }
      : undefined;
  return insertOrIgnore("reports", {
    ...sqlRow(
      rows.reportRecord({
        id: report.id,
        trackingCode: report.trackingCode,
        secretHash: report.secretHash,
        track: report.track,
        unitId: report.unitId,
        categoryCode: report.categoryCode,
        description: report.description,
        occurredOn: report.occurredOn ?? undefined,
        procedure: report.procedure ?? undefined,
        officialHint: report.officialHint ?? undefined,
        reporterKind: report.reporterKind,
        contact,
        receivedAt: report.receivedAt,
        triage: {
          leadId: report.leadId,
          suggestedCategory: report.suggestedCategory,
          severity: report.severity,
          eligible: report.eligible,
          descriptionFolded: report.descriptionFolded,
          procedureKey: report.procedureKey,
          officialKey: report.officialKey,
        },
      }),
    ),
    // The same values, typed as the row names them (NewReport takes any code, its triage is optional).
    category_code: report.categoryCode,
    lead_id: report.leadId,
    suggested_category: report.suggestedCategory,
    severity: report.severity,
    eligible: report.eligible,
    status: report.status,
    outcome: report.outcome ?? null,
    outcome_summary: report.outcomeSummary ?? null,
    updated_at: report.updatedAt,
    is_sample: 1,
  });
}
