import { SELF } from "cloudflare:test";
import type { FuzzBody } from "./bodies";

/** Sending a fuzz request, printing it, and judging the answer. */

/** One hostile request, as sent. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: FuzzBody;
}

/** Lone surrogates cannot be percent-encoded; the URL carries U+FFFD for them, as a browser's would. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Percent-encodes a query or path value. */
export function encode(s: string): string {
  return encodeURIComponent(wellFormed(s));
}

/** Sends a request through the Worker, as a stream when the body asks for it (no Content-Length). */
export async function send(req: FuzzRequest): Promise<Response> {
  let body: BodyInit | undefined;
  if (req.body?.stream) {
    const bytes = req.body.bytes();
    let offset = 0;
    body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + 1_048_576));
        offset += 1_048_576;
      },
    });
  } else if (req.body) {
    body = req.body.bytes() as Uint8Array<ArrayBuffer>;
  }
  return SELF.fetch(req.url, { method: req.method, headers: req.headers, ...(body ? { body } : {}) });
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} chars in all)`;
}

/** The request, printable: method, URL, headers and the start of the body. */
export function describe(req: FuzzRequest): string {
  const headers = req.headers.map(([k, v]) => `  ${k}: ${truncate(JSON.stringify(v), 300)}`).join("\n");
  const body = req.body ? `${req.body.length} bytes: ${truncate(JSON.stringify(req.body.preview), 1_000)}` : "none";
  return `${req.method} ${truncate(req.url, 600)}\nheaders:\n${headers || "  (none)"}\nbody: ${body}`;
}

/**
 * What is wrong with an answer, or undefined: a 5xx, or a 4xx that is not an
 * RFC 9457 problem whose `status` equals the HTTP status.
 */
export async function verdict(req: FuzzRequest, res: Response): Promise<string | undefined> {
  // Only error bodies are read; a download (a photo, a PDF, a CSV) is dropped unread.
  const readable = res.status >= 400 && req.method !== "HEAD";
  if (!readable) await res.body?.cancel();
  const text = readable ? await res.text() : "";
  const answer = `answer: ${res.status} ${res.headers.get("content-type") ?? "(no content type)"} ${truncate(text, 500)}`;
  if (res.status >= 500) return `server error\n${describe(req)}\n${answer}`;
  if (res.status < 400) return undefined;
  if (!/^application\/problem\+json/i.test(res.headers.get("content-type") ?? "")) {
    return `4xx without application/problem+json\n${describe(req)}\n${answer}`;
  }
  if (req.method === "HEAD") return undefined;
  let problem: { type?: unknown; title?: unknown; status?: unknown };
  try {
    problem = JSON.parse(text);
  } catch {
    return `problem body is not JSON\n${describe(req)}\n${answer}`;
  }
  const ok =
    typeof problem.type === "string" &&
    problem.type !== "" &&
    typeof problem.title === "string" &&
    problem.title !== "" &&
    problem.status === res.status;
  return ok ? undefined : `problem without type, title or matching status\n${describe(req)}\n${answer}`;
}
