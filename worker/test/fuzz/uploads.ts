import fc from "fast-check";
import { type FixtureName, fixture } from "../fixtures";
import { bytesBody, concat, type FuzzBody } from "./bodies";
import { hostileString } from "./hostile-values";
import type { Operation } from "./operations";

/**
 * Bodies for the upload routes (evidence, inspection documents): real and
 * corrupt files, broken multipart framing, wrong content types, sizes past
 * the limits.
 */

const encoder = new TextEncoder();

const fixtures = new Map<FixtureName, Uint8Array>();

/** A sample file's bytes, decoded once. */
function sampleFile(name: FixtureName): Uint8Array {
  let bytes = fixtures.get(name);
  if (!bytes) {
    bytes = fixture(name);
    fixtures.set(name, bytes);
  }
  return bytes;
}

const BOUNDARY = "----fuzzBoundary7MA4YWxkTrZu0gW";

/** A file's content: a real sample, a damaged one, or bytes that only look like a file. */
function fileContentArb(pdf: boolean): fc.Arbitrary<{ bytes: Uint8Array; what: string }> {
  const names: FixtureName[] = pdf
    ? ["document.pdf", "encrypted.pdf", "photo.png", "not-an-image.jpg"]
    : ["progressive.jpg", "gps.jpg", "photo.png", "photo.webp", "document.pdf", "not-an-image.jpg"];
  const real = fc.constantFrom(...names).map((name) => ({ bytes: sampleFile(name), what: name }));
  const truncated = fc
    .tuple(fc.constantFrom(...names), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([name, share]) => {
      const bytes = sampleFile(name);
      return {
        bytes: bytes.slice(0, Math.floor(bytes.byteLength * share)),
        what: `${name} cut at ${share.toFixed(2)}`,
      };
    });
  const flipped = fc
    .tuple(fc.constantFrom(...names), fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), fc.nat(255))
    .map(([name, positions, value]) => {
      const bytes = sampleFile(name).slice();
      for (const p of positions) bytes[p % bytes.byteLength] = value;
      return { bytes, what: `${name} with ${positions.length} bytes set to ${value}` };
    });
  const magicOnly = fc
    .tuple(
      fc.constantFrom(
        [0xff, 0xd8, 0xff],
        [0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x7f, 0xff, 0xff, 0xff, 0x49, 0x48, 0x44, 0x52],
        [0x52, 0x49, 0x46, 0x46, 0xff, 0xff, 0xff, 0x7f, 0x57, 0x45, 0x42, 0x50],
        [0x25, 0x50, 0x44, 0x46, 0x2d],
        [0x50, 0x4b, 0x03, 0x04],
        [0x4d, 0x5a],
      ),
      fc.uint8Array({ maxLength: 400 }),
    )
    .map(([magic, rest]) => ({
      bytes: concat([new Uint8Array(magic), rest]),
      what: `magic ${magic} + ${rest.length} bytes`,
    }));
  return fc.oneof(
    { arbitrary: real, weight: 4 },
    { arbitrary: truncated, weight: 2 },
    { arbitrary: flipped, weight: 2 },
    { arbitrary: magicOnly, weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ bytes, what: "random bytes" })), weight: 1 },
  );
}

const FILE_NAMES = [
  "so-do.jpg",
  "../../../etc/passwd",
  "a\u0000b.pdf",
  'x"; name="file',
  "Biên bản.pdf".normalize("NFD"),
  "\u202Egpj.exe",
  "x".repeat(1000),
  "",
];

interface Part {
  name: string;
  filename?: string;
  type?: string;
  bytes: Uint8Array | string;
}

function multipart(parts: Part[], boundary = BOUNDARY, close = true): Uint8Array {
  const chunks: (string | Uint8Array)[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}`;
    chunks.push(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`);
    if (p.type) chunks.push(`Content-Type: ${p.type}\r\n`);
    chunks.push("\r\n", p.bytes, "\r\n");
  }
  if (close) chunks.push(`--${boundary}--\r\n`);
  return concat(chunks);
}

