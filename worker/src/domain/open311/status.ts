import type { ReportStatus } from "../../contracts/reports";

/** The two states GeoReport v2 knows. */
export type Open311Status = "open" | "closed";

/** The mySociety extended states this portal emits in `servicerequestupdates`. */
export type ExtendedState = "open" | "investigating" | "action_scheduled" | "no_further_action" | "closed";

/** What Open311 publishes of a reporter status: never more than the reporter's own page shows. */
export interface PublishedState {
  status: Open311Status;
  state: ExtendedState;
  /** The fixed public note: never an inspector's words, never the outcome. */
  note: { vi: string; en: string };
}

/**
 * The published state of each reporter status (`domain/workflow.ts` already
 * hides a proposed dismissal and follows a merged lead's target). Asking the
 * reporter for information publishes the same state as the review, so the
 * public never learns that the inspectors and the reporter are talking; a
 * dismissal publishes `no_further_action` whatever its reason; a conclusion
 * is `closed`, not `fixed` (a finding, not a repair).
 */
export const PUBLISHED_STATES: Readonly<Record<ReportStatus, PublishedState>> = {
  received: { status: "open", state: "open", note: { vi: "Đã tiếp nhận", en: "Received" } },
  in_review: { status: "open", state: "investigating", note: { vi: "Đang xem xét", en: "Under review" } },
  info_requested: { status: "open", state: "investigating", note: { vi: "Đang xem xét", en: "Under review" } },
  referred: {
    status: "open",
    state: "action_scheduled",
    note: { vi: "Đã chuyển kiểm tra", en: "Referred for inspection" },
  },
  forwarded: {
    status: "closed",
    state: "no_further_action",
    note: { vi: "Đã chuyển cơ quan có thẩm quyền", en: "Forwarded to the competent agency" },
  },
  not_actionable: {
    status: "closed",
    state: "no_further_action",
    note: { vi: "Không xử lý tiếp", en: "No further action" },
  },
  concluded: {
    status: "closed",
    state: "closed",
    note: { vi: "Đã có kết luận kiểm tra", en: "Inspection concluded" },
  },
};

/** The published state of a stored status; an unknown value reads as under review, never as more. */
export function publishedState(status: string): PublishedState {
  return PUBLISHED_STATES[status as ReportStatus] ?? PUBLISHED_STATES.in_review;
}

/**
 * For each reporter status, the first status that publishes the same state:
 * two timeline entries with the same representative are one published state,
 * so only a change of representative is an update.
 *
 * @example
 * PUBLISHED_REPRESENTATIVE.info_requested // "in_review"
 */
export const PUBLISHED_REPRESENTATIVE: Readonly<Record<ReportStatus, ReportStatus>> = Object.fromEntries(
  (Object.keys(PUBLISHED_STATES) as ReportStatus[]).map((status) => {
    const { state } = PUBLISHED_STATES[status];
    const first = (Object.keys(PUBLISHED_STATES) as ReportStatus[]).find((s) => PUBLISHED_STATES[s].state === state);
    return [status, first ?? status];
  }),
) as Record<ReportStatus, ReportStatus>;

/** The reporter statuses whose Open311 status is `status`. */
export function reportStatusesFor(status: Open311Status): ReportStatus[] {
  return (Object.keys(PUBLISHED_STATES) as ReportStatus[]).filter((s) => PUBLISHED_STATES[s].status === status);
}
