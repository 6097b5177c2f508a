import type { Role } from "../../src/domain/auth-policy";

/**
 * Who may call each operation of the API, as data. The keys are exactly the
 * operations of `GET /api/openapi.json` (`METHOD /path`, paths relative to
 * `/api`); `authorization-matrix.test.ts` fails when an operation has no entry
 * here or an entry names an operation that is gone, and then calls every
 * operation as every caller and checks the answer against this table.
 *
 * Written from the route code and the domain's rules (`domain/auth-policy.ts`,
 * `domain/workflow.ts`, `domain/inspections/`), not from the document's
 * `security` field. Admins do no casework; supervisors plan, refer, decide and
 * conclude; inspectors work the queue and, on a team, the visit itself.
 */
export type Access =
  /** Anyone, signed in or not: no credential is read. */
  | { public: true }
  /** Only whoever holds the report's receipt (tracking code + secret as `Authorization: Bearer`). */
  | { reporter: true }
  | {
      /** Staff roles whose live session may call it. */
      staff: readonly Role[];
      /** Also open to an account whose role must use TOTP but has not enrolled yet (the account routes). */
      beforeTotp?: true;
      /** Refused to a role listed in `totp_required_roles` (it may not switch its second factor off). */
      refusedWhenTotpRequired?: true;
      /**
       * An inspector tied to the unit, or to a unit above it: `hidden` → 404 for
       * the lead, inspection or measure; `filtered` → the list leaves it out.
       */
      recusal?: "hidden" | "filtered";
      /** An inspector may call it only on an inspection whose team they are on. */
      team?: true;
      /**
       * A unit liaison of another unit (`unit_liaison` in `staff`): `hidden` → 404 for
       * the measure; `filtered` → the list leaves it out.
       */
      liaison?: "hidden" | "filtered";
    };

/** The matrix runs with this `totp_required_roles` setting, so the TOTP rules above have an effect to check. */
export const MATRIX_TOTP_REQUIRED_ROLES: readonly Role[] = ["admin"];

const CASEWORK = ["inspector", "supervisor"] as const satisfies readonly Role[];
const SUPERVISOR = ["supervisor"] as const satisfies readonly Role[];
const ADMIN = ["admin"] as const satisfies readonly Role[];
const EVERY_STAFF_ROLE = ["inspector", "supervisor", "admin", "unit_liaison"] as const satisfies readonly Role[];
const LIAISON = ["unit_liaison"] as const satisfies readonly Role[];

/**
 * The policy. Bearer (reporter) and anonymous writes carry no ambient
 * credential, so the CSRF rule (a same-origin `Origin` on every write that
 * carries a cookie) is about staff sessions only.
 */