function describeParts(parts: Part[]): string {
  return parts
    .map(
      (p) =>
        `[${p.name}${p.filename === undefined ? "" : ` filename=${JSON.stringify(p.filename)}`} ${typeof p.bytes === "string" ? JSON.stringify(p.bytes.slice(0, 80)) : `${p.bytes.byteLength} bytes`}]`,
    )
    .join(" ");
}

/** An upload on a multipart route: good and corrupt files, broken framing, wrong types. */
export function multipartBodyArb(op: Operation): fc.Arbitrary<FuzzBody | undefined> {
  const pdf = op.path.startsWith("/api/inspections/");
  const content = fileContentArb(pdf);
  const title = fc.oneof(fc.constant(undefined), fc.constantFrom("Biên bản làm việc"), hostileString);
  const filePart = fc
    .tuple(
      content,
      fc.constantFrom(...FILE_NAMES),
      fc.constantFrom(undefined, "image/jpeg", "application/pdf", "text/html"),
    )
    .map(([c, filename, type]): { part: Part; what: string } => ({
      part: { name: "file", filename, ...(type ? { type } : {}), bytes: c.bytes },
      what: c.what,
    }));
  const wellFramed = fc.tuple(filePart, title).map(([file, t]) => {
    const parts: Part[] = [file.part, ...(t === undefined ? [] : [{ name: "title", bytes: t }])];
    return bytesBody(
      `multipart/form-data; boundary=${BOUNDARY}`,
      multipart(parts),
      `multipart ${file.what}: ${describeParts(parts)}`,
    );
  });
  const badFraming = fc
    .tuple(
      filePart,
      fc.constantFrom(
        "two files",
        "no file",
        "file as text",
        "field files",
        "unclosed",
        "wrong boundary",
        "no boundary",
        "boundary only",
        "many parts",
        "huge part header",
      ),
    )
    .map(([file, how]) => {
      const type = `multipart/form-data; boundary=${BOUNDARY}`;
      const body = (parts: Part[], options: { boundary?: string; close?: boolean; contentType?: string } = {}) =>
        bytesBody(
          options.contentType ?? type,
          multipart(parts, options.boundary, options.close),
          `multipart (${how}) ${file.what}: ${describeParts(parts)}`,
        );
      switch (how) {
        case "two files":
          return body([file.part, file.part]);
        case "no file":
          return body([{ name: "title", bytes: "Biên bản" }]);
        case "file as text":
          return body([{ name: "file", bytes: "not a file" }]);
        case "field files":
          return body([{ ...file.part, name: "files" }]);
        case "unclosed":
          return body([file.part], { close: false });
        case "wrong boundary":
          return body([file.part], { boundary: "other" });
        case "no boundary":
          return body([file.part], { contentType: "multipart/form-data" });
        case "boundary only":
          return bytesBody(type, encoder.encode(`--${BOUNDARY}--\r\n`), "multipart with no parts");
        case "many parts":
          return body(Array.from({ length: 3000 }, (_, i) => ({ name: `f${i}`, bytes: "x" })));
        default:
          return body([{ ...file.part, filename: `${"x".repeat(70_000)}.jpg` }]);
      }
    });
  const wrongType = fc
    .tuple(
      content,
      fc.constantFrom(
        undefined,
        "application/json",
        "text/plain",
        "image/jpeg",
        "application/pdf",
        "application/x-www-form-urlencoded",
      ),
    )
    .map(([c, type]) => bytesBody(type, c.bytes, `raw ${c.what} as ${type ?? "no type"}`));
  return fc.oneof(
    { arbitrary: wellFramed, weight: 6 },
    { arbitrary: badFraming, weight: 3 },
    { arbitrary: wrongType, weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** One upload per kind of corrupt file and broken framing, each with a real-looking multipart body otherwise. */
export function multipartCatalogue(op: Operation): FuzzBody[] {
  const pdf = op.path.startsWith("/api/inspections/");
  const type = `multipart/form-data; boundary=${BOUNDARY}`;
  const names: FixtureName[] = [
    "document.pdf",
    "encrypted.pdf",
    "photo.png",
    "progressive.jpg",
    "gps.jpg",
    "photo.webp",
    "not-an-image.jpg",
  ];
  const upload = (bytes: Uint8Array, what: string, filename = pdf ? "bien-ban.pdf" : "so-do.jpg") =>
    bytesBody(
      type,
      multipart([
        { name: "file", filename, bytes },
        { name: "title", bytes: "Biên bản" },
      ]),
      `multipart, ${what}`,
    );
  const jpeg = sampleFile("progressive.jpg");
  const doc = sampleFile("document.pdf");
  // Real files last: five of them fill a report's evidence quota, and the damaged ones must reach the sniffer first.
  return [
    upload(new Uint8Array(), "an empty file"),
    upload(jpeg.slice(0, jpeg.byteLength >> 1), "half a JPEG"),
    upload(doc.slice(0, doc.byteLength >> 1), "half a PDF"),
    upload(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), "a JPEG header announcing a 64 KB Exif block"),
    upload(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x7f, 0xff, 0xff, 0xff]),
      "a PNG chunk of 2 GB",
    ),
    upload(concat(["%PDF-1.4\n", "1 0 obj << /Length 999999999 >> stream\n"]), "a PDF with an endless stream"),
    upload(
      sampleFile(pdf ? "document.pdf" : "progressive.jpg"),
      "a hostile file name",
      "../../../etc/passwd\u0000.jpg",
    ),
    bytesBody(type, multipart([{ name: "file", bytes: "not a file" }]), "multipart, file as a text field"),
    bytesBody(type, multipart([{ name: "title", bytes: "Biên bản" }]), "multipart, no file part"),
    bytesBody(
      type,
      multipart([
        { name: "file", filename: "a", bytes: jpeg },
        { name: "file", filename: "b", bytes: jpeg },
      ]),
      "multipart, two files",
    ),
    bytesBody(
      type,
      multipart([{ name: "file", filename: "a", bytes: jpeg }], BOUNDARY, false),
      "multipart, never closed",
    ),
    bytesBody(
      "multipart/form-data",
      multipart([{ name: "file", filename: "a", bytes: jpeg }]),
      "multipart without a boundary",
    ),
    bytesBody(
      `multipart/form-data; boundary=other`,
      multipart([{ name: "file", filename: "a", bytes: jpeg }]),
      "multipart, wrong boundary",
    ),
    bytesBody("application/json", jpeg, "a JPEG sent as application/json"),
    bytesBody(undefined, jpeg, "a JPEG with no content type"),
    ...names.map((n) => upload(sampleFile(n), n)),
  ];
}

