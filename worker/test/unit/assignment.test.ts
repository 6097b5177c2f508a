import { describe, expect, it } from "vitest";
import { type AssigneeCandidate, mayAssign, mayViewContacts } from "../../src/domain/assignment";

const supervisor = { id: "s1", role: "supervisor" as const };
const inspector = { id: "i1", role: "inspector" as const };
const candidate = (over: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({
  id: "i2",
  role: "inspector",
  disabled: false,
  recused: false,
  ...over,
});
const open = { status: "in_review" as const, assigneeId: null };

describe("mayAssign", () => {
  it("lets a supervisor assign, reassign and release an open lead", () => {
    expect(mayAssign(open, supervisor, "i2", candidate())).toEqual({ ok: true, change: true });
    expect(mayAssign({ ...open, assigneeId: "i3" }, supervisor, "i2", candidate())).toEqual({ ok: true, change: true });
    expect(mayAssign({ ...open, assigneeId: "i3" }, supervisor, null, undefined)).toEqual({ ok: true, change: true });
    expect(mayAssign({ ...open, assigneeId: "i2" }, supervisor, "i2", candidate())).toEqual({
      ok: true,
      change: false,
    });
  });

  it("lets an inspector take an unassigned lead and release their own, nothing else", () => {
    const self = candidate({ id: "i1" });
    expect(mayAssign(open, inspector, "i1", self)).toEqual({ ok: true, change: true });
    expect(mayAssign({ ...open, assigneeId: "i1" }, inspector, null, undefined)).toEqual({ ok: true, change: true });
    expect(mayAssign({ ...open, assigneeId: "i9" }, inspector, "i1", self)).toMatchObject({
      detail: "already_assigned",
    });
    expect(mayAssign(open, inspector, "i2", candidate())).toMatchObject({ error: "forbidden", detail: "not_yours" });
    expect(mayAssign({ ...open, assigneeId: "i9" }, inspector, null, undefined)).toMatchObject({ error: "forbidden" });
  });

  it("refuses closed leads first, then unusable assignees in a fixed order", () => {
    for (const status of ["merged", "dismissed", "concluded"] as const) {
      expect(mayAssign({ status, assigneeId: null }, supervisor, "i2", candidate())).toMatchObject({
        error: "illegal",
        detail: "lead_closed",
      });
    }
    expect(mayAssign(open, supervisor, "x", undefined)).toMatchObject({ detail: "unknown_staff" });
    expect(mayAssign(open, supervisor, "i2", candidate({ disabled: true, recused: true }))).toMatchObject({
      detail: "account_disabled",
    });
    expect(mayAssign(open, supervisor, "a1", candidate({ role: "admin" }))).toMatchObject({ detail: "not_casework" });
    expect(mayAssign(open, supervisor, "i2", candidate({ recused: true }))).toMatchObject({
      error: "invalid",
      detail: "recused",
    });
  });
});

describe("mayViewContacts", () => {
  it("is the assignee's and supervisors' only", () => {
    expect(mayViewContacts({ assigneeId: "i1" }, inspector)).toBe(true);
    expect(mayViewContacts({ assigneeId: "i2" }, inspector)).toBe(false);
    expect(mayViewContacts({ assigneeId: null }, inspector)).toBe(false);
    expect(mayViewContacts({ assigneeId: null }, supervisor)).toBe(true);
    expect(mayViewContacts({ assigneeId: null }, { id: "a", role: "admin" })).toBe(false);
  });
});
