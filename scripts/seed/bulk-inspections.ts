// The inspections of the bulk data, after the leads they take up: each
// concluded one gets corrective measures with a drawn fate (verified on time
// or late, overdue, responded, open), and is closed once all are verified.
// The records are the services' (worker/src/db/rows: inspectionRecord,
// measureRecord, findingRecord), renamed to columns by `sqlRow`; the bulk
// path writes their final state at once, without the audit trail.
import type { InspectionStatus, InspectionType } from "../../worker/src/contracts/inspections.ts";
import type { Domain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";
import { hexId } from "./bulk-sql.ts";
import { iso } from "./ids.ts";
import { CONCLUSION, MEASURES, RESPONSES, SCOPES } from "./inspection-texts.ts";
import type { FindingRow, IsoDate, MeasureRow, Tables } from "./rows.ts";
import { type Rng, sqlRow } from "./sql.ts";

/** An inspection of the bulk data while its leads are referred to it. */
export interface BulkInspection {
  id: string;
  type: InspectionType;
  unitId: string;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  createdMs: number;
  startedMs: number;
  concludedMs: number;
  status: Extract<InspectionStatus, "planned" | "in_progress" | "concluded">;
  leads: string[];
  findings: FindingRow[];
}

/** The rows of the inspection tables, in foreign-key order. */
export type InspectionTables = {
  [T in "inspections" | "inspection_members" | "inspection_leads" | "findings" | "measures"]: Tables[T][];
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const { supervisor, inspector } = DEMO_ACCOUNTS;

/** The rows of `inspections` (with their leads and findings) and the measures they set; counts measures. */
export function inspectionTables(
  domain: Domain,
  rng: Rng,
  inspections: Iterable<BulkInspection>,
  { now, batch, counts }: { now: Date; batch: number; counts: { measures: number } },
): InspectionTables {
  const { rows } = domain;
  const { addWorkingDays, hanoiDate, DEFAULT_CALENDAR } = domain.calendar;
  const { deadlineEnd } = domain.inspections;
  const nowMs = now.getTime();
  const tables: InspectionTables = {
    inspections: [],
    inspection_members: [],
    inspection_leads: [],
    findings: [],
    measures: [],
  };
  for (const insp of inspections) {
    const started = insp.status !== "planned";
    const concluded = insp.status === "concluded";
    const measures: MeasureRow[] = [];
    if (concluded) {
      const substantiated = insp.findings.some(
        (f) => f.outcome === "substantiated" || f.outcome === "partly_substantiated",
      );
      const wanted = substantiated ? rng.int(1, 3) : rng.chance(0.3) ? 1 : 0;
      const concludedDate = hanoiDate(new Date(insp.concludedMs));
      for (let k = 0; k < wanted; k++) {
        const deadline = addWorkingDays(concludedDate, [20, 30, 45][k] ?? 45, DEFAULT_CALENDAR);
        const dueMs = Date.parse(deadlineEnd(deadline));
        const createdMs = insp.concludedMs;
        const past = dueMs < nowMs;
        const fateOf = past
          ? rng.weighted({ verified_on_time: 5, verified_late: 2, overdue: 2, overdue_responded: 1 })
          : rng.weighted({ open: 3, responded: 2, verified_on_time: 2 });
        const clamp = (t: number) => Math.min(t, nowMs - HOUR_MS);
        const row: MeasureRow = {
          ...sqlRow(
            rows.measureRecord(
              hexId(4, batch, counts.measures++),
              insp.id,
              {
                responsibleUnitId: insp.unitId,
                description: MEASURES[k % MEASURES.length] ?? "",
                deadline,
                status: "open",
              },
              iso(createdMs),
            ),
          ),
          response: null,
          responded_at: null,
          verified_at: null,
          verified_by: null,
          verified_on_time: null,
          overdue_since: null,
          last_escalated_at: null,
        };
        if (fateOf === "verified_on_time" || fateOf === "responded") {
          const respondedMs = clamp(createdMs + (dueMs - createdMs) * (0.3 + rng.next() * 0.5));
          Object.assign(row, {
            status: "responded",
            response: RESPONSES[k % RESPONSES.length] ?? null,
            responded_at: iso(respondedMs),
          });
          if (fateOf === "verified_on_time") {
            const verifiedMs = clamp(respondedMs + rng.int(1, 4) * DAY_MS);
            Object.assign(row, {
              status: "verified",
              verified_at: iso(verifiedMs),
              verified_by: supervisor.id,
              verified_on_time: 1,
            });
          }
        } else if (fateOf !== "open") {
          const overdueMs = dueMs + 5 * 60_000;
          Object.assign(row, { status: "overdue", overdue_since: iso(overdueMs), last_escalated_at: iso(overdueMs) });
          if (fateOf !== "overdue") {
            const respondedMs = clamp(dueMs + rng.int(3, 25) * DAY_MS);
            Object.assign(row, {
              status: "responded",
              response: RESPONSES[k % RESPONSES.length] ?? null,
              responded_at: iso(respondedMs),
            });
            if (fateOf === "verified_late") {
              const verifiedMs = clamp(respondedMs + rng.int(1, 5) * DAY_MS);
              Object.assign(row, {
                status: "verified",
                verified_at: iso(verifiedMs),
                verified_by: supervisor.id,
                verified_on_time: 0,
              });
            }
          }
        }
        row.updated_at = row.verified_at ?? row.responded_at ?? row.overdue_since ?? row.created_at;
        measures.push(row);
      }
    }
    const closedMs =
      concluded && measures.every((m) => m.status === "verified")
        ? Math.max(insp.concludedMs, ...measures.map((m) => Date.parse(m.verified_at ?? "")))
        : null;
    tables.inspections.push({
      ...sqlRow(
        rows.inspectionRecord(
          {
            id: insp.id,
            type: insp.type,
            unitId: insp.unitId,
            plannedStart: insp.plannedStart,
            plannedEnd: insp.plannedEnd,
            scope: SCOPES[insp.type],
          },
          supervisor.id,
          iso(insp.createdMs),
        ),
      ),
      status: closedMs ? "closed" : insp.status,
      updated_at: iso(closedMs ?? (concluded ? insp.concludedMs : started ? insp.startedMs : insp.createdMs)),
      started_at: started ? iso(insp.startedMs) : null,
      conclusion: concluded ? CONCLUSION.text : null,
      recommendations: concluded ? CONCLUSION.recommendations : null,
      guidance: concluded ? CONCLUSION.guidance : null,
      concluded_at: concluded ? iso(insp.concludedMs) : null,
      concluded_by: concluded ? supervisor.id : null,
      closed_at: closedMs ? iso(closedMs) : null,
    });
    tables.inspection_members.push(
      { inspection_id: insp.id, user_id: supervisor.id, role: "head" },
      { inspection_id: insp.id, user_id: inspector.id, role: "member" },
    );
    for (const leadId of insp.leads) tables.inspection_leads.push({ inspection_id: insp.id, lead_id: leadId });
    tables.findings.push(...insp.findings);
    tables.measures.push(...measures);
  }
  return tables;
}
