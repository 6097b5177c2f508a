import { describe, expect, it } from "vitest";
import { LEAD_STATUSES, type LeadStatus } from "../../src/contracts/leads";
import { ROLES, type Role } from "../../src/domain/auth-policy";
import {
  allowedTransitions,
  reporterStatusFor,
  type TransitionRequest,
  transition,
  type WorkflowLead,
} from "../../src/domain/workflow";

/**
 * The workflow as issue 3 specifies it, written out independently of
 * TRANSITIONS: `from>to` → the roles that may do it.
 */
const SPEC: Record<string, readonly Role[]> = {
  "new>in_review": ["inspector", "supervisor"],
  "in_review>info_requested": ["inspector", "supervisor"],
  "info_requested>in_review": ["inspector", "supervisor"],
  "in_review>referred": ["supervisor"],
  "in_review>dismissal_proposed": ["inspector", "supervisor"],
  "dismissal_proposed>dismissed": ["supervisor"],
  "dismissal_proposed>in_review": ["supervisor"],
  "new>merged": ["inspector", "supervisor"],
  "in_review>merged": ["inspector", "supervisor"],
  "info_requested>merged": ["inspector", "supervisor"],
  "dismissed>in_review": ["supervisor"],
  // issue 12: forwarding (chuyển đơn) ends a lead still in triage, like a referral
  "new>forwarded": ["supervisor"],
  "in_review>forwarded": ["supervisor"],
  "info_requested>forwarded": ["supervisor"],
};

const actor = (role: Role, id = "actor") => ({ id, role });
const leadIn = (status: LeadStatus, proposedBy: string | null = "proposer"): WorkflowLead => ({
  id: "L1",
  status,
  proposedBy,
});
/** A request with every field a transition might need, valid. */
const complete = (to: LeadStatus): TransitionRequest => ({
  to,
  reason: "Nội dung không thuộc phạm vi công vụ",
  reasonCode: "not_public_service",
  targetLeadId: "L2",
  target: { id: "L2", status: "in_review" },
  destination: { unitId: null, name: "Thanh tra Sở Xây dựng" },
});

const combinations = LEAD_STATUSES.flatMap((from) =>
  LEAD_STATUSES.flatMap((to) => ROLES.map((role) => [from, to, role] as const)),
);

describe("every (state, to, role) combination", () => {
  it("covers the whole table", () => {
    expect(combinations).toHaveLength(LEAD_STATUSES.length * LEAD_STATUSES.length * ROLES.length);
  });

  it.each(combinations)("%s → %s by %s", (from, to, role) => {
    const allowedRoles = SPEC[`${from}>${to}`];
    const result = transition(leadIn(from), complete(to), actor(role));
    if (!allowedRoles) {
      expect(result).toMatchObject({ ok: false, error: "illegal" });
    } else if (!allowedRoles.includes(role)) {
      expect(result).toMatchObject({ ok: false, error: "forbidden" });
    } else {
      expect(result).toMatchObject({ ok: true, patch: { status: to }, event: { before: { status: from } } });
    }
    expect(allowedTransitions(leadIn(from), actor(role)).includes(to)).toBe(result.ok);
  });
});

describe("admins do no casework", () => {
  it("may not move any lead anywhere", () => {
    for (const status of LEAD_STATUSES) expect(allowedTransitions(leadIn(status), actor("admin"))).toEqual([]);
  });
});

describe("dismissal needs a reason, a code and a second person", () => {
  it("refuses a proposal without a reason or reason code, pointing at the fields", () => {
    const result = transition(leadIn("in_review"), { to: "dismissal_proposed", reason: "   " }, actor("inspector"));
    expect(result).toEqual({
      ok: false,
      error: "invalid",
      detail: "missing_or_invalid",
      pointers: ["/reason", "/reasonCode"],
    });
    expect(
      transition(
        leadIn("in_review"),
        { to: "dismissal_proposed", reason: "x", reasonCode: "because" },
        actor("inspector"),
      ),
    ).toMatchObject({ error: "invalid", pointers: ["/reasonCode"] });
  });

  it("records the proposer, the reason and the code, and hides the proposal from the reporter", () => {
    const result = transition(
      leadIn("in_review", null),
      { to: "dismissal_proposed", reason: "  Trùng với vụ việc khác  ", reasonCode: "duplicate" },
      actor("inspector", "ins-1"),
    );
    expect(result).toEqual({
      ok: true,
      patch: {
        status: "dismissal_proposed",
        proposedBy: "ins-1",
        dismissalReason: "Trùng với vụ việc khác",
        dismissalReasonCode: "duplicate",
      },
      event: {
        action: "propose_dismissal",
        before: { status: "in_review" },
        after: { status: "dismissal_proposed", reason: "Trùng với vụ việc khác", reasonCode: "duplicate" },
      },
      reporterStatus: "in_review",
    });
  });

  it("forbids the proposer to approve their own proposal, and lets another supervisor approve", () => {
    const proposed = leadIn("dismissal_proposed", "sup-1");
    expect(transition(proposed, { to: "dismissed" }, actor("supervisor", "sup-1"))).toEqual({
      ok: false,
      error: "forbidden",
      detail: "self_approval",
      pointers: [],
    });
    expect(allowedTransitions(proposed, actor("supervisor", "sup-1"))).toEqual(["in_review"]);
    expect(transition(proposed, { to: "dismissed" }, actor("supervisor", "sup-2"))).toMatchObject({
      ok: true,
      event: { action: "approve_dismissal" },
      reporterStatus: "not_actionable",
    });
  });

  it("lets a supervisor, even the proposer, send the lead back with a reason, clearing the proposal", () => {
    const proposed = leadIn("dismissal_proposed", "sup-1");
    expect(transition(proposed, { to: "in_review" }, actor("supervisor", "sup-2"))).toMatchObject({
      error: "invalid",
      pointers: ["/reason"],
    });
    expect(
      transition(proposed, { to: "in_review", reason: "Cần xác minh thêm" }, actor("supervisor", "sup-1")),
    ).toMatchObject({
      ok: true,
      patch: { status: "in_review", proposedBy: null, dismissalReason: null, dismissalReasonCode: null },
      event: { action: "send_back", after: { status: "in_review", reason: "Cần xác minh thêm" } },
      reporterStatus: "in_review",
    });
  });

  it("reopens a dismissed lead only with a reason", () => {
    expect(transition(leadIn("dismissed"), { to: "in_review" }, actor("supervisor"))).toMatchObject({
      error: "invalid",
      pointers: ["/reason"],
    });
    expect(
      transition(leadIn("dismissed"), { to: "in_review", reason: "Có bằng chứng mới" }, actor("supervisor")),
    ).toMatchObject({
      ok: true,
      event: { action: "reopen" },
      patch: { proposedBy: null },
      reporterStatus: "in_review",
    });
  });
});

