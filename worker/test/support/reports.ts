import { SELF } from "cloudflare:test";
import type { ReportCreateInput } from "../../src/contracts/reports";
import { solvedAltcha } from "./altcha";

/** A valid anonymous report about Sở Xây dựng (from `insertUnits`), without its ALTCHA payload. */
export function reportBody(overrides: Partial<ReportCreateInput> = {}): Omit<ReportCreateInput, "altcha"> {
  return {
    track: "anonymous",
    unitId: "so-xay-dung",
    categoryCode: "harassment",
    description: "Cán bộ tiếp nhận hồ sơ cấp phép xây dựng yêu cầu nộp thêm giấy tờ không có trong quy định.",
    occurredOn: "2026-01-15",
    procedure: "Cấp giấy phép xây dựng",
    reporterKind: "citizen",
    ...overrides,
  };
}

/** Headers every test request can extend. */
export interface PostOptions {
  headers?: Record<string, string>;
  /** The ALTCHA payload to send; a freshly solved one by default. */
  altcha?: string;
}

/** `POST /api/reports` with a JSON body (the ALTCHA payload is solved unless given). */
export async function postReport(body: Record<string, unknown>, options: PostOptions = {}): Promise<Response> {
  const altcha = options.altcha ?? (await solvedAltcha());
  return SELF.fetch("https://portal.test/api/reports", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...options.headers },
    body: JSON.stringify({ ...body, altcha }),
  });
}

/** A receipt, from filing a valid report. */
export interface FiledReport {
  trackingCode: string;
  secret: string;
  status: "received";
  receivedAt: string;
}

/**
 * Files a report and returns its receipt; throws if the API refused it.
 *
 * @example
 * const { trackingCode, secret } = await fileReport({ categoryCode: "bribery" });
 */
export async function fileReport(
  overrides: Partial<ReportCreateInput> = {},
  options: PostOptions = {},
): Promise<FiledReport> {
  const res = await postReport(reportBody(overrides), options);
  if (res.status !== 201) throw new Error(`POST /api/reports answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as FiledReport;
}

/** `GET /api/reports/{code}` with the bearer secret. */
export function getReport(trackingCode: string, secret: string | undefined, headers: Record<string, string> = {}) {
  return SELF.fetch(`https://portal.test/api/reports/${encodeURIComponent(trackingCode)}`, {
    headers: { ...(secret === undefined ? {} : { Authorization: `Bearer ${secret}` }), ...headers },
  });
}

/** `POST /api/reports/{code}/messages` with the bearer secret. */
export function postMessage(trackingCode: string, secret: string, body: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(`https://portal.test/api/reports/${encodeURIComponent(trackingCode)}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${secret}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
