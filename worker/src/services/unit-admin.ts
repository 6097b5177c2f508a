import {
  type AdminUnit,
  type AdminUnitList,
  type AdminUnitQuery,
  AdminUnitSchema,
  type UnitCreate,
  type UnitMerge,
  type UnitRetire,
  type UnitSplit,
  type UnitSplitResult,
  type UnitUpdate,
} from "../contracts/unit-admin";
import { type AuditEntry, auditInsert } from "../db/queries/audit";
import {
  type AdminUnitRow,
  aliasesOf,
  allUnitLinks,
  currentUnitNamed,
  getUnitRow,
  getUnitRows,
  insertAlias,
  insertUnit,
  listUnitRows,
  unitIdOrCodeTaken,
  unitUnchanged,
  updateUnitRow,
} from "../db/queries/units";
import { hanoiDate } from "../domain/calendar";
import { fold } from "../domain/text";
import { checkMerge, checkParent, checkSplit, type UnitCheck, type UnitLink } from "../domain/unit-admin";
import { ApiError } from "../http/errors";
import { UNIT_MESSAGES, type UnitMessageKey } from "../i18n/units";
import { commitWrite, type Statements } from "./batch";
import type { ActorContext } from "./context";

/**
 * The directory's administration (`/api/admin/units`, permission
 * `units.manage`). Each change is one D1 batch with its audit row (`unit.*`,
 * `{ before, after }`), guarded by the unit's row as it was read: a
 * concurrent change answers 409 and writes nothing.
 */

function problem(ctx: ActorContext, key: UnitMessageKey, pointer?: string): ApiError {
  const message = UNIT_MESSAGES[key][ctx.lang];
  if (!pointer) return new ApiError("conflict", { detail: message });
  return new ApiError("validation_failed", { detail: message, errors: [{ pointer, message }] });
}

function unknownUnit(ctx: ActorContext): ApiError {
  return new ApiError("not_found", { detail: UNIT_MESSAGES.unknown_unit[ctx.lang] });
}

/** A domain check's failure as the problem of `i18n/units.ts`. */
function orThrow(ctx: ActorContext, check: UnitCheck): void {
  if (check.ok) return;
  const key = (check.detail in UNIT_MESSAGES ? check.detail : "cycle") as UnitMessageKey;
  throw problem(ctx, key, check.error === "invalid" ? check.pointers[0] : undefined);
}

function event(ctx: ActorContext, action: string, id: string, before: unknown, after: unknown): AuditEntry {
  return {
    actorId: ctx.actor.id,
    actorKind: "user",
    at: ctx.now.toISOString(),
    action,
    targetType: "unit",
    targetId: id,
    summary: { before, after },
  };
}

const today = (ctx: ActorContext) => hanoiDate(ctx.now);

async function views(ctx: ActorContext, rows: readonly AdminUnitRow[]): Promise<AdminUnit[]> {
  const aliases = await aliasesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    AdminUnitSchema.parse({
      ...row,
      aliases: aliases.filter((a) => a.unitId === row.id).map(({ unitId: _, ...alias }) => alias),
    }),
  );
}

async function view(ctx: ActorContext, id: string): Promise<AdminUnit> {
  const row = await getUnitRow(ctx.db, id);
  const [unit] = row ? await views(ctx, [row]) : [];
  if (!unit) throw unknownUnit(ctx);
  return unit;
}

async function requireUnit(ctx: ActorContext, id: string) {
  const row = await getUnitRow(ctx.db, id);
  if (!row) throw unknownUnit(ctx);
  return row;
}

async function links(ctx: ActorContext): Promise<Map<string, UnitLink>> {
  return new Map((await allUnitLinks(ctx.db)).map((l) => [l.id, l]));
}

/** A readable id from a name ("Sở Xây dựng" → "so-xay-dung"), with a suffix when taken. */
async function freeId(ctx: ActorContext, name: string): Promise<string> {
  const base =
    fold(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 48) || "don-vi";
  for (let n = 1; n < 50; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await unitIdOrCodeTaken(ctx.db, id, null))) return id;
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}

async function requireNameFree(ctx: ActorContext, name: string, on: string, exceptId?: string) {
  if (await currentUnitNamed(ctx.db, fold(name), on, exceptId)) throw problem(ctx, "duplicate_name");
}

