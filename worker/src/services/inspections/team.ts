import type { TeamMemberInput } from "../../contracts/inspections";
import type { Actor } from "../../db/queries/accounts";
import { isUnitVisible, leadForAttachment, teamCandidate } from "../../db/queries/inspections";
import { fieldError } from "../../http/failures";
import type { ActorContext, ServiceContext } from "../context";

/**
 * Checks a team: each member an active inspector or supervisor, listed once,
 * at most one head, and not recused from the unit (tied to it or to a unit
 * above it). Throws 422 with a pointer at the first bad entry.
 */
export async function checkTeam(
  ctx: ServiceContext,
  unitId: string,
  team: readonly TeamMemberInput[],
  pointer = "/team",
): Promise<void> {
  const seen = new Set<string>();
  let heads = 0;
  for (const [i, member] of team.entries()) {
    const at = `${pointer}/${i}/userId`;
    if (seen.has(member.userId)) throw fieldError(at, "duplicate_member", ctx.lang);
    if (member.role === "head" && ++heads > 1) throw fieldError(`${pointer}/${i}/role`, "second_head", ctx.lang);
    seen.add(member.userId);
    const user = await teamCandidate(ctx.db, member.userId);
    // Only caseworkers join a team: never an administrator, nor a unit's liaison.
    if (!user || user.disabledAt || (user.role !== "inspector" && user.role !== "supervisor")) {
      throw fieldError(at, "not_staff", ctx.lang);
    }
    if (!(await isUnitVisible(ctx.db, { id: member.userId }, unitId))) throw fieldError(at, "recused", ctx.lang);
  }
}

/**
 * Checks leads to attach: each visible to the actor, referred, about the
 * unit, listed once and not attached to any inspection yet. Throws 422 at
 * the first bad one.
 */
export async function checkLeads(
  ctx: ActorContext,
  unitId: string,
  leadIds: readonly string[],
  pointer = "/leadIds",
): Promise<void> {
  const seen = new Set<string>();
  for (const [i, id] of leadIds.entries()) {
    const lead = await leadForAttachment(ctx.db, ctx.actor, id);
    if (!lead || seen.has(id) || lead.status !== "referred" || lead.unitId !== unitId || lead.attached) {
      throw fieldError(`${pointer}/${i}`, "lead_unusable", ctx.lang);
    }
    seen.add(id);
  }
}

/** The team with the creator added (as head when nobody heads it, else as a member) when not listed. */
export function withCreator(team: readonly TeamMemberInput[], actor: Pick<Actor, "id">): TeamMemberInput[] {
  if (team.some((m) => m.userId === actor.id)) return [...team];
  return [...team, { userId: actor.id, role: team.some((m) => m.role === "head") ? "member" : "head" }];
}
