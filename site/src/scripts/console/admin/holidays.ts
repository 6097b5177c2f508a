import type { Holiday, HolidayKind, HolidayList } from "../../../../../worker/src/contracts/holidays";
import { api } from "../../../lib/api";
import { ConsolePage, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn, syncLangSwitch } from "../../../lib/console/session";
import { type ConsoleDict, texts } from "../../../lib/console/texts";
import { control, fillSlot, required } from "../../../lib/dom";
import { fill } from "../../../lib/strings";

const t = () => texts<ConsoleDict["holidays"]["client"]>("holidays");

function hanoiYear(): number {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
}

const asked = Number(new URLSearchParams(location.search).get("year"));
/** The year shown: `?year=` when valid, else this year in Hanoi. */
const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : hanoiYear();

/** `2028-01-24` as `24/01/2028`. */
function displayDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/**
 * `<holiday-admin>`: the holidays page. Chooses the year (`?year=`), lists
 * its days with their provisional badge, edits, deletes and adds a day, and
 * confirms the whole year's provisional list.
 */
class HolidayAdmin extends ConsolePage {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    control(this.ref("year-form", HTMLFormElement), "year", HTMLInputElement).value = String(year);
    this.ref("prev", HTMLAnchorElement).href = `?year=${year - 1}`;
    this.ref("next", HTMLAnchorElement).href = `?year=${year + 1}`;
    if (!new URLSearchParams(location.search).get("year")) history.replaceState(null, "", `?year=${year}`);
    syncLangSwitch();
    this.ref("heading", HTMLElement).textContent = fill(this.data("listHeading"), { year });
    const confirm = this.ref("confirm", HTMLButtonElement);
    confirm.textContent = fill(this.data("confirmYear"), { year });
    confirm.addEventListener("click", () => void this.confirmYear(confirm));
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save(form);
    });
    try {
      this.render(await api.admin.holidays(year));
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }

  private render(list: HolidayList): void {
    const text = t();
    const weekdays = text.get("weekdays").split(",");
    this.ref("computed", HTMLElement).hidden = !list.computed;
    this.ref("empty", HTMLElement).hidden = list.items.length > 0;
    this.ref("confirm", HTMLButtonElement).disabled = !list.items.some((h) => h.provisional);
    const rows = list.items.map((holiday) => {
      const row = this.fromTemplate("row", HTMLTableRowElement);
      const date = displayDate(holiday.date);
      fillSlot(row, "date", date);
      fillSlot(row, "weekday", weekdays[new Date(`${holiday.date}T00:00:00Z`).getUTCDay()] ?? "");
      fillSlot(row, "kind", text.get(holiday.kind));
      fillSlot(row, "nameVi", holiday.nameVi);
      fillSlot(row, "nameEn", holiday.nameEn);
      const badge = document.createElement("span");
      badge.className = holiday.provisional ? "badge provisional" : "badge";
      badge.textContent = text.get(holiday.provisional ? "provisional" : "confirmed");
      fillSlot(row, "state", badge);
      const edit = required(row, '[data-slot="edit"]', HTMLButtonElement);
      edit.textContent = text.get("edit");
      edit.setAttribute("aria-label", text.fill("editLabel", { date }));
      edit.addEventListener("click", () => this.edit(holiday));
      const remove = required(row, '[data-slot="delete"]', HTMLButtonElement);
      remove.textContent = text.get("delete");
      remove.setAttribute("aria-label", text.fill("deleteLabel", { date }));
      remove.addEventListener("click", () => void this.removeDay(holiday, remove));
      return row;
    });
    this.ref("rows", HTMLElement).replaceChildren(...rows);
  }

  /** Puts a day into the form to edit it. */
  private edit(holiday: Holiday): void {
    const form = this.ref("form", HTMLFormElement);
    control(form, "date", HTMLInputElement).value = holiday.date;
    control(form, "kind", HTMLSelectElement).value = holiday.kind;
    control(form, "nameVi", HTMLInputElement).value = holiday.nameVi;
    control(form, "nameEn", HTMLInputElement).value = holiday.nameEn;
    control(form, "nameVi", HTMLInputElement).focus();
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("form-alert", HTMLElement);
    alert.textContent = "";
    const date = field(form, "date");
    const body = {
      kind: field(form, "kind") as HolidayKind,
      nameVi: field(form, "nameVi"),
      nameEn: field(form, "nameEn"),
    };
    try {
      const list = await busy(form, () => api.admin.putHoliday(date, body));
      if (list.year === year) this.render(list);
      form.reset();
      this.show({ status: t().fill("saved", { date: displayDate(date) }) });
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }

  private async removeDay(holiday: Holiday, button: HTMLButtonElement): Promise<void> {
    const date = displayDate(holiday.date);
    if (!window.confirm(t().fill("deleteConfirm", { date }))) return;
    button.disabled = true;
    try {
      this.render(await api.admin.deleteHoliday(holiday.date));
      this.show({ status: t().fill("deleted", { date }), focus: "holidays-heading" });
    } catch (error) {
      button.disabled = false;
      this.show({ alert: problemText(error) });
    }
  }

  private async confirmYear(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const result = await api.admin.confirmHolidays(year);
      this.render(result.list);
      const key = result.confirmed > 0 ? "confirmedYear" : "nothingToConfirm";
      this.show({ status: t().fill(key, { count: result.confirmed, year }) });
    } catch (error) {
      button.disabled = false;
      this.show({ alert: problemText(error) });
    }
  }
}

define("holiday-admin", HolidayAdmin);