async function requireParent(ctx: ActorContext, parentId: string | null, unitId?: string) {
  if (parentId === null) return;
  const all = await links(ctx);
  const parent = all.get(parentId);
  if (!parent || parent.validTo !== null) throw problem(ctx, "unknown_unit", "/parentId");
  if (unitId) orThrow(ctx, checkParent(unitId, parentId, all));
}

/** `GET /api/admin/units`: units by name, kind and status, with their aliases. */
export async function listDirectory(ctx: ActorContext, query: AdminUnitQuery): Promise<AdminUnitList> {
  return { items: await views(ctx, await listUnitRows(ctx.db, query, today(ctx))) };
}

/** `GET /api/admin/units/{id}` */
export async function directoryUnit(ctx: ActorContext, id: string): Promise<AdminUnit> {
  return view(ctx, id);
}

/** `POST /api/admin/units`: a new unit, confirmed (an administrator made it). */
export async function createUnit(ctx: ActorContext, input: UnitCreate): Promise<AdminUnit> {
  await requireParent(ctx, input.parentId);
  await requireNameFree(ctx, input.name, today(ctx));
  if (input.code && (await unitIdOrCodeTaken(ctx.db, "", input.code))) throw problem(ctx, "duplicate_code");
  const id = await freeId(ctx, input.name);
  const row = {
    id,
    code: input.code,
    name: input.name,
    nameFolded: fold(input.name),
    kind: input.kind,
    parentId: input.parentId,
    sector: input.sector,
    validFrom: input.validFrom,
    toConfirm: false,
  };
  await commitWrite(ctx.db, [insertUnit(ctx.db, row), auditInsert(ctx.db, event(ctx, "unit.created", id, null, row))]);
  return view(ctx, id);
}

/**
 * `PATCH /api/admin/units/{id}`: rename (the old name becomes an alias ending
 * `renamedOn`, default today), move under another parent, set the sector,
 * confirm a starting entry.
 */
export async function updateUnit(ctx: ActorContext, id: string, input: UnitUpdate): Promise<AdminUnit> {
  const before = await requireUnit(ctx, id);
  const on = input.renamedOn ?? today(ctx);
  const renamed = input.name !== undefined && input.name !== before.name;
  if (renamed && input.name) {
    if (before.validFrom && on < before.validFrom) throw problem(ctx, "date_before_start", "/renamedOn");
    await requireNameFree(ctx, input.name, today(ctx), id);
  }
  if (input.parentId !== undefined && input.parentId !== before.parentId) {
    await requireParent(ctx, input.parentId, id);
  }
  const changes = {
    ...(renamed && input.name ? { name: input.name, nameFolded: fold(input.name) } : {}),
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
    ...(input.sector !== undefined ? { sector: input.sector } : {}),
    ...(input.confirmed ? { toConfirm: false } : {}),
  };
  const statements: Statements = [updateUnitRow(ctx.db, id, changes)];
  if (renamed && fold(before.name) !== fold(input.name ?? "")) {
    statements.push(insertAlias(ctx.db, { unitId: id, name: before.name, nameFolded: fold(before.name), validTo: on }));
  }
  const was = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
  statements.push(
    auditInsert(ctx.db, event(ctx, "unit.updated", id, was, { ...changes, ...(renamed ? { renamedOn: on } : {}) })),
  );
  await commitWrite(ctx.db, statements, unitUnchanged(before));
  return view(ctx, id);
}

/**
 * `POST /api/admin/units/{id}/merge`: from `effectiveOn` the unit has ended
 * and new reports about it go to the successor; its name becomes an alias of
 * the successor. What it already has (reports, open leads, statistics) stays.
 */
