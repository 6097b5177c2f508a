// The shapes of the seeded inspections (inspections.ts plans them,
// inspection-measures.ts carries their measures) and two small helpers.
import type { InspectionStatus, InspectionType, TeamMemberInput } from "../../worker/src/contracts/inspections.ts";
import type { AuditEntry } from "../../worker/src/db/rows/audit.ts";
import type { SeedLead } from "./leads.ts";
import type { FindingRow, IsoDate, MeasureRow } from "./rows.ts";

/** What becomes of a seeded measure: the transitions and cron runs it goes through. */
export type MeasureFate = "open" | "responded" | "verified_on_time" | "verified_late" | "overdue" | "overdue_responded";

/** A corrective measure of a seeded inspection: its row, with its creation and last change in ms. */
export type SeedMeasure = Omit<MeasureRow, "created_at" | "updated_at"> & {
  createdAt: number;
  updatedAt: number;
  fate: MeasureFate | null;
};

/** An inspection as placed on the plan, before it is carried through its dates. */
export interface PlannedInspection {
  id: string;
  type: InspectionType;
  unitId: string;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  /** A scheduled visit moved after its leads came in (`inspection.moved`). */
  moved?: { at: number; before: { plannedStart: IsoDate; plannedEnd: IsoDate } };
  createdAt: number;
  /** When each lead was attached; without it, all were at the creation. */
  attachAt?: (lead: SeedLead) => number;
  leads: SeedLead[];
  /** The status a surprise or verification inspection must show; null: as far as its dates allow. */
  target: Exclude<InspectionStatus, "cancelled"> | null;
}

/** A seeded inspection with its team, history, findings and measures: what `inspectionsSql` writes. */
export interface SeedInspection extends PlannedInspection {
  team: TeamMemberInput[];
  audit: AuditEntry[];
  findings: FindingRow[];
  measures: SeedMeasure[];
  year: number;
  status: InspectionStatus;
  startedAt?: number;
  concludedAt?: number;
  closedAt?: number;
}

/** What `planInspections` returns. */
export interface SeedPlan {
  year: number;
  inspections: SeedInspection[];
  /** Referred leads left for the demo supervisor to plan. */
  unattached: number;
}

/** The `n`-th of `items`, counting round and round. */
export function cycle<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error("cycle over an empty list");
  return item;
}

/** The head of an inspection team (teamFor puts them first). */
export function headOf(team: readonly TeamMemberInput[]): string {
  const head = team[0];
  if (!head) throw new Error("an inspection team without a head");
  return head.userId;
}
