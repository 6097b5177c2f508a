// SAMPLE DATA, local only: about 200 invented reports over the last two years,
// stored the way the Worker stores real ones (hashed secret, contact details
// sealed with AES-GCM under CONTACT_KEY, one status event per step), so the
// local site has something to show. Deterministic: the same seed gives the
// same reports, codes and secrets on every machine.
import { createHash, webcrypto } from "node:crypto";
import { EXTRAS, fakeName, INSPECTOR_QUESTIONS, STATUS_NOTES, TEMPLATES } from "./report-templates.mjs";
import { createRng, insertOrIgnore } from "./sql.mjs";
import { TWO_TIER_DATE, UNITS, unitById, unitValidOn } from "./units.mjs";

const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const DAY_MS = 86_400_000;

/** Lowercase RFC 4648 base32 without padding (20 bytes → 32 characters). */
function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function trackingCode(rng) {
  const part = () => Array.from({ length: 4 }, () => rng.pick([...CODE_ALPHABET])).join("");
  return `PA-${part()}-${part()}`;
}

function uuid(rng) {
  const hex = [...rng.bytes(16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Seals contact details exactly like `seal` in worker/src/lib/crypto.ts:
 * AES-GCM 256, 12-byte IV, the report id as additional data, base64 out.
 */
export async function sealContact(base64Key, contact, reportId) {
  const raw = Buffer.from(base64Key, "base64");
  if (raw.byteLength !== 32) throw new Error("CONTACT_KEY must be base64 of 32 bytes");
  const key = await webcrypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt"]);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await webcrypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(reportId) },
    key,
    new TextEncoder().encode(JSON.stringify(contact)),
  );
  return { iv: Buffer.from(iv).toString("base64"), ciphertext: Buffer.from(ciphertext).toString("base64") };
}

const LOCAL = UNITS.filter((u) => u.kind === "ward" || u.kind === "commune");
const LOCAL_CENTERS = UNITS.filter((u) => u.kind === "agency" && LOCAL.some((l) => l.id === u.parentId));

/** Units a template's `units` entry stands for on `day`. */
function candidatesOn(entry, day) {
  if (entry === "local") return LOCAL.filter((u) => unitValidOn(u, day));
  if (entry === "local-center") return LOCAL_CENTERS.filter((u) => unitValidOn(u, day));
  const [current, former] = entry.split("|").map(unitById);
  if (former && unitValidOn(former, day)) return [former];
  return unitValidOn(current, day) ? [current] : [];
}

function pickStatus(rng, ageDays) {
  if (ageDays < 7) return rng.weighted({ received: 9, in_review: 1 });
  return rng.weighted({
    received: 70,
    in_review: 14,
    info_requested: 6,
    referred: 6,
    not_actionable: 4,
    concluded: ageDays > 90 ? 6 : 0,
  });
}

/**
 * SQL statements for `count` sample reports received in the two years before
 * `now`, plus one demo receipt (code and secret) to try the follow page.
 * The first report is the demo: it waits for the reporter's answer to an
 * inspector's question.
 */
export async function reportsSql({ contactKey, now = new Date(), count = 200, seed = 20250701 }) {
  const rng = createRng(seed);
  const statements = ["-- SAMPLE DATA: invented reports for local development only."];
  const codes = new Set();
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  let demo;

  for (let index = 0; index < count; index++) {
    const isDemo = index === 0;
    const template = isDemo ? TEMPLATES[1] : TEMPLATES[index % TEMPLATES.length];
    let ageDays = isDemo ? 12 : rng.int(1, 729);
    let day = new Date(today.getTime() - ageDays * DAY_MS).toISOString().slice(0, 10);
    let candidates = template.units.flatMap((entry) => candidatesOn(entry, day));
    if (candidates.length === 0) {
      // Only wards since the 2025 reform can receive this one: move it after.
      const sinceReform = Math.floor((today.getTime() - Date.parse(TWO_TIER_DATE)) / DAY_MS);
      ageDays = rng.int(1, Math.max(1, sinceReform - 1));
      day = new Date(today.getTime() - ageDays * DAY_MS).toISOString().slice(0, 10);
      candidates = template.units.flatMap((entry) => candidatesOn(entry, day));
    }
    const unit = rng.pick(candidates);
    const receivedMs = today.getTime() - ageDays * DAY_MS + rng.int(0, 15 * 60) * 60_000;
    const receivedAt = new Date(receivedMs).toISOString();
    let description = template.text(rng);
    while (description.length < 420 && rng.chance(0.3)) description += ` ${rng.pick(EXTRAS)}`;
    if (description.length < 20 || description.length > 600) {
      throw new Error(`Sample description out of range (${description.length}): ${description}`);
    }

    let code = trackingCode(rng);
    while (codes.has(code)) code = trackingCode(rng);
    codes.add(code);
    const secret = base32(rng.bytes(20));
    const id = uuid(rng);
    const track = isDemo ? "anonymous" : rng.chance(0.35) ? "named" : "anonymous";
    const reporterKind = template.kind ?? rng.weighted({ citizen: 8, business: 1, organization: 1 });
    const occurredOn = rng.chance(0.7)
      ? new Date(receivedMs - rng.int(0, 45) * DAY_MS + 7 * 3600_000).toISOString().slice(0, 10)
      : null;
    const status = isDemo ? "info_requested" : pickStatus(rng, ageDays);

    let sealed = { iv: null, ciphertext: null };
    if (track === "named") {
      const name = fakeName(rng);
      const contact = { name };
      if (rng.chance(0.7)) contact.email = `nguoidan${rng.int(100, 999)}@example.com`;
      if (!contact.email || rng.chance(0.5)) contact.phone = `09${rng.int(10_000_000, 99_999_999)}`;
      sealed = await sealContact(contactKey, contact, id);
    }

    const events = [{ at: receivedAt, status: "received", note: null }];
    const messages = [];
    if (status !== "received") {
      const reviewMs = receivedMs + rng.int(1, 5) * DAY_MS;
      events.push({ at: new Date(reviewMs).toISOString(), status: "in_review", note: STATUS_NOTES.in_review });
      if (status !== "in_review") {
        const laterMs = Math.min(reviewMs + rng.int(2, 20) * DAY_MS, now.getTime() - 3600_000);
        events.push({ at: new Date(laterMs).toISOString(), status, note: STATUS_NOTES[status] });
        if (status === "info_requested") {
          messages.push({
            sender: "inspector",
            body: rng.pick(INSPECTOR_QUESTIONS),
            at: new Date(laterMs).toISOString(),
          });
        }
      }
    }
    const updatedAt = events[events.length - 1].at;

    statements.push(
      insertOrIgnore("reports", {
        id,
        tracking_code: code,
        secret_hash: createHash("sha256").update(secret).digest("hex"),
        track,
        unit_id: unit.id,
        category_code: template.category,
        description,
        occurred_on: occurredOn,
        procedure: template.procedure && rng.chance(0.8) ? rng.pick(template.procedure) : null,
        official_hint: template.hints && rng.chance(0.6) ? rng.pick(template.hints) : null,
        reporter_kind: reporterKind,
        contact_iv: sealed.iv,
        contact_ciphertext: sealed.ciphertext,
        status,
        received_at: receivedAt,
        updated_at: updatedAt,
        is_sample: 1,
      }),
    );
    events.forEach((event, n) => {
      statements.push(insertOrIgnore("report_events", { id: `${id}-e${n}`, report_id: id, ...event }));
    });
    messages.forEach((message, n) => {
      statements.push(insertOrIgnore("report_messages", { id: `${id}-m${n}`, report_id: id, ...message }));
    });
    if (isDemo) demo = { trackingCode: code, secret, unitName: unit.name };
  }
  return { statements, demo };
}