export async function mergeUnit(ctx: ActorContext, id: string, input: UnitMerge): Promise<AdminUnit> {
  const unit = await requireUnit(ctx, id);
  const all = await links(ctx);
  const successor = all.get(input.successorId);
  if (!successor) throw problem(ctx, "unknown_unit", "/successorId");
  orThrow(ctx, checkMerge(unit, successor, all, input.effectiveOn, today(ctx)));
  if (unit.validFrom && input.effectiveOn <= unit.validFrom) throw problem(ctx, "date_before_start", "/effectiveOn");
  await commitWrite(
    ctx.db,
    [
      updateUnitRow(ctx.db, id, { validTo: input.effectiveOn, successorId: successor.id }),
      insertAlias(ctx.db, {
        unitId: successor.id,
        name: unit.name,
        nameFolded: fold(unit.name),
        validTo: input.effectiveOn,
        oldCode: unit.code,
      }),
      auditInsert(
        ctx.db,
        event(
          ctx,
          "unit.merged",
          id,
          { validTo: unit.validTo, successorId: unit.successorId },
          { validTo: input.effectiveOn, successorId: successor.id },
        ),
      ),
    ],
    unitUnchanged(unit),
  );
  return view(ctx, id);
}

/**
 * `POST /api/admin/units/{id}/split`: from `effectiveOn` the unit has ended
 * without a single successor (new reports must choose one of them); its name
 * becomes a partial alias of each. New successors are created under the
 * unit's parent.
 */
export async function splitUnit(ctx: ActorContext, id: string, input: UnitSplit): Promise<UnitSplitResult> {
  const unit = await requireUnit(ctx, id);
  const all = await links(ctx);
  const statements: Statements = [];
  const successors: UnitLink[] = [];
  const created: string[] = [];
  for (const [index, entry] of input.successors.entries()) {
    if ("id" in entry) {
      const existing = all.get(entry.id);
      if (!existing) throw problem(ctx, "unknown_unit", `/successors/${index}/id`);
      successors.push(existing);
      continue;
    }
    await requireNameFree(ctx, entry.name, input.effectiveOn);
    let newId = await freeId(ctx, entry.name);
    while (created.includes(newId)) newId = `${newId}-${index + 1}`;
    created.push(newId);
    statements.push(
      insertUnit(ctx.db, {
        id: newId,
        name: entry.name,
        nameFolded: fold(entry.name),
        kind: entry.kind,
        parentId: unit.parentId,
        sector: entry.sector,
        validFrom: input.effectiveOn,
      }),
    );
    successors.push({ id: newId, parentId: unit.parentId, successorId: null, validTo: null });
  }
  orThrow(ctx, checkSplit(unit, successors, input.effectiveOn, today(ctx)));
  if (unit.validFrom && input.effectiveOn <= unit.validFrom) throw problem(ctx, "date_before_start", "/effectiveOn");
  statements.push(updateUnitRow(ctx.db, id, { validTo: input.effectiveOn }));
  for (const successor of successors) {
    statements.push(
      insertAlias(ctx.db, {
        unitId: successor.id,
        name: unit.name,
        nameFolded: fold(unit.name),
        validTo: input.effectiveOn,
        oldCode: unit.code,
        partial: true,
      }),
    );
  }
  statements.push(
    auditInsert(
      ctx.db,
      event(
        ctx,
        "unit.split",
        id,
        { validTo: unit.validTo },
        { validTo: input.effectiveOn, successors: successors.map((s) => s.id), created },
      ),
    ),
  );
  await commitWrite(ctx.db, statements, unitUnchanged(unit));
  const order = [id, ...successors.map((s) => s.id)];
  const rows = await getUnitRows(ctx.db, order);
  const [after, ...rest] = await views(
    ctx,
    order.flatMap((x) => rows.filter((r) => r.id === x)),
  );
  if (!after) throw unknownUnit(ctx);
  return { unit: after, successors: rest };
}

/** `POST /api/admin/units/{id}/retire`: the unit ends on `effectiveOn`, with no successor. */
export async function retireUnit(ctx: ActorContext, id: string, input: UnitRetire): Promise<AdminUnit> {
  const unit = await requireUnit(ctx, id);
  if (unit.validTo !== null && unit.validTo <= today(ctx)) throw problem(ctx, "already_retired");
  if (unit.validFrom && input.effectiveOn <= unit.validFrom) throw problem(ctx, "date_before_start", "/effectiveOn");
  await commitWrite(
    ctx.db,
    [
      updateUnitRow(ctx.db, id, { validTo: input.effectiveOn }),
      auditInsert(ctx.db, event(ctx, "unit.retired", id, { validTo: unit.validTo }, { validTo: input.effectiveOn })),
    ],
    unitUnchanged(unit),
  );
  return view(ctx, id);
}
