import type { TeamMemberInput } from "../../contracts/inspections";
import type { Role } from "../auth-policy";

/**
 * Who may sit on an inspection team. Recusal is the rule of issue 3 carried
 * over: an inspector tied to a unit (worked there, family there) is recused
 * from that unit and every unit below it, because a department head's
 * influence reaches into the offices under them. So whether someone is
 * recused from a target depends on the target's ancestor chain, which the
 * caller loads from the unit directory.
 */

/** Why a team member cannot be on the team. */
export type TeamConflictReason = "recused" | "duplicate" | "not_staff" | "second_head";

export interface TeamConflict {
  /** Index in the submitted team. */
  index: number;
  userId: string;
  reason: TeamConflictReason;
  /** Where the request body is wrong, e.g. `/team/2/userId`. */
  pointer: string;
}

/** Units each user is tied to, by user id (a Map or a plain record). */
export type TiesByUser = ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;

function tiesOf(ties: TiesByUser, userId: string): readonly string[] {
  if (ties instanceof Map) return ties.get(userId) ?? [];
  return (ties as Readonly<Record<string, readonly string[]>>)[userId] ?? [];
}

/**
 * Whether someone tied to `tiedUnitIds` is recused from a unit whose chain
 * from itself up to the root is `targetAncestry` (`[unit, parent, …, root]`).
 *
 * @example
 * isRecused(["so-tnmt"], ["phong-dat-dai", "so-tnmt", "ubnd-tp"]) // true: a sub-unit of a tied unit
 * isRecused(["phong-dat-dai"], ["so-tnmt", "ubnd-tp"])            // false: a tie does not reach upwards
 */
export function isRecused(tiedUnitIds: readonly string[], targetAncestry: readonly string[]): boolean {
  return tiedUnitIds.some((unitId) => targetAncestry.includes(unitId));
}

/**
 * Every reason the submitted team cannot inspect the target, one entry per
 * offending member (the first reason that applies), in team order:
 * - `not_staff`: not an inspector or supervisor (admins do no casework; an
 *   unknown or disabled account has no role in `roles`). Checked only when
 *   `roles` is given.
 * - `duplicate`: listed twice; the second listing is the conflict.
 * - `recused`: tied to the target unit or one of its ancestors.
 * - `second_head`: a team has one head (trưởng đoàn), who answers for it.
 *
 * @example
 * teamConflicts(
 *   [{ userId: "u1", role: "head" }, { userId: "u2", role: "member" }],
 *   { u2: ["so-tnmt"] },
 *   ["phong-dat-dai", "so-tnmt", "ubnd-tp"],
 * ) // [{ index: 1, userId: "u2", reason: "recused", pointer: "/team/1/userId" }]
 */
export function teamConflicts(
  team: readonly TeamMemberInput[],
  tiedUnitIdsByUser: TiesByUser,
  targetUnitAncestry: readonly string[],
  roles?: ReadonlyMap<string, Role>,
): TeamConflict[] {
  const conflicts: TeamConflict[] = [];
  const seen = new Set<string>();
  let heads = 0;
  team.forEach((member, index) => {
    const role = roles?.get(member.userId);
    let reason: TeamConflictReason | null = null;
    if (roles && role !== "inspector" && role !== "supervisor") reason = "not_staff";
    else if (seen.has(member.userId)) reason = "duplicate";
    else if (isRecused(tiesOf(tiedUnitIdsByUser, member.userId), targetUnitAncestry)) reason = "recused";
    else if (member.role === "head" && heads > 0) reason = "second_head";
    seen.add(member.userId);
    if (member.role === "head" && reason === null) heads++;
    if (reason) conflicts.push({ index, userId: member.userId, reason, pointer: `/team/${index}/userId` });
  });
  return conflicts;
}

/**
 * The team with `userId` added as a member when not already on it: the
 * supervisor who creates an inspection answers for it, so joins its team.
 *
 * @example
 * withMember([{ userId: "u1", role: "head" }], "sup") // [{ userId: "u1", role: "head" }, { userId: "sup", role: "member" }]
 */
export function withMember(team: readonly TeamMemberInput[], userId: string): TeamMemberInput[] {
  return team.some((m) => m.userId === userId) ? [...team] : [...team, { userId, role: "member" }];
}

/** Whether `userId` is on `team`. */
export function onTeam(team: readonly TeamMemberInput[], userId: string): boolean {
  return team.some((m) => m.userId === userId);
}
