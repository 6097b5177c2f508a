import { env, SELF } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProblemSchema } from "../../src/contracts/common";
import { AttachmentSchema, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from "../../src/contracts/reports";
import { sha256Hex } from "../../src/lib/crypto";
import { type FixtureName, fixture } from "../fixtures";
import { containsBytes, jpegHeader } from "../fixtures/containers";
import { insertUnits } from "../support/fixtures";

const ORIGIN = "https://portal.test";

interface TestReport {
  id: string;
  trackingCode: string;
  secret: string;
}

let report: TestReport;
/** A fresh client address per test (IPv6 documentation range): D1 rows, rate-limit counters included, outlive a test. */
let clientIp: string;

function randomCode(): string {
  const alphabet = "ACDEFGHJKMNPQRTUVWXY34679";
  const pick = () => alphabet[Math.floor(Math.random() * alphabet.length)];
  const group = () => Array.from({ length: 4 }, pick).join("");
  return `PA-${group()}-${group()}`;
}

/** A report written straight into D1, with the hash of a secret we keep. */
async function createReport(): Promise<TestReport> {
  const created: TestReport = {
    id: crypto.randomUUID(),
    trackingCode: randomCode(),
    secret: "abcdefghijklmnopqrstuvwxyz234567",
  };
  const receivedAt = "2024-03-01T02:00:00.000Z";
  await env.DB.prepare(
    `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description,
       reporter_kind, status, received_at, updated_at)
     VALUES (?, ?, ?, 'anonymous', 'so-xay-dung', 'harassment', ?, 'citizen', 'received', ?, ?)`,
  )
    .bind(
      created.id,
      created.trackingCode,
      await sha256Hex(created.secret),
      "Cán bộ yêu cầu nộp thêm giấy tờ không có trong quy định.",
      receivedAt,
      receivedAt,
    )
    .run();
  return created;
}

interface UploadOptions {
  code?: string;
  secret?: string | null;
  name?: string;
  declaredType?: string;
  lang?: string;
}

function upload(bytes: Uint8Array, options: UploadOptions = {}): Promise<Response> {
  const form = new FormData();
  form.append(
    "file",
    new File([bytes as Uint8Array<ArrayBuffer>], options.name ?? "IMG_2024_phuong-dong-da.jpg", {
      type: options.declaredType ?? "image/jpeg",
    }),
  );
  const headers: Record<string, string> = { "CF-Connecting-IP": clientIp };
  const secret = options.secret === undefined ? report.secret : options.secret;
  if (secret !== null) headers.Authorization = `Bearer ${secret}`;
  if (options.lang) headers["Accept-Language"] = options.lang;
  return SELF.fetch(`${ORIGIN}/api/reports/${options.code ?? report.trackingCode}/attachments`, {
    method: "POST",
    headers,
    body: form,
  });
}

async function problem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return ProblemSchema.parse(await res.json());
}

async function storedKeys(reportId: string): Promise<string[]> {
  const listed = await env.EVIDENCE.list({ prefix: `reports/${reportId}/` });
  return listed.objects.map((o) => o.key);
}

async function attachmentRows(reportId: string) {
  const { results } = await env.DB.prepare("SELECT * FROM attachments WHERE report_id = ? ORDER BY created_at")
    .bind(reportId)
    .all<Record<string, unknown>>();
  return results;
}

beforeEach(async () => {
  await insertUnits(env.DB);
  report = await createReport();
  const [a, b] = crypto.randomUUID().split("-");
  clientIp = `2001:db8::${a?.slice(0, 4)}:${b}`;
});

