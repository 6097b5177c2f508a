// The load the benchmark sends: solved ALTCHA payloads for the submit run,
// autocannon runs, and the demo supervisor's session.
import { cpus } from "node:os";
import { type Challenge, type Solution, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import autocannon from "autocannon";
import type { ReportCreateInput } from "../../worker/src/contracts/reports.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../seed/accounts.ts";
import { CONNECTIONS, DURATION_S } from "./settings.ts";

/** The report the submit run files. */
export const REPORT: Omit<ReportCreateInput, "altcha"> = {
  track: "anonymous",
  unitId: "so-xay-dung",
  categoryCode: "delay",
  description: "Hồ sơ cấp giấy phép xây dựng nộp từ 40 ngày trước, quá hạn mà chưa có kết quả (đo hiệu năng).",
  reporterKind: "citizen",
};

/** Same encoding as the `<altcha-widget>` (see worker/test/support/altcha.ts). */
export function encodePayload(challenge: Challenge, solution: Solution): string {
  const json = JSON.stringify({
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution,
  });
  return Buffer.from(json).toString("base64");
}

/** Fetches and solves `count` challenges, a few at a time. */
export async function solvedPayloads(baseUrl: string, count: number): Promise<string[]> {
  const payloads: string[] = [];
  const batch = Math.max(2, cpus().length * 2);
  while (payloads.length < count) {
    const size = Math.min(batch, count - payloads.length);
    const solved = await Promise.all(
      Array.from({ length: size }, async () => {
        const response = await fetch(`${baseUrl}/api/challenge`);
        if (!response.ok) throw new Error(`GET /api/challenge answered ${response.status}`);
        const challenge: Challenge = await response.json();
        const solution = await solveChallenge({ challenge, deriveKey });
        if (!solution) throw new Error("could not solve an ALTCHA challenge");
        return encodePayload(challenge, solution);
      }),
    );
    payloads.push(...solved);
  }
  return payloads;
}

/** One autocannon run; with `amount`, it still stops after DURATION_S. */
export function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolveRun, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (error, result) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolveRun(result);
    });
    if (options.amount) timer = setTimeout(() => instance.stop(), DURATION_S * 1000);
  });
}

/** Signs the demo supervisor in and returns the session cookie. */
export async function supervisorCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.supervisor.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as the demo supervisor answered ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}
