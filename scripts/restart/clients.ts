// The clients of the restart suite: each files its reports under their own
// Idempotency-Key with a freshly solved ALTCHA per attempt, retrying network
// errors and 5xx answers with backoff until a receipt, and the replays and
// helpers the checks use.
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { Receipt, ReportCreateInput } from "../../worker/src/contracts/reports.ts";
import { createRng, type Rng } from "../seed/sql.ts";

/** The report a client files under one key (the ALTCHA is added per attempt). */
export type ReportBody = Omit<ReportCreateInput, "altcha">;

/** What became of one key: its receipt, every tracking code it was answered with, or why it has none. */
export interface Outcome {
  key: string;
  body: ReportBody;
  attempts: number;
  receipt: Receipt | undefined;
  codes: Set<string>;
  failure: string | undefined;
}

export type Tally = ReturnType<typeof newTally>;

/** Attempts per report, the first included; the backoff caps at 1 s, so this outlasts a restart. */
export const MAX_ATTEMPTS = 60;
export const REQUEST_TIMEOUT_MS = 20_000;

/** Current units of the sample directory; each client files about its own. */
const UNITS = ["so-xay-dung", "so-tai-chinh", "so-y-te", "so-tu-phap", "so-noi-vu", "so-cong-thuong"];
const CATEGORIES: CategoryCode[] = ["bribery", "harassment", "shirking", "delay", "neglect", "conduct", "other"];

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** A solved ALTCHA payload, encoded like the widget (see e2e/lib/api.ts). */
export async function solvedAltcha(
  baseUrl: string,
  ip: string,
): Promise<{ altcha: string; status?: undefined } | { altcha?: undefined; status: number }> {
  const response = await fetch(`${baseUrl}/api/challenge`, {
    headers: { "cf-connecting-ip": ip },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) {
    await response.body?.cancel();
    return { status: response.status };
  }
  const challenge: Challenge = await response.json();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("could not solve an ALTCHA challenge");
  const payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return { altcha: Buffer.from(JSON.stringify(payload)).toString("base64") };
}

/** What the clients saw, for the figures and the checks. */
export function newTally() {
  return {
    posts: 0,
    /** POSTs sent and not yet answered, to say how many a kill cut off. */
    inFlight: 0,
    challenges: 0,
    /** Connection refused, reset or timed out, by request: the challenge fetch or the POST itself. */
    networkErrors: { challenge: 0, post: 0 },
    /** Status → count, for 5xx answers (retried). */
    serverErrors: {} as Record<number, number>,
    /** 5xx answers that were the Worker's own problem+json (a 500 from our code, not the proxy). */
    workerProblems: [] as string[],
    /** Receipts whose receivedAt predates the attempt that got them: a lost response, replayed. */
    recovered: 0,
    retriedKeys: 0,
    maxAttempts: 0,
  };
}

/**
 * Files one report until it gets a 201, retrying network errors and 5xx with
 * the same key and body. Returns the outcome for this key.
 */
export async function submit({
  baseUrl,
  ip,
  key,
  body,
  rng,
  tally,
  deadline,
}: {
  baseUrl: string;
  ip: string;
  key: string;
  body: ReportBody;
  rng: Rng;
  tally: Tally;
  deadline: number;
}): Promise<Outcome> {
  const outcome: Outcome = { key, body, attempts: 0, receipt: undefined, codes: new Set(), failure: undefined };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && Date.now() < deadline; attempt++) {
    outcome.attempts = attempt;
    const startedAt = new Date().toISOString();
    let phase: "challenge" | "post" = "challenge";
    try {
      tally.challenges++;
      const challenge = await solvedAltcha(baseUrl, ip);
      if (challenge.altcha) {
        phase = "post";
        tally.posts++;
        tally.inFlight++;
        let response: Response;
        let text: string;
        try {
          response = await fetch(`${baseUrl}/api/reports`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "accept-language": "vi",
              "idempotency-key": key,
              "cf-connecting-ip": ip,
            },
            body: JSON.stringify({ ...body, altcha: challenge.altcha }),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          text = await response.text();
        } finally {
          tally.inFlight--;
        }
        if (response.status === 201) {
          const receipt: Receipt = JSON.parse(text);
          outcome.receipt = receipt;
          outcome.codes.add(receipt.trackingCode);
          if (attempt > 1 && receipt.receivedAt < startedAt) tally.recovered++;
          break;
        }
        if (response.status < 500) {
          outcome.failure = `POST answered ${response.status}: ${text.slice(0, 300)}`;
          break;
        }
        tally.serverErrors[response.status] = (tally.serverErrors[response.status] ?? 0) + 1;
        if ((response.headers.get("content-type") ?? "").includes("problem+json")) {
          tally.workerProblems.push(`${key}: ${response.status} ${text.slice(0, 300)}`);
        }
      } else if ((challenge.status as number) < 500) {
        outcome.failure = `GET /api/challenge answered ${challenge.status}`;
        break;
      } else {
        const status = challenge.status as number;
        tally.serverErrors[status] = (tally.serverErrors[status] ?? 0) + 1;
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes("ALTCHA")) throw error;
      tally.networkErrors[phase]++;
    }
    await sleep(Math.min(1000, 100 * 2 ** (attempt - 1)) * (0.5 + rng.next()));
  }
  if (!outcome.receipt && !outcome.failure) outcome.failure = `no receipt after ${outcome.attempts} attempt(s)`;
  if (outcome.attempts > 1) tally.retriedKeys++;
  tally.maxAttempts = Math.max(tally.maxAttempts, outcome.attempts);
  return outcome;
}

/** One client: its own address, its own unit, its reports one after another with a short pause. */
export async function runClient({
  baseUrl,
  client,
  runId,
  seed,
  reports,
  tally,
  deadline,
  done,
}: {
  baseUrl: string;
  client: number;
  runId: string;
  seed: number;
  /** How many reports this client files. */
  reports: number;
  tally: Tally;
  deadline: number;
  done: { count: number };
}): Promise<Outcome[]> {
  const rng = createRng(seed);
  const ip = `203.0.113.${10 + client}`;
  const outcomes: Outcome[] = [];
  for (let i = 0; i < reports; i++) {
    const key = `restart-${runId}-c${client}-r${String(i).padStart(3, "0")}`;
    const body: ReportBody = {
      track: "anonymous",
      unitId: UNITS[client % UNITS.length] as string,
      categoryCode: rng.pick(CATEGORIES),
      description: `Phản ánh thử nghiệm khởi động lại số ${i + 1} của người dùng ${client + 1} (${key}).`,
      reporterKind: "citizen",
    };
    const outcome = await submit({ baseUrl, ip, key, body, rng, tally, deadline });
    outcomes.push(outcome);
    if (outcome.receipt) done.count++;
    await sleep(rng.int(0, 120));
  }
  return outcomes;
}

/** POSTs one key again after the run: the answer must be the first receipt. */
export async function replay(
  baseUrl: string,
  outcome: Outcome,
): Promise<{ status: number; receipt?: Receipt | undefined; text?: string }> {
  const ip = "203.0.113.200";
  const { altcha, status } = await solvedAltcha(baseUrl, ip);
  if (!altcha) return { status: status as number };
  const response = await fetch(`${baseUrl}/api/reports`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": outcome.key, "cf-connecting-ip": ip },
    body: JSON.stringify({ ...outcome.body, altcha }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, receipt: response.status === 201 ? JSON.parse(text) : undefined, text };
}

/** Runs `fn` over `items`, `width` at a time. */
export async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index] as T);
      }
    }),
  );
  return results;
}