describe("POST /api/reports/{trackingCode}/attachments: happy path", () => {
  it("stores a JPEG without its GPS EXIF and answers with the SHA-256 of the original", async () => {
    const original = fixture("gps.jpg");
    expect(containsBytes(original, "Exif\0\0")).toBe(true);

    const res = await upload(original);
    expect(res.status).toBe(201);
    const body = AttachmentSchema.parse(await res.json());
    expect(body.contentType).toBe("image/jpeg");
    expect(body.sha256).toBe(await sha256Hex(original));

    const object = await env.EVIDENCE.get(`reports/${report.id}/${body.id}`);
    if (!object) throw new Error("object not stored");
    const stored = new Uint8Array(await object.arrayBuffer());
    expect(object.httpMetadata?.contentType).toBe("image/jpeg");
    expect(object.customMetadata ?? {}).toEqual({});
    expect(body.size).toBe(stored.byteLength);
    for (const trace of ["Exif\0\0", "GPS", "x:xmpmeta", "Photoshop 3.0", "taken at the ward office", "TestPhone"]) {
      expect(containsBytes(stored, trace), trace).toBe(false);
    }
    // Same compressed pixels, still SOI … SOS … EOI.
    expect(stored.subarray(jpegHeader(stored).sosOffset)).toEqual(original.subarray(jpegHeader(original).sosOffset));
    expect([...stored.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it("records the file for the report, with no trace of the original file name", async () => {
    const res = await upload(fixture("gps.jpg"), { name: "Nguyen-Van-A_phuong-dong-da.jpg" });
    const body = AttachmentSchema.parse(await res.json());

    const [row, ...others] = await attachmentRows(report.id);
    expect(others).toHaveLength(0);
    expect(row).toMatchObject({
      id: body.id,
      object_key: `reports/${report.id}/${body.id}`,
      content_type: "image/jpeg",
      size: body.size,
      sha256: body.sha256,
      uploaded_by: "reporter",
    });
    const object = await env.EVIDENCE.get(`reports/${report.id}/${body.id}`);
    const stored = new Uint8Array(await (object as R2ObjectBody).arrayBuffer());
    expect(row?.stored_sha256).toBe(await sha256Hex(stored));
    expect(JSON.stringify(row)).not.toContain("Nguyen-Van-A");
    expect(JSON.stringify(object?.httpMetadata)).not.toContain("Nguyen-Van-A");
    expect(containsBytes(stored, "Nguyen-Van-A")).toBe(false);

    const touched = await env.DB.prepare("SELECT updated_at FROM reports WHERE id = ?")
      .bind(report.id)
      .first<string>("updated_at");
    expect(touched).toBe(row?.created_at);
  });

  it.each([
    ["photo.png", "image/png"],
    ["photo.webp", "image/webp"],
    ["document.pdf", "application/pdf"],
  ] as const)("accepts %s as %s", async (name: FixtureName, type) => {
    const original = fixture(name);
    const res = await upload(original, { name, declaredType: "application/octet-stream" });
    expect(res.status).toBe(201);
    const body = AttachmentSchema.parse(await res.json());
    expect(body.contentType).toBe(type);
    expect(body.sha256).toBe(await sha256Hex(original));
    const object = await env.EVIDENCE.get(`reports/${report.id}/${body.id}`);
    expect(object?.httpMetadata?.contentType).toBe(type);
    const stored = new Uint8Array(await (object as R2ObjectBody).arrayBuffer());
    if (type === "application/pdf") expect(stored).toEqual(original);
    else expect(containsBytes(stored, "GPS")).toBe(false);
  });

  it("accepts the tracking code in lower case", async () => {
    const res = await upload(fixture("photo.png"), { code: report.trackingCode.toLowerCase() });
    expect(res.status).toBe(201);
  });
});

describe("POST /api/reports/{trackingCode}/attachments: refusals", () => {
  it("refuses a text file named .jpg and declared image/jpeg with a 415 naming the allowed types", async () => {
    const vi = await problem(await upload(fixture("not-an-image.jpg")), 415);
    expect(vi.code).toBe("unsupported_media_type");
    expect(vi.detail).toContain("JPEG, PNG, WebP hoặc tệp PDF");
    const en = await problem(await upload(fixture("not-an-image.jpg"), { lang: "en" }), 415);
    expect(en.detail).toContain("JPEG, PNG or WebP images and PDF files");
    expect(await storedKeys(report.id)).toEqual([]);
    expect(await attachmentRows(report.id)).toEqual([]);
  });

  it.each([
    ["a Windows program", "setup.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00])],
    ["a ZIP archive", "evidence.zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00])],
    ["an SVG", "map.svg", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
  ])("refuses %s with 415", async (_label, name, bytes) => {
    await problem(await upload(bytes, { name, declaredType: "image/png" }), 415);
    expect(await storedKeys(report.id)).toEqual([]);
  });

  it(`refuses file number ${EVIDENCE_MAX_FILES + 1} with 409 limit_reached`, async () => {
    for (let i = 0; i < EVIDENCE_MAX_FILES; i++) {
      expect((await upload(fixture("photo.png"))).status).toBe(201);
    }
    const body = await problem(await upload(fixture("photo.png"), { lang: "en" }), 409);
    expect(body.code).toBe("limit_reached");
    expect(body.detail).toBe(`A report can have at most ${EVIDENCE_MAX_FILES} files`);
    const vi = await problem(await upload(fixture("photo.png")), 409);
    expect(vi.detail).toBe(`Mỗi phản ánh chỉ được đính kèm tối đa ${EVIDENCE_MAX_FILES} tệp`);
    expect(await attachmentRows(report.id)).toHaveLength(EVIDENCE_MAX_FILES);
    expect(await storedKeys(report.id)).toHaveLength(EVIDENCE_MAX_FILES);
  });

  it("refuses a file over 10 MB with 413 and stores nothing", async () => {
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
    big.set(fixture("gps.jpg"));
    const body = await problem(await upload(big), 413);
    expect(body.code).toBe("payload_too_large");
    expect(body.detail).toBe("Mỗi tệp tối đa 10 MB");
    expect(await storedKeys(report.id)).toEqual([]);
  });

  it("accepts a JPEG of exactly 10 MB", async () => {
    // A valid JPEG whose comment segments fill it up to the limit; the comments are stripped.
    const original = fixture("gps.jpg");
    const filler: number[] = [];
    let room = EVIDENCE_MAX_BYTES - original.byteLength;
    while (room > 0) {
      const size = Math.min(room, 65_535 + 2);
      const length = Math.max(size - 2, 2);
      filler.push(0xff, 0xfe, length >> 8, length & 0xff, ...new Uint8Array(length - 2));
      room -= length + 2;
    }
    const bytes = new Uint8Array(EVIDENCE_MAX_BYTES);
    bytes.set(original.subarray(0, 2));
    bytes.set(filler.slice(0, EVIDENCE_MAX_BYTES - original.byteLength), 2);
    bytes.set(original.subarray(2), 2 + EVIDENCE_MAX_BYTES - original.byteLength);
    const res = await upload(bytes);
    expect(res.status).toBe(201);
    const body = AttachmentSchema.parse(await res.json());
    expect(body.size).toBeLessThan(original.byteLength);
  });

  it("refuses a body announced larger than the limit before reading it", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}/attachments`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${report.secret}`,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(EVIDENCE_MAX_BYTES * 2),
        "CF-Connecting-IP": clientIp,
      },
      body: new Uint8Array(EVIDENCE_MAX_BYTES * 2),
    });
    await problem(res, 413);
  });

  it("cuts off a streamed body without Content-Length once it passes the limit", async () => {
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > EVIDENCE_MAX_BYTES * 2) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}/attachments`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${report.secret}`,
        "Content-Type": "multipart/form-data; boundary=x",
        "CF-Connecting-IP": clientIp,
      },
      body: stream,
    });
    await problem(res, 413);
    expect(sent).toBeLessThan(EVIDENCE_MAX_BYTES * 2);
  });

  it("refuses a body that is not multipart with 415", async () => {
    for (const [type, body] of [
      ["image/jpeg", fixture("gps.jpg")],
      ["application/json", new TextEncoder().encode('{"file":"x"}')],
    ] as const) {
      const res = await SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}/attachments`, {
        method: "POST",
        headers: { Authorization: `Bearer ${report.secret}`, "Content-Type": type, "CF-Connecting-IP": clientIp },
        body,
      });
      const problemBody = await problem(res, 415);
      expect(problemBody.detail).toContain("multipart/form-data");
    }
  });

  it("asks for the file when the form has no file field (422 at /file)", async () => {
    const form = new FormData();
    form.append("note", "không có tệp");
    const res = await SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}/attachments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${report.secret}`, "CF-Connecting-IP": clientIp },
      body: form,
    });
    const body = await problem(res, 422);
    expect(body.errors).toEqual([{ pointer: "/file", message: "Hãy chọn một tệp" }]);
  });

  it("refuses a damaged JPEG and an encrypted PDF with 422 at /file", async () => {
    const jpeg = fixture("gps.jpg");
    const damaged = await problem(await upload(jpeg.subarray(0, jpeg.byteLength - 50), { lang: "en" }), 422);
    expect(damaged.errors).toEqual([
      { pointer: "/file", message: "The file is damaged or incomplete and cannot be read" },
    ]);
    const encrypted = await problem(await upload(fixture("encrypted.pdf"), { name: "x.pdf" }), 422);
    expect(encrypted.errors?.[0]?.message).toContain("mật khẩu");
    expect(await storedKeys(report.id)).toEqual([]);
  });
});

