import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { open311Validator } from "../open311/schemas";
import { asXmlText, parseXml, type XmlRead } from "../open311/xml-reader";
import { ORIGIN } from "./accounts";

/** The Open311 base URL of the test deployment. */
export const OPEN311 = `${ORIGIN}/open311/v2`;

/** A GET under `/open311/v2` (path with its suffix and query). */
export function open311Get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${OPEN311}/${path}`, { headers });
}

/** A form-encoded POST under `/open311/v2`, fields in order (repeats allowed). */
export function open311Post(
  path: string,
  fields: Record<string, string> | [string, string][],
  headers: Record<string, string> = {},
): Promise<Response> {
  return SELF.fetch(`${OPEN311}/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Fails with the validator's errors unless `body` validates against the Open311 schema `schema`. */
export function expectSchema(schema: string, body: unknown): void {
  const result = open311Validator.validate(schema, body);
  expect(result.errors, JSON.stringify(body)).toEqual([]);
}

/** A JSON answer: its status, content type and schema checked; the body parsed. */
export async function expectJson<T = unknown>(res: Response, status: number, schema: string): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(res.headers.get("Content-Type")).not.toMatch(/problem/);
  const body = JSON.parse(text) as T;
  expectSchema(schema, body);
  return body;
}

/** An XML answer: its status and content type checked, parsed back to the JSON shape (all text). */
export async function expectXml(res: Response, status: number, root: string): Promise<XmlRead> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("Content-Type")).toBe("text/xml; charset=utf-8");
  const parsed = parseXml(text);
  expect(parsed.root).toBe(root);
  return parsed.value;
}

/**
 * GETs a resource as `.json` and `.xml`: the JSON validates against
 * `schema`, the XML has `root` and says the same, key by key, as text.
 * Returns the JSON body.
 */
export async function getBoth<T = unknown>(
  resource: string,
  query: string,
  schema: string,
  root: string,
  status = 200,
  headers: Record<string, string> = {},
): Promise<T> {
  const suffix = query ? `?${query}` : "";
  const json = await expectJson<T>(await open311Get(`${resource}.json${suffix}`, headers), status, schema);
  const xml = await expectXml(await open311Get(`${resource}.xml${suffix}`, headers), status, root);
  expect(xml).toEqual(asXmlText(json));
  return json;
}

/** An Open311 error list, checked in JSON against errors.json, in XML as `<errors><error>`. */
export async function expectErrors(res: Response, status: number, format: "json" | "xml" = "json") {
  expect(res.headers.get("Cache-Control")).toBe("no-store");
  if (format === "json") return expectJson<{ code: number; description: string }[]>(res, status, "errors.json");
  const list = (await expectXml(res, status, "errors")) as { code: string; description: string }[];
  const json = list.map((item) => ({ code: Number(item.code), description: item.description }));
  expectSchema("errors.json", json);
  return json;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A registered client app inserted straight into `api_clients`; returns its id and key. */
export async function insertClient(
  options: { name?: string; publicApp?: boolean; revoked?: boolean; requestsPerHour?: number } = {},
): Promise<{ id: string; key: string }> {
  const id = crypto.randomUUID();
  const key = `o311_${crypto.randomUUID().replaceAll("-", "")}`;
  const at = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO api_clients (id, name, key_hash, key_prefix, requests_per_hour, public_app, use_count, created_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  )
    .bind(
      id,
      options.name ?? "Ứng dụng thử",
      await sha256Hex(key),
      key.slice(0, 9),
      options.requestsPerHour ?? 100,
      options.publicApp ? 1 : 0,
      at,
      options.revoked ? at : null,
    )
    .run();
  return { id, key };
}
