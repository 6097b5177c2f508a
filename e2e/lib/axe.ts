// axe-core for the browser tests: evaluated into the page over DevTools (which
// the CSP does not govern), run with the WCAG 2.2 A/AA tags.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../../scripts/lib/wrangler.ts";

declare global {
  interface Window {
    /** axe-core, evaluated into the page by `assertAccessible`. */
    axe: typeof import("axe-core");
  }
}

/** The rule sets every page must pass. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe-core in the page and asserts no violation. */
export async function assertAccessible(p: Page, url: string): Promise<void> {
  const source = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  await p.evaluate(source);
  const violations = await p.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  }, AXE_TAGS);
  assert.deepEqual(violations, [], `axe-core violations on ${url}`);
}
