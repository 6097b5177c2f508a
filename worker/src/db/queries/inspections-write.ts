import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { TeamMemberInput } from "../../contracts/inspections";
import type { Db } from "../client";
import { inList } from "../in-list";
import { inspectionCreatedEvent } from "../rows/inspection-events";
import { inspectionRecord } from "../rows/records";
import { inspectionLeads, inspectionMembers, inspections } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { attachStatements } from "./inspections";

/** The columns a new inspection is given by its creator. */
export type NewInspectionValues = Omit<
  typeof inspections.$inferInsert,
  "createdBy" | "createdAt" | "updatedAt" | "status" | "year"
>;

/** The columns of an inspection a change may set. */
export type InspectionUpdate = Partial<Omit<typeof inspections.$inferInsert, "id" | "createdBy" | "createdAt">>;

/**
 * Statements inserting a new planned inspection with its team and leads,
 * audited `inspection.created` (plus `lead.attached` per lead).
 */
export function insertInspectionStatements(
  db: Db,
  actor: Pick<Actor, "id">,
  values: NewInspectionValues,
  team: readonly TeamMemberInput[],
  leadIds: readonly string[],
  at: string,
  summary: Record<string, unknown> = {},
): BatchItem<"sqlite">[] {
  return [
    db.insert(inspections).values(inspectionRecord(values, actor.id, at)),
    ...team.map((m) => db.insert(inspectionMembers).values({ inspectionId: values.id, ...m })),
    ...attachStatements(db, actor, values.id, leadIds, at),
    auditInsert(db, inspectionCreatedEvent(actor.id, values, team, leadIds, at, summary)),
  ];
}

/** The update of an inspection's columns, stamped `updated_at`. */
export function updateInspection(db: Db, id: string, patch: InspectionUpdate, at: string): BatchItem<"sqlite"> {
  return db
    .update(inspections)
    .set({ ...patch, updatedAt: at })
    .where(eq(inspections.id, id));
}

/** Statements replacing an inspection's whole team. */
export function replaceTeam(db: Db, id: string, team: readonly TeamMemberInput[]): BatchItem<"sqlite">[] {
  return [
    db.delete(inspectionMembers).where(eq(inspectionMembers.inspectionId, id)),
    ...team.map((m) => db.insert(inspectionMembers).values({ inspectionId: id, ...m })),
  ];
}

/** Detaches leads from an inspection (all of them without a list). */
export function detachLeads(db: Db, id: string, leadIds?: readonly string[]): BatchItem<"sqlite"> {
  return db
    .delete(inspectionLeads)
    .where(
      leadIds
        ? and(eq(inspectionLeads.inspectionId, id), inList(inspectionLeads.leadId, leadIds))
        : eq(inspectionLeads.inspectionId, id),
    );
}