describe("POST /api/reports/{trackingCode}/attachments: who may upload", () => {
  it("gives the same 404 for a wrong secret, no secret and an unknown code", async () => {
    const wrong = await problem(await upload(fixture("gps.jpg"), { secret: "wrong-secret-wrong-secret-wrong-s" }), 404);
    const missing = await problem(await upload(fixture("gps.jpg"), { secret: null }), 404);
    const unknown = await problem(await upload(fixture("gps.jpg"), { code: "PA-AAAA-AAAA" }), 404);
    const comparable = ({ requestId: _, ...rest }: { requestId: string }) => rest;
    expect(comparable(wrong)).toEqual(comparable(unknown));
    expect(comparable(missing)).toEqual(comparable(unknown));
    expect(wrong.code).toBe("not_found");
    expect(await storedKeys(report.id)).toEqual([]);
  });

  it("does not let one report's secret add files to another report", async () => {
    const other = await createReport();
    const res = await upload(fixture("gps.jpg"), {
      code: other.trackingCode,
      secret: "not-the-other-secret-000000000000",
    });
    await problem(res, 404);
    expect(await storedKeys(other.id)).toEqual([]);
  });
});

describe("POST /api/reports/{trackingCode}/attachments: rate limit", () => {
  afterEach(async () => {
    await env.DB.prepare("DELETE FROM settings WHERE key = 'evidence_uploads_per_client_per_hour'").run();
  });

  it("answers 429 with Retry-After once a client passes its hourly budget", async () => {
    await env.DB.prepare(
      "INSERT INTO settings (key, value) VALUES ('evidence_uploads_per_client_per_hour', '2')",
    ).run();
    expect((await upload(fixture("photo.png"))).status).toBe(201);
    expect((await upload(fixture("photo.png"))).status).toBe(201);
    const res = await upload(fixture("photo.png"));
    const body = await problem(res, 429);
    expect(body.code).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await attachmentRows(report.id)).toHaveLength(2);
  });
});
