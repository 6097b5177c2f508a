import type { SectorCode } from "../../../../../worker/src/contracts/stats";
import type { UnitKind } from "../../../../../worker/src/contracts/units";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { control } from "../../../lib/dom";
import { currentUnits, fillUnitSelect, reloadUnits, unitTexts } from "./state";

/** `<unit-create>`: adds a department, agency, ward or commune under a current unit. */
class UnitCreate extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.create(form);
    });
    try {
      fillUnitSelect(this.ref("parent", HTMLSelectElement), await currentUnits(), "ha-noi");
    } catch (error) {
      this.ref("alert", HTMLElement).textContent = problemText(error);
    }
  }

  private async create(form: HTMLFormElement): Promise<void> {
    const t = unitTexts();
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const name = field(form, "name");
    if (!name) {
      alert.textContent = t.get("required");
      control(form, "name", HTMLInputElement).focus();
      return;
    }
    const sector = field(form, "sector");
    try {
      const created = await busy(form, () =>
        api.admin.createUnit({
          name,
          kind: field(form, "kind") as UnitKind,
          parentId: field(form, "parentId") || null,
          sector: (sector || null) as SectorCode | null,
        }),
      );
      form.reset();
      await reloadUnits({ q: created.name, status: "current" });
      this.notify({ status: t.fill("created", { name: created.name }) });
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("unit-create", UnitCreate);
