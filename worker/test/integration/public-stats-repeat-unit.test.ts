import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { unitFindingsLast12Months } from "../../src/db/queries/triage";
import { insertUnits } from "../support/fixtures";
import { inspectionReadyToConclude } from "../support/inspections";
import { createUnit, type Session, signIn } from "../support/leads";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

it("a unit's substantiated findings of the last twelve Hanoi months come from the rollup, for the repeat-unit factor", async () => {
  const unit = (await createUnit()).id;
  const other = (await createUnit()).id;
  const db = createDb(env.DB);
  const now = new Date();
  expect(await unitFindingsLast12Months(db, unit, now)).toBe(0);
  await inspectionReadyToConclude(supervisor, unit, { outcome: "substantiated" });
  await inspectionReadyToConclude(supervisor, unit, { outcome: "partly_substantiated" });
  await inspectionReadyToConclude(supervisor, unit, { outcome: "not_substantiated" });
  await inspectionReadyToConclude(supervisor, other, { outcome: "substantiated" });
  expect(await unitFindingsLast12Months(db, unit, now)).toBe(2);
  expect(await unitFindingsLast12Months(db, other, now)).toBe(1);
  // eleven months on the findings still count; twelve months on they have left the window
  const month = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + n, 15));
  expect(await unitFindingsLast12Months(db, unit, month(11))).toBe(2);
  expect(await unitFindingsLast12Months(db, unit, month(12))).toBe(0);
});