/**
 * Uploads past the limits, built only when sent: a file one byte over the
 * limit inside a body the route still reads, a body over the request cap
 * with its Content-Length, and the same streamed without one.
 */
export function oversizedUploads(op: Operation, maxFileBytes: number): FuzzBody[] {
  const name = op.path.startsWith("/api/inspections/") ? "big.pdf" : "big.jpg";
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`;
  const tail = `\r\n--${BOUNDARY}--\r\n`;
  const build = (size: number) => () => {
    const magic = name.endsWith(".pdf") ? [0x25, 0x50, 0x44, 0x46, 0x2d] : [0xff, 0xd8, 0xff];
    const file = new Uint8Array(size);
    file.set(magic);
    return concat([head, file, tail]);
  };
  const type = `multipart/form-data; boundary=${BOUNDARY}`;
  const over = maxFileBytes + 1;
  const capped = maxFileBytes + 200 * 1024;
  return [
    { contentType: type, length: over, bytes: build(over), preview: `multipart, a file of ${over} bytes (limit + 1)` },
    { contentType: type, length: capped, bytes: build(capped), preview: `multipart, a file of ${capped} bytes` },
    {
      contentType: type,
      length: capped,
      bytes: build(capped),
      stream: true,
      preview: `multipart streamed without Content-Length, a file of ${capped} bytes`,
    },
  ];
}
