import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { InspectionCreate } from "../../src/contracts/inspections";
import { createDb } from "../../src/db/client";
import type { Lang } from "../../src/env";
import { ApiError, ERROR_CODES, type ErrorCode, problemBody } from "../../src/http/errors";
import { INSPECTION_MESSAGES } from "../../src/i18n/inspections";
import type { ActorContext } from "../../src/services/context";
import { putFinding } from "../../src/services/findings";
import {
  cancelInspection,
  createInspection,
  patchInspection,
  startInspection,
} from "../../src/services/inspections/lifecycle";
import { getInspection } from "../../src/services/inspections/read";
import { applyMeasureAction } from "../../src/services/measures";
import { buildPlan, splitInspection } from "../../src/services/plan";
import { createUser, type TestUser } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import { createUnit } from "../support/leads";

/**
 * The inspection services called directly, as a seed or the cron job would:
 * each failure of a use case is the ApiError of the one mapping in
 * `http/failures` (not found 404, forbidden 403, illegal 409, invalid 422),
 * with its texts in the context's language.
 */

let supervisor: TestUser;
let inspector: TestUser;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await createUser("supervisor");
  inspector = await createUser("inspector");
});

function contextOf(user: TestUser, lang: Lang): ActorContext {
  return {
    db: createDb(env.DB),
    env,
    lang,
    now: new Date(),
    actor: { id: user.id, email: user.email, role: user.role, totpEnabled: false, unitId: null },
  };
}

/** The ApiError a use case rejects with, checked to render as a problem of `code` titled in `lang`. */
async function failure(lang: Lang, code: ErrorCode, work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.code).toBe(code);
  expect(apiError.status).toBe(ERROR_CODES[code].status);
  expect(problemBody(apiError.code, lang, "test", apiError.options).title).toBe(ERROR_CODES[code][lang]);
  return apiError;
}

function body(unitId: string, overrides: Partial<InspectionCreate> = {}): InspectionCreate {
  return {
    type: "verification",
    unitId,
    plannedStart: "2027-03-01",
    plannedEnd: "2027-03-05",
    scope: "Xác minh việc tiếp nhận hồ sơ tại bộ phận một cửa",
    leadIds: [],
    team: [],
    ...overrides,
  };
}

describe.each(["vi", "en"] as const)("inspection services in %s", (lang) => {
  it("not found: an unknown inspection, unit or measure is 404, the unit with its localised detail", async () => {
    const ctx = contextOf(supervisor, lang);
    expect((await failure(lang, "not_found", getInspection(ctx, "khong-co"))).status).toBe(404);
    const unknownUnit = await failure(lang, "not_found", createInspection(ctx, body("khong-co-don-vi")));
    expect(unknownUnit.options.detail).toBe(INSPECTION_MESSAGES.unknown_unit[lang]);
    await failure(lang, "not_found", applyMeasureAction(ctx, "khong-co", { action: "verify" }));
    await failure(
      lang,
      "not_found",
      splitInspection(ctx, "khong-co", { leadIds: ["x"], plannedStart: "2027-05-01", plannedEnd: "2027-05-02" }),
    );
  });

  it("not found: a finding on a lead the inspection does not have is 404", async () => {
    const unit = await createUnit();
    const ctx = contextOf(supervisor, lang);
    const created = await createInspection(ctx, body(unit.id));
    const finding = { outcome: "substantiated" as const, reasoning: "x".repeat(40), publicSummary: "y".repeat(30) };
    await failure(lang, "not_found", putFinding(ctx, created.id, "khong-gan", finding));
  });

  it("forbidden: a role without the permission, or a staff member off the team, is 403", async () => {
    const unit = await createUnit();
    const created = await createInspection(contextOf(supervisor, lang), body(unit.id));
    const asInspector = contextOf(inspector, lang);
    expect((await failure(lang, "forbidden", createInspection(asInspector, body(unit.id)))).status).toBe(403);
    await failure(lang, "forbidden", buildPlan(asInspector, 2027));
    // the permission holds (inspections.conduct), the team rule of the domain does not
    await failure(lang, "forbidden", startInspection(asInspector, created.id));
  });

  it("illegal: a rule of the lifecycle or the plan refused is 409, with the localised detail where there is one", async () => {
    const unit = await createUnit();
    const ctx = contextOf(supervisor, lang);
    const scheduled = await createInspection(ctx, body(unit.id, { type: "scheduled" }));
    const second = await failure(lang, "conflict", createInspection(ctx, body(unit.id, { type: "scheduled" })));
    expect(second.status).toBe(409);
    expect(second.options.detail).toBe(INSPECTION_MESSAGES.plan_conflict[lang]);
    const otherYear = await failure(
      lang,
      "conflict",
      patchInspection(ctx, scheduled.id, { plannedStart: "2028-01-05", plannedEnd: "2028-01-06" }),
    );
    expect(otherYear.options.detail).toBe(INSPECTION_MESSAGES.other_year[lang]);
    expect((await startInspection(ctx, scheduled.id)).status).toBe("in_progress");
    await failure(lang, "conflict", startInspection(ctx, scheduled.id));
    await failure(lang, "conflict", cancelInspection(ctx, scheduled.id, { reason: "Đơn vị đã sáp nhập, bỏ lịch" }));
  });

  it("invalid: a field the rules refuse is 422 with its pointer and the message in the context's language", async () => {
    const unit = await createUnit();
    const ctx = contextOf(supervisor, lang);
    const created = await createInspection(ctx, body(unit.id));

    const reason = await failure(lang, "validation_failed", cancelInspection(ctx, created.id, { reason: "ngắn" }));
    expect(reason.status).toBe(422);
    expect(reason.options.detail).toBe(INSPECTION_MESSAGES.cancel_reason[lang]);
    expect(reason.options.errors).toEqual([{ pointer: "/reason", message: INSPECTION_MESSAGES.cancel_reason[lang] }]);

    const dates = await failure(
      lang,
      "validation_failed",
      patchInspection(ctx, created.id, { plannedStart: "2027-03-10", plannedEnd: "2027-03-09" }),
    );
    expect(dates.options.errors).toEqual([
      { pointer: "/plannedEnd", message: INSPECTION_MESSAGES.ends_before_start[lang] },
    ]);

    const team = await failure(
      lang,
      "validation_failed",
      createInspection(
        ctx,
        body(unit.id, {
          team: [
            { userId: inspector.id, role: "member" },
            { userId: inspector.id, role: "member" },
          ],
        }),
      ),
    );
    expect(team.options.errors).toEqual([
      { pointer: "/team/1/userId", message: INSPECTION_MESSAGES.duplicate_member[lang] },
    ]);

    // nothing was written by the refused calls
    expect((await getInspection(ctx, created.id)).status).toBe("planned");
  });
});