export const POLICY = {
  // Public: the portal, the form, the statistics, signing in and out.
  "GET /health": { public: true },
  "GET /categories": { public: true },
  "GET /units": { public: true },
  "GET /challenge": { public: true },
  "POST /reports": { public: true },
  "GET /public/stats": { public: true },
  "GET /public/stats.csv": { public: true },
  "POST /auth/login": { public: true },
  "POST /auth/logout": { public: true },

  // The reporter's receipt.
  "GET /reports/{trackingCode}": { reporter: true },
  "POST /reports/{trackingCode}/messages": { reporter: true },
  "POST /reports/{trackingCode}/attachments": { reporter: true },
  "POST /reports/{trackingCode}/contest": { reporter: true },

  // Any staff account, also before enrolling a required second factor.
  "GET /auth/me": { staff: EVERY_STAFF_ROLE, beforeTotp: true },
  "POST /auth/password": { staff: EVERY_STAFF_ROLE, beforeTotp: true },
  "POST /auth/totp/setup": { staff: EVERY_STAFF_ROLE, beforeTotp: true },
  "POST /auth/totp/confirm": { staff: EVERY_STAFF_ROLE, beforeTotp: true },
  "POST /auth/totp/disable": { staff: EVERY_STAFF_ROLE, beforeTotp: true, refusedWhenTotpRequired: true },

  // Administration: accounts, unit ties, the TOTP policy. No casework.
  "GET /admin/users": { staff: ADMIN },
  "POST /admin/users": { staff: ADMIN },
  "PATCH /admin/users/{id}": { staff: ADMIN },
  "POST /admin/users/{id}/reset": { staff: ADMIN },
  "GET /admin/security": { staff: ADMIN },
  "PUT /admin/security": { staff: ADMIN },
  // The working-day calendar and the settings: administrators only.
  "GET /admin/holidays": { staff: ADMIN },
  "PUT /admin/holidays/{date}": { staff: ADMIN },
  "DELETE /admin/holidays/{date}": { staff: ADMIN },
  "POST /admin/holidays/{year}/confirm": { staff: ADMIN },
  "GET /admin/settings": { staff: ADMIN },
  "PATCH /admin/settings": { staff: ADMIN },
  // Administration of the unit directory (units.manage).
  "GET /admin/units": { staff: ADMIN },
  "GET /admin/units/{id}": { staff: ADMIN },
  "POST /admin/units": { staff: ADMIN },
  "PATCH /admin/units/{id}": { staff: ADMIN },
  "POST /admin/units/{id}/merge": { staff: ADMIN },
  "POST /admin/units/{id}/split": { staff: ADMIN },
  "POST /admin/units/{id}/retire": { staff: ADMIN },

  // Triage: the queue is worked by inspectors and supervisors; the workflow's
  // own table (domain/workflow.ts) then keeps referral, approving or sending
  // back a dismissal and reopening for supervisors.
  "GET /leads": { staff: CASEWORK, recusal: "filtered" },
  // The queue as CSV, audited; recusal filters its rows (a supervisor-only list, checked in leads-search.test.ts).
  "GET /leads.csv": { staff: SUPERVISOR },
  "GET /leads/{id}": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/{id}/transitions": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/{id}/notes": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/{id}/messages": { staff: CASEWORK, recusal: "hidden" },
  // Contact details: the lead's assignee and supervisors (domain/assignment.ts); the matrix inspector is not the assignee.
  "POST /leads/{id}/reports/{trackingCode}/contact": { staff: SUPERVISOR, recusal: "hidden" },
  "GET /leads/{id}/reports/{trackingCode}/contact": { staff: SUPERVISOR, recusal: "hidden" },
  // Ownership: an inspector takes an unassigned lead for themselves; supervisors assign anyone, alone or in bulk.
  "POST /leads/{id}/assignment": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/bulk/assign": { staff: SUPERVISOR, recusal: "hidden" },
  "POST /leads/bulk/merge": { staff: CASEWORK, recusal: "hidden" },
  "GET /leads/{id}/attachments/{attachmentId}": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/{id}/contest-resolution": { staff: SUPERVISOR, recusal: "hidden" },
  "POST /leads/{id}/extension": { staff: SUPERVISOR, recusal: "hidden" },
  // Re-routing and splitting are queue work (leads.triage); forwarding is a transition (TRANSITION_POLICY.forward).
  "POST /leads/{id}/routing": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/{id}/reports/{trackingCode}/routing": { staff: CASEWORK, recusal: "hidden" },
  "POST /leads/{id}/reports/{trackingCode}/split": { staff: CASEWORK, recusal: "hidden" },
  "GET /staff": { staff: CASEWORK },

  // Staff intake: a report received by phone, post, in person… entered on the person's behalf.
  "POST /intake/reports": { staff: CASEWORK },

  // Inspections: supervisors plan and conclude; the team does the visit.
  "GET /inspections": { staff: CASEWORK, recusal: "filtered" },
  "POST /inspections": { staff: SUPERVISOR, recusal: "hidden" },
  "GET /inspections/{id}": { staff: CASEWORK, recusal: "hidden" },
  "PATCH /inspections/{id}": { staff: SUPERVISOR, recusal: "hidden" },
  "POST /inspections/{id}/split": { staff: SUPERVISOR, recusal: "hidden" },
  "POST /inspections/{id}/start": { staff: CASEWORK, recusal: "hidden", team: true },
  "POST /inspections/{id}/cancel": { staff: SUPERVISOR, recusal: "hidden" },
  "PUT /inspections/{id}/findings/{leadId}": { staff: CASEWORK, recusal: "hidden", team: true },
  "POST /inspections/{id}/documents": { staff: CASEWORK, recusal: "hidden", team: true },
  "GET /inspections/{id}/documents/{docId}": { staff: CASEWORK, recusal: "hidden" },
  "POST /inspections/{id}/conclusion": { staff: SUPERVISOR, recusal: "hidden", team: true },
  // Who is in charge: each caller takes an unassigned visit for themselves; supervisors assign anyone.
  "POST /inspections/{id}/assignment": { staff: CASEWORK, recusal: "hidden" },
  "GET /plan": { staff: CASEWORK, recusal: "filtered" },
  "POST /plan/{year}/build": { staff: SUPERVISOR },

  // Corrective measures: any caseworker records a unit's response; the team judges it.
  // A unit liaison lists and answers only their unit's (and sub-units') measures; another unit's are 404.
  "GET /measures": { staff: [...CASEWORK, "unit_liaison"], recusal: "filtered", liaison: "filtered" },
  "POST /measures/{id}/response": { staff: [...CASEWORK, "unit_liaison"], recusal: "hidden", liaison: "hidden" },
  "POST /measures/{id}/verify": { staff: CASEWORK, recusal: "hidden", team: true },
  "POST /measures/{id}/reject": { staff: CASEWORK, recusal: "hidden", team: true },
  "POST /measures/{id}/extension": { staff: SUPERVISOR, recusal: "hidden" },

  // The personnel export (công tác cán bộ), audited; recusal filters its rows.
  "GET /exports/personnel.csv": { staff: SUPERVISOR },

  // Open311 client applications' keys (api_clients.manage).
  "GET /admin/api-clients": { staff: ADMIN },
  "POST /admin/api-clients": { staff: ADMIN },
  "PATCH /admin/api-clients/{id}": { staff: ADMIN },
  "POST /admin/api-clients/{id}/revoke": { staff: ADMIN },
  // The unit liaison's own routes (issue 13): their unit and its sub-units only.
  "GET /unit/measures/{id}": { staff: LIAISON, liaison: "hidden" },
  // Each liaison gets their own unit's list. No lead can be `forwarded` before forwarding merges (the lead
  // lists would refuse the status), so its scoping is checked in liaison.test.ts rather than filtered here.
  "GET /unit/leads": { staff: LIAISON },
  "POST /measures/{id}/documents": { staff: LIAISON, liaison: "hidden" },
  "GET /measures/{id}/documents/{docId}": {
    staff: [...CASEWORK, "unit_liaison"],
    recusal: "hidden",
    liaison: "hidden",
  },
  "POST /measures/{id}/extension-request": { staff: LIAISON, liaison: "hidden" },
  // Notifications: caseworkers choose what they receive; admins read the delivery log.
  "GET /me/notifications": { staff: [...CASEWORK, "unit_liaison"] },
  "PUT /me/notifications": { staff: [...CASEWORK, "unit_liaison"] },
  "GET /admin/notifications": { staff: ADMIN },
  // Redaction: the detector's suggestions before text leaves the team; reads and stores nothing.
  "POST /redactions/preview": { staff: CASEWORK },
} as const satisfies Record<string, Access>;

/**
 * Who may take each step of `POST /leads/{id}/transitions`: the route lets
 * caseworkers in, then the workflow's own table (`domain/workflow.ts`)
 * decides. Acts that end or escalate a lead are a supervisor's; nobody
 * approves a dismissal they proposed themselves.
 */
export const TRANSITION_POLICY = {
  review: CASEWORK,
  request_info: CASEWORK,
  resume: CASEWORK,
  refer: SUPERVISOR,
  propose_dismissal: CASEWORK,
  approve_dismissal: SUPERVISOR,
  approve_own_dismissal: [],
  send_back: SUPERVISOR,
  merge: CASEWORK,
  reopen: SUPERVISOR,
  forward: SUPERVISOR,
} as const satisfies Record<string, readonly Role[]>;

/** A step of the lead workflow, as the matrix names it. */
export type TransitionStep = keyof typeof TRANSITION_POLICY;

/** An operation of the API, `METHOD /path`. */
export type Operation = keyof typeof POLICY;

/** Every operation with its access, in the order above. */
export const OPERATIONS = Object.keys(POLICY) as Operation[];

/** The access of an operation, widened to the `Access` union. */
export function accessOf(operation: Operation): Access {
  return POLICY[operation];
}
