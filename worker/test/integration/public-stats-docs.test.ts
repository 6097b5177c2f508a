import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("GET /api/docs is a readable HTML reference of every documented endpoint, self-contained", async () => {
  const res = await SELF.fetch("https://portal.test/api/docs");
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toMatch(/^text\/html; charset=utf-8/i);
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  expect(csp).toMatch(/^default-src 'none'/);
  expect(csp).toContain("style-src 'self';");
  expect(csp).not.toMatch(/script-src|unsafe/);
  const html = await res.text();
  expect(html).toMatch(/^<!doctype html>\s*<html lang="vi">/);
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(html).toContain('<a href="#noi-dung">');
  expect(html).toContain('<a href="/api/openapi.json">');
  // nothing runs, nothing is fetched from elsewhere: one stylesheet of our own, served as a static asset
  expect(html).not.toMatch(/<script|<img|<iframe|style=|https?:\/\/(?!creativecommons\.org\/licenses)/i);
  expect([...html.matchAll(/<link [^>]*>/g)].map((m) => m[0])).toEqual([
    '<link rel="stylesheet" href="/api-docs.css">',
  ]);
  const css = await env.ASSETS.fetch("https://portal.test/api-docs.css");
  expect(css.status).toBe(200);
  expect(await css.text()).not.toMatch(/@import|url\(/);

  const doc = (await (await SELF.fetch("https://portal.test/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { summary?: string }>>;
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) {
      expect(html, `${method} ${path}`).toContain(`${method.toUpperCase()} /api${path.replaceAll("&", "&amp;")}`);
    }
  }
  expect(html).toContain("GET /api/public/stats.csv");
  // the stats query parameters and response fields are spelled out
  for (const name of ["groupBy", "categoryCode", "totalsSuppressed", "medianDaysToFirstResponse", "X-Stats-Cache"]) {
    expect(html).toContain(`<code>${name}</code>`);
  }
  // problem types link here
  expect(html).toContain('id="problem-validation-failed"');
});
