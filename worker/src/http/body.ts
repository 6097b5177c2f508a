import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

/**
 * Reads a request body as a stream and stops with a 413 as soon as it passes
 * `maxBytes`, so a client that sends no Content-Length (or lies in it)
 * cannot make the Worker buffer more than the limit.
 *
 * @example
 * const bytes = await readBodyUpTo(c.req.raw, 10 * 1024 * 1024, "Tệp quá lớn");
 */
export async function readBodyUpTo(request: Request, maxBytes: number, tooLargeDetail?: string): Promise<Uint8Array> {
  const body = request.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ApiError("payload_too_large", tooLargeDetail === undefined ? {} : { detail: tooLargeDetail });
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A media type the route validators read as JSON (`application/json`, `application/problem+json`...). */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return /^application\/([a-z-.]+\+)?json/i.test(contentType ?? "");
}

/**
 * A Content-Type the validator of a JSON body accepts: the same test as
 * `@hono/zod-openapi`'s media type gate, which answers 415 to anything else.
 */
export function isJsonRequestType(contentType: string | undefined): boolean {
  return /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i.test(contentType ?? "");
}

/**
 * Reads the request body once, up to `maxBytes` (413 beyond, before reading
 * when Content-Length already says so), and puts the bytes back as the
 * request's body (as Hono's `bodyLimit` does), so the route's validator
 * parses these bytes.
 *
 * @example
 * const bytes = await bufferBody(c, 65_536);
 */
export async function bufferBody(c: Context<AppEnv>, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError("payload_too_large");
  const bytes = await readBodyUpTo(c.req.raw, maxBytes);
  c.req.raw = new Request(c.req.raw, { body: bytes });
  return bytes;
}
