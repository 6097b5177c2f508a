/**
 * Account rules that need no I/O: roles, session lifetimes and login back-off.
 */

export const ROLES = ["inspector", "supervisor", "admin", "unit_liaison"] as const;
export type Role = (typeof ROLES)[number];

/** Idle timeout: a session unused for this long is dead. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** Absolute timeout: re-authenticate after a working day whatever the activity. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Refresh `last_seen_at` at most this often, to spare writes. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** Whether a session is still valid at `now`. */
export function sessionAlive(
  session: { lastSeenAt: string; expiresAt: string; revokedAt: string | null },
  now: Date,
  idleMs: number = SESSION_IDLE_MS,
): boolean {
  if (session.revokedAt) return false;
  const t = now.getTime();
  return t < Date.parse(session.expiresAt) && t - Date.parse(session.lastSeenAt) < idleMs;
}

/** Failures allowed before back-off starts. */
export const FREE_FAILURES = 3;
/** Back-off never exceeds this. */
export const MAX_LOCK_SECONDS = 15 * 60;

/**
 * Seconds a bucket (an account, or a client) stays locked after its
 * `failures`-th consecutive failed login: none for the first three, then
 * 2, 4, 8 … seconds, capped at 15 minutes.
 *
 * @example
 * lockSeconds(3) // 0
 * lockSeconds(4) // 2
 * lockSeconds(20) // 900
 */
export function lockSeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_FAILURES));
}

/** What each role may do; routes check these, never role names. */
export const PERMISSIONS = {
  "leads.read": ["inspector", "supervisor"],
  "leads.triage": ["inspector", "supervisor"],
  "leads.decide": ["supervisor"],
  "leads.overdue": ["supervisor"],
  /** Assign, reassign and release any lead (inspectors take and release only their own). */
  "leads.assign": ["supervisor"],
  /** Decrypt the contact details of any visible lead's reporters; an inspector only those of leads assigned to them. */
  "contacts.read": ["supervisor"],
  /** Extend a lead's triage deadline or a corrective measure's deadline (gia hạn), with a reason. */
  "deadlines.extend": ["supervisor"],
  /** Enter a report received by phone, post, in person, e-mail, another agency or portal (staff intake). */
  "intake.create": ["inspector", "supervisor"],
  /** See inspections, the plan and measures (recusal and surprise-team rules still apply). */
  "inspections.read": ["inspector", "supervisor"],
  /** Start, record findings, upload documents, record and verify measure responses (team members). */
  "inspections.conduct": ["inspector", "supervisor"],
  /** Create, plan, move, split and conclude inspections. */
  "inspections.manage": ["supervisor"],
  /** The personnel export (công tác cán bộ). */
  "exports.personnel": ["supervisor"],
  /** The filtered queue as CSV (no contact details). */
  "leads.export": ["supervisor"],
  "users.manage": ["admin"],
  "units.manage": ["admin"],
  /** The working-day calendar: holidays and worked weekend days. */
  "holidays.manage": ["admin"],
  "settings.manage": ["admin"],
  /** Open311 client applications: issue, edit and revoke their keys. */
  "api_clients.manage": ["admin"],
  /**
   * A unit liaison's view of their unit and its sub-units: its corrective measures with the
   * conclusion's public summary and recommendations, and the leads forwarded to it. Scoped by
   * `users.unit_id`; anything of another unit is a 404.
   */
  "unit.read": ["unit_liaison"],
  /** Answer a measure of one's unit (text and documents), and ask for a later deadline with a reason. */
  "unit.respond": ["unit_liaison"],
  /** The notifications' delivery log, dead messages included. */
  "notifications.admin": ["admin"],
  /** Receive e-mail notifications and choose which (admins receive none; liaisons get their unit's measures). */
  "notifications.receive": ["inspector", "supervisor", "unit_liaison"],
  /** The detector's suggested redactions on a text before it leaves the team (nothing stored). */
  "redactions.preview": ["inspector", "supervisor"],
  /** Set or change who is in charge of an inspection; an inspector may only take an unassigned one. */
  "inspections.assign": ["supervisor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether the role needs a unit (`users.unit_id`): a liaison answers for exactly one unit and its sub-units. */
export function roleNeedsUnit(role: Role): boolean {
  return role === "unit_liaison";
}

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * Whether a change an administrator makes to their own account would lock
 * them out of administration: disabling themselves or leaving the admin role.
 *
 * @example
 * locksOutSelf({ role: "supervisor" }) // true
 * locksOutSelf({ displayName: "An" })  // false
 */
export function locksOutSelf(change: { disabled?: boolean; role?: Role }): boolean {
  return change.disabled === true || (change.role !== undefined && change.role !== "admin");
}
