import { ApiError } from "./errors";

/**
 * Reads a request body as a stream and stops with a 413 as soon as it passes
 * `maxBytes`, so a client that sends no Content-Length (or lies in it)
 * cannot make the Worker buffer more than the limit.
 *
 * @example
 * const bytes = await readBodyUpTo(c.req.raw, 10 * 1024 * 1024, "Tệp quá lớn");
 */
export async function readBodyUpTo(request: Request, maxBytes: number, tooLargeDetail: string): Promise<Uint8Array> {
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
      throw new ApiError("payload_too_large", { detail: tooLargeDetail });
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
