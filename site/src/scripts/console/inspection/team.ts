import type { InspectionDetail, TeamMember, TeamRole } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { staffLabel } from "../../../lib/console/people";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { can, inspection, inspectionId, staff, who } from "./state";

/**
 * `<inspection-team>`: the team, and for a supervisor before the conclusion
 * the buttons to make a member head or remove them and a form to add staff
 * (recused staff are listed but cannot be chosen). Saves with `PATCH`.
 */
class InspectionTeam extends ConsoleElement {
  #selfId = "";

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (!session) return;
    this.#selfId = session.user.id;
    inspection.subscribe((detail) => this.render(detail));
  }

  private render(d: InspectionDetail): void {
    const editable = can(d, "edit_team");
    const it = text.insp();
    const items = d.team.map((member, index) => {
      const item = this.fromTemplate("member", HTMLLIElement);
      const known = staff.items.find((s) => s.id === member.userId);
      const slot = (name: string) => required(item, `[data-slot="${name}"]`, HTMLElement);
      slot("name").textContent = member.displayName;
      slot("role").textContent = ` · ${text.teamRoles().get(member.role)}`;
      if (known) slot("staff-role").textContent = ` · ${text.roles().get(known.role)}`;
      else slot("staff-role").remove();
      if (!known?.recused) slot("recused").remove();
      const promote = required(item, "[data-slot=promote]", HTMLButtonElement);
      if (editable && member.role !== "head" && !known?.recused) {
        promote.setAttribute("aria-label", it.fill("makeHead", { name: member.displayName }));
        const team = d.team.map((m): TeamMember => ({ ...m, role: m.userId === member.userId ? "head" : "member" }));
        promote.addEventListener("click", () => void this.save(team, promote));
      } else promote.remove();
      const remove = required(item, "[data-slot=remove]", HTMLButtonElement);
      if (editable && d.team.length > 1) {
        remove.setAttribute("aria-label", it.fill("removeMember", { n: `${index + 1} (${member.displayName})` }));
        remove.addEventListener(
          "click",
          () =>
            void this.save(
              d.team.filter((m) => m.userId !== member.userId),
              remove,
            ),
        );
      } else remove.remove();
      return item;
    });
    this.ref("list", HTMLUListElement).replaceChildren(...items, ...(editable ? [this.addForm(d)] : []));
  }

  private addForm(d: InspectionDetail): HTMLLIElement {
    const item = this.fromTemplate("add", HTMLLIElement);
    const form = required(item, "form", HTMLFormElement);
    const select = control(form, "userId", HTMLSelectElement);
    const roleSelect = control(form, "role", HTMLSelectElement);
    const onTeam = new Set(d.team.map((member) => member.userId));
    for (const member of staff.items) {
      if (onTeam.has(member.id)) continue;
      const label = staffLabel(member, this.#selfId);
      const option = new Option(member.recused ? `${label} — ${text.insp().get("recused")}` : label, member.id);
      option.disabled = member.recused;
      select.append(option);
    }
    const problem = required(item, "[data-slot=problem]", HTMLElement);
    if (staff.problem) {
      problem.textContent = staff.problem;
      select.setAttribute("aria-describedby", problem.id);
    } else problem.remove();
    const headHint = required(item, "[data-slot=head-hint]", HTMLElement);
    if (d.team.some((member) => member.role === "head")) roleSelect.setAttribute("aria-describedby", headHint.id);
    else headHint.remove();
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const userId = select.value;
      if (!userId) {
        this.notify({ alert: text.console().get("required") });
        select.focus();
        return;
      }
      const role: TeamRole = roleSelect.value === "head" ? "head" : "member";
      const team = d.team.map((member): TeamMember => (role === "head" ? { ...member, role: "member" } : member));
      const button = required(form, "button[type=submit]", HTMLButtonElement);
      void this.save([...team, { userId, displayName: who(d, userId), role }], button);
    });
    return item;
  }

  private async save(team: TeamMember[], opener: HTMLElement): Promise<void> {
    this.notify({ alert: "" });
    try {
      const members = team.map((member) => ({ userId: member.userId, role: member.role }));
      inspection.set(await api.inspections.patch(inspectionId, { team: members }));
      this.notify({ status: text.console().get("saved"), focus: "team-heading" });
    } catch (error) {
      this.notify({ alert: problemText(error) });
      opener.focus();
    }
  }
}

define("inspection-team", InspectionTeam);
