/**
 * The few inspection rules the queries need, until the pure domain
 * (`worker/src/domain/inspections`) replaces them: which actions a user may
 * take, when a measure is overdue, when an overdue measure is escalated
 * again, and the texts of the errors these rules produce.
 */
import type { InspectionAction, InspectionStatus, InspectionType, MeasureStatus } from "../../contracts/inspections";
import { can, type Role } from "../../domain/auth-policy";
import type { Lang } from "../../env";

export interface InspectionFacts {
  type: InspectionType;
  status: InspectionStatus;
  leadCount: number;
}

/** What `role` may do on an inspection, given whether the user is on its team. */
export function allowedActions(inspection: InspectionFacts, role: Role, member: boolean): InspectionAction[] {
  const manage = can(role, "inspections.manage");
  const conduct = can(role, "inspections.conduct") && member;
  const out: InspectionAction[] = [];
  const { status } = inspection;
  if (manage && status === "planned") out.push("move");
  if (manage && status === "planned" && inspection.leadCount > 0) out.push("split");
  if (manage && (status === "planned" || status === "in_progress")) out.push("edit_team");
  if (conduct && status === "planned") out.push("start");
  if (conduct && status === "in_progress" && inspection.leadCount > 0) out.push("record_finding");
  if (conduct && (status === "planned" || status === "in_progress" || status === "concluded")) out.push("upload");
  if (manage && status === "in_progress") out.push("conclude");
  return out;
}

/** The end of a calendar day in Hanoi (UTC+7, no daylight saving), as an instant. */
export function endOfHanoiDay(date: string): string {
  return new Date(Date.parse(`${date}T23:59:59.999+07:00`)).toISOString();
}

/** Whether a measure in `status` with `deadline` is overdue at `now`: the unit has not responded in time. */
export function isMeasureLate(status: MeasureStatus, deadline: string, now: Date): boolean {
  return status === "open" && endOfHanoiDay(deadline) < now.toISOString();
}

/** Overdue measures are escalated to supervisors once, then again every this many days while overdue. */
export const ESCALATION_INTERVAL_MS = 3 * 24 * 60 * 60 * 1000;

/** Whether an overdue measure is due for (another) escalation at `now`. */
export function escalationDue(lastEscalatedAt: string | null, now: Date): boolean {
  return lastEscalatedAt === null || now.getTime() - Date.parse(lastEscalatedAt) >= ESCALATION_INTERVAL_MS;
}

/** Whether a measure responded at `respondedAt` met its deadline. */
export function onTime(respondedAt: string | null, deadline: string): boolean {
  return respondedAt !== null && respondedAt <= endOfHanoiDay(deadline);
}

export const INSPECTION_MESSAGES = {
  recused: {
    vi: "Cán bộ này phải tránh (có liên hệ với đơn vị được kiểm tra)",
    en: "This person is recused (tied to the inspected unit)",
  },
  not_staff: { vi: "Không phải cán bộ kiểm tra đang hoạt động", en: "Not an active inspector or supervisor" },
  duplicate_member: { vi: "Cán bộ đã có trong đoàn", en: "Already on the team" },
  second_head: { vi: "Đoàn kiểm tra chỉ có một trưởng đoàn", en: "A team has one head" },
  team_empty: { vi: "Đoàn kiểm tra cần ít nhất một người", en: "The team needs at least one person" },
  lead_unusable: {
    vi: "Đầu mối phải đã được chuyển kiểm tra, về cùng đơn vị và chưa gắn với cuộc kiểm tra khác",
    en: "The lead must be referred, about the same unit and not attached to another inspection",
  },
  lead_not_attached: { vi: "Đầu mối không thuộc cuộc kiểm tra này", en: "The lead is not attached to this inspection" },
  plan_conflict: {
    vi: "Đơn vị đã có một cuộc kiểm tra theo kế hoạch trong năm này; hãy tách cuộc kiểm tra hiện có thay vì tạo mới",
    en: "The unit already has a scheduled visit this year; split that visit instead of creating another",
  },
  other_year: {
    vi: "Không thể dời cuộc kiểm tra sang năm kế hoạch khác",
    en: "An inspection cannot move to another plan year",
  },
  findings_missing: {
    vi: "Cần ghi kết quả xác minh cho mọi đầu mối trước khi kết luận",
    en: "Record a finding for every attached lead before concluding",
  },
  unknown_unit: { vi: "Không có đơn vị này", en: "No such unit" },
  deadline_past: { vi: "Hạn đã qua", en: "The deadline has passed" },
  not_member: { vi: "Chỉ thành viên đoàn kiểm tra được làm việc này", en: "Only team members may do this" },
} as const satisfies Record<string, Record<Lang, string>>;

export type InspectionMessageKey = keyof typeof INSPECTION_MESSAGES;
