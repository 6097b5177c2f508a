import type { InspectionCreateInput, TeamMemberInput } from "../../../../../worker/src/contracts/inspections";
import type { StaffMember } from "../../../../../worker/src/contracts/staff";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, checked, field } from "../../../lib/console/forms";
import { staffLabel } from "../../../lib/console/people";
import { problemText } from "../../../lib/console/problems";
import { inspectionHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { all, control, required } from "../../../lib/dom";
import { pageLang } from "../../../lib/strings";
import { UnitSearch } from "../unit-search";
import { createFor, plan } from "./state";

/**
 * `<inspection-create>` (supervisors): a new inspection of a unit with its
 * referred leads (all ticked) and a team: one box per staff member for that
 * unit (recused ones disabled with a visible note) and a head of team.
 */
class InspectionCreate extends ConsoleElement {
  #selfId = "";
  /** The unit whose staff the team boxes list ("" when none yet). */
  #staffFor = "";

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (session?.user.role !== "supervisor") return;
    this.#selfId = session.user.id;
    this.ref("section", HTMLElement).hidden = false;
    this.ref("team-status", HTMLElement).textContent = this.data("pickUnit");
    const unit = this.unit;
    unit.select.addEventListener("change", () => this.unitChanged());
    const head = this.ref("head", HTMLSelectElement);
    head.addEventListener("change", () => {
      const box = head.value ? document.getElementById(`member-${head.value}`) : null;
      if (box instanceof HTMLInputElement && !box.disabled) box.checked = true;
    });
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.create(form);
    });
    plan.subscribe(() => this.renderLeads());
    createFor.subscribe(({ unitId, unitName }) => {
      unit.preset(unitId, unitName);
      this.unitChanged();
      document.getElementById("create-heading")?.focus();
    });
  }

  private get unit(): UnitSearch {
    return required(this, "unit-search", UnitSearch);
  }

  private unitChanged(): void {
    this.renderLeads();
    void this.loadTeam();
  }

  /** A checkbox with its label, from the `choice` template. */
  private choice(name: string, value: string, id: string, label: string): HTMLElement {
    const choice = this.fromTemplate("choice", HTMLElement);
    const input = required(choice, "input", HTMLInputElement);
    input.name = name;
    input.value = value;
    input.id = id;
    const labelEl = required(choice, "label", HTMLLabelElement);
    labelEl.htmlFor = id;
    labelEl.textContent = label;
    return choice;
  }

  private renderLeads(): void {
    const group = plan.value?.unattached.find((g) => g.unitId === this.unit.value);
    const leads = group?.leads ?? [];
    this.ref("leads", HTMLElement).replaceChildren(
      ...leads.map((lead) => {
        const label = `${text.categories().label(lead.categoryCode)} · ${lead.id}`;
        const choice = this.choice("leadIds", lead.id, `create-lead-${lead.id}`, label);
        required(choice, "input", HTMLInputElement).checked = true;
        return choice;
      }),
    );
    this.ref("leads-none", HTMLElement).hidden = leads.length > 0;
  }

  private async loadTeam(): Promise<void> {
    const unitId = this.unit.value;
    if (unitId === this.#staffFor) return;
    this.#staffFor = unitId;
    const status = this.ref("team-status", HTMLElement);
    const team = this.ref("team", HTMLElement);
    const head = this.ref("head", HTMLSelectElement);
    const kept = new Set(all(team, "input[name=memberId]:checked", HTMLInputElement).map((input) => input.value));
    const keptHead = head.value;
    team.replaceChildren();
    head.replaceChildren(new Option(this.data("headNone"), ""));
    if (!unitId) {
      status.textContent = this.data("pickUnit");
      return;
    }
    const it = text.insp();
    status.textContent = it.get("staffLoading");
    let staff: StaffMember[];
    try {
      staff = (await api.staff.forUnit(unitId)).items;
    } catch (error) {
      if (this.#staffFor === unitId) {
        status.textContent = problemText(error);
        this.#staffFor = "";
      }
      return;
    }
    if (this.#staffFor !== unitId) return; // another unit was chosen meanwhile
    for (const member of staff) {
      const label = staffLabel(member, this.#selfId);
      const choice = this.choice("memberId", member.id, `member-${member.id}`, label);
      choice.dataset.recused = String(member.recused);
      const input = required(choice, "input", HTMLInputElement);
      input.disabled = member.recused;
      input.checked = !member.recused && kept.has(member.id);
      if (member.recused) required(choice, "label", HTMLLabelElement).append(this.fromTemplate("recused", HTMLElement));
      input.addEventListener("change", () => {
        if (!input.checked && head.value === member.id) head.value = "";
      });
      team.append(choice);
      const option = new Option(member.recused ? `${label} — ${it.get("recused")}` : label, member.id);
      option.disabled = member.recused;
      head.append(option);
    }
    if (keptHead && staff.some((m) => m.id === keptHead && !m.recused)) head.value = keptHead;
    const recused = staff.filter((m) => m.recused).length;
    status.textContent = staff.length ? it.fill("staffCount", { n: staff.length, recused }) : it.get("noStaff");
  }

  /** The chosen team: ticked staff as members, the head (ticked or not) as head. */
  private team(form: HTMLFormElement): TeamMemberInput[] {
    const head = this.ref("head", HTMLSelectElement).value;
    const team: TeamMemberInput[] = checked(form, "memberId")
      .filter((id) => id !== head)
      .map((userId) => ({ userId, role: "member" }));
    if (head) team.unshift({ userId: head, role: "head" });
    return team;
  }

  private async create(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const fail = (message: string, focus: HTMLElement | null) => {
      alert.textContent = message;
      focus?.focus();
    };
    const unitId = this.unit.value;
    const plannedStart = field(form, "plannedStart");
    const plannedEnd = field(form, "plannedEnd");
    const scope = field(form, "scope");
    const missing = text.console().get("required");
    const input = (name: string) => control(form, name, HTMLElement);
    if (!unitId) return fail(text.insp().get("unitRequired"), this.unit.input);
    if (!plannedStart) return fail(missing, input("plannedStart"));
    if (!plannedEnd) return fail(missing, input("plannedEnd"));
    if (plannedEnd < plannedStart) return fail(text.insp().get("dateOrder"), input("plannedEnd"));
    if (!scope) return fail(missing, input("scope"));
    const body: InspectionCreateInput = {
      type: field(form, "type") as InspectionCreateInput["type"],
      unitId,
      plannedStart,
      plannedEnd,
      scope,
      leadIds: checked(form, "leadIds"),
      team: this.team(form),
    };
    try {
      const created = await busy(form, () => api.inspections.create(body));
      location.assign(inspectionHref(pageLang(), created.id));
    } catch (error) {
      fail(problemText(error), null);
    }
  }
}

define("inspection-create", InspectionCreate);