describe("merging", () => {
  const merge = (request: Partial<TransitionRequest>) =>
    transition(leadIn("in_review"), { to: "merged", ...request }, actor("inspector"));

  it("needs a target other than the lead itself", () => {
    expect(merge({})).toMatchObject({ error: "invalid", pointers: ["/targetLeadId"] });
    expect(merge({ targetLeadId: "L1", target: { id: "L1", status: "in_review" } })).toMatchObject({
      error: "invalid",
      pointers: ["/targetLeadId"],
    });
    expect(merge({ targetLeadId: "L9" })).toMatchObject({ error: "invalid", pointers: ["/targetLeadId"] });
  });

  it("refuses a target that can no longer take reports", () => {
    for (const status of ["dismissal_proposed", "dismissed", "merged"] as const) {
      expect(merge({ targetLeadId: "L2", target: { id: "L2", status } })).toMatchObject({
        ok: false,
        error: "illegal",
      });
    }
  });

  it("records the target and shows the reporter the target's status", () => {
    expect(merge({ targetLeadId: "L2", target: { id: "L2", status: "referred" } })).toEqual({
      ok: true,
      patch: { status: "merged", mergedInto: "L2" },
      event: { action: "merge", before: { status: "in_review" }, after: { status: "merged", targetLeadId: "L2" } },
      reporterStatus: "referred",
    });
  });
});

describe("checks run in a fixed order", () => {
  it("answers illegal before forbidden, and forbidden before invalid", () => {
    expect(transition(leadIn("new"), { to: "referred" }, actor("admin"))).toMatchObject({ error: "illegal" });
    expect(transition(leadIn("in_review"), { to: "referred" }, actor("admin"))).toMatchObject({ error: "forbidden" });
    expect(transition(leadIn("dismissed"), { to: "in_review" }, actor("inspector"))).toMatchObject({
      error: "forbidden",
    });
    expect(transition(leadIn("in_review"), { to: "in_review" }, actor("supervisor"))).toMatchObject({
      error: "illegal",
    });
  });
});

describe("reporterStatusFor", () => {
  it.each([
    ["new", "received"],
    ["in_review", "in_review"],
    ["info_requested", "info_requested"],
    ["referred", "referred"],
    ["dismissal_proposed", "in_review"],
    ["dismissed", "not_actionable"],
  ] as const)("%s → %s", (status, reporterStatus) => {
    expect(reporterStatusFor(status)).toBe(reporterStatus);
  });

  it("follows a merged lead to its target", () => {
    expect(reporterStatusFor("merged", "info_requested")).toBe("info_requested");
    expect(reporterStatusFor("merged", "dismissal_proposed")).toBe("in_review");
    expect(reporterStatusFor("merged")).toBe("in_review");
    expect(reporterStatusFor("merged", "merged")).toBe("in_review");
  });
});

describe("forwarding", () => {
  it("needs a reason and a destination, keeps them on the lead, and shows the reporter forwarded", () => {
    const missing = transition(leadIn("in_review"), { to: "forwarded" }, actor("supervisor"));
    expect(missing).toMatchObject({ ok: false, error: "invalid", pointers: ["/reason", "/forwardedTo"] });
    const result = transition(
      leadIn("in_review"),
      {
        to: "forwarded",
        reason: "Thuộc thẩm quyền của Sở Xây dựng",
        destination: { unitId: "so-xay-dung", name: "Sở Xây dựng" },
      },
      actor("supervisor"),
    );
    expect(result).toMatchObject({
      ok: true,
      reporterStatus: "forwarded",
      patch: {
        status: "forwarded",
        forwardedToUnitId: "so-xay-dung",
        forwardedToName: "Sở Xây dựng",
        forwardedNote: "Thuộc thẩm quyền của Sở Xây dựng",
      },
    });
  });
});
