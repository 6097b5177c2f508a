import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("documents every inspection, plan, measure, export and contest endpoint in the OpenAPI file", async () => {
  const res = await SELF.fetch("https://portal.test/api/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  const expected: [string, string][] = [
    ["/inspections", "post"],
    ["/inspections", "get"],
    ["/inspections/{id}", "get"],
    ["/inspections/{id}", "patch"],
    ["/inspections/{id}/split", "post"],
    ["/inspections/{id}/start", "post"],
    ["/inspections/{id}/findings/{leadId}", "put"],
    ["/inspections/{id}/documents", "post"],
    ["/inspections/{id}/documents/{docId}", "get"],
    ["/inspections/{id}/conclusion", "post"],
    ["/plan", "get"],
    ["/plan/{year}/build", "post"],
    ["/measures", "get"],
    ["/measures/{id}/response", "post"],
    ["/measures/{id}/verify", "post"],
    ["/measures/{id}/reject", "post"],
    ["/exports/personnel.csv", "get"],
    ["/reports/{trackingCode}/contest", "post"],
  ];
  for (const [path, method] of expected) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  const view = JSON.stringify(doc.paths["/reports/{trackingCode}"]);
  expect(view).toContain("outcomeSummary");
});
