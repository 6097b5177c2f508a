import type { UnitList } from "../../../../worker/src/contracts/units";
import type { SecurityPolicy, User, UserList, UserWithPassword } from "../../../../worker/src/contracts/users";
import { type ConsoleStrings, consoleApi, problemText } from "../../lib/console/api";
import { busy, el, field } from "../../lib/console/dom";
import { startConsole } from "../../lib/console/session";
import { fill } from "../../lib/strings";

type Role = User["role"];

const alertBox = document.getElementById("admin-alert") as HTMLElement;
const statusBox = document.getElementById("admin-status") as HTMLElement;
const tbody = document.querySelector("#users-table tbody") as HTMLElement;
const createForm = document.getElementById("create-user-form") as HTMLFormElement;
const securityForm = document.getElementById("security-form") as HTMLFormElement;
const dialog = document.getElementById("edit-user-dialog") as HTMLDialogElement;
const editForm = document.getElementById("edit-user-form") as HTMLFormElement;
const tiesList = document.getElementById("edit-ties") as HTMLElement;
const results = document.getElementById("unit-results") as HTMLElement;
const search = document.getElementById("unit-search") as HTMLInputElement;

const ctx = await startConsole(["admin"]);

/** Unit names seen so far; ties are stored as ids. */
const unitNames = new Map<string, string>();
let editing: { user: User; ties: string[]; opener: HTMLElement } | null = null;

async function searchUnits(q: string): Promise<UnitList["items"]> {
  const result = await consoleApi<UnitList>(`/api/units?q=${encodeURIComponent(q)}&limit=20`);
  if (!result.ok) return [];
  for (const unit of result.data.items) unitNames.set(unit.id, unit.name);
  return result.data.items;
}

/** Resolves the names of tied units: ids are slugs of the names, so searching the slug's words finds them. */
async function resolveNames(ids: string[]): Promise<void> {
  const unknown = ids.filter((id) => !unitNames.has(id));
  await Promise.all(unknown.map((id) => searchUnits(id.replaceAll("-", " "))));
}

function unitLabel(id: string): string {
  return unitNames.get(id) ?? id;
}

function showPassword(email: string, password: string): void {
  const box = document.getElementById("one-time-password") as HTMLElement;
  (document.getElementById("otp-email") as HTMLElement).textContent = email;
  (document.getElementById("otp-value") as HTMLElement).textContent = password;
  box.hidden = false;
  statusBox.textContent = "";
  (document.getElementById("otp-heading") as HTMLElement).focus();
}

function actionButton(text: string, label: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const button = el("button", "secondary", text);
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.addEventListener("click", () => onClick(button));
  return button;
}

function renderUsers(users: User[], t: ConsoleStrings): void {
  tbody.replaceChildren(
    ...users.map((user) => {
      const email = el("th", "", user.email);
      email.scope = "row";
      const actions = el(
        "td",
        "",
        "",
        el(
          "div",
          "stack",
          "",
          actionButton(t.edit, `${t.edit}: ${user.email}`, (button) => void openEditor(user, button)),
          actionButton(t.reset, `${t.reset}: ${user.email}`, () => void reset(user)),
        ),
      );
      const row = el(
        "tr",
        "",
        "",
        email,
        el("td", "", user.displayName),
        el("td", "", t.roles[user.role]),
        el("td", "", user.totpEnabled ? t.totpOn : t.totpOff),
        el("td", "", user.disabled ? t.yes : t.no),
        el("td", "", user.unitTies.map(unitLabel).join("; ") || "—"),
        actions,
      );
      row.dataset.userId = user.id;
      return row;
    }),
  );
}

async function loadUsers(): Promise<void> {
  if (!ctx) return;
  const result = await consoleApi<UserList>("/api/admin/users");
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, ctx.t);
    return;
  }
  await resolveNames(result.data.items.flatMap((user) => user.unitTies));
  renderUsers(result.data.items, ctx.t);
}

async function loadPolicy(): Promise<void> {
  const result = await consoleApi<SecurityPolicy>("/api/admin/security");
  if (!result.ok) return;
  for (const box of securityForm.querySelectorAll<HTMLInputElement>("input[name=totpRequiredRoles]")) {
    box.checked = result.data.totpRequiredRoles.includes(box.value as Role);
  }
}

async function reset(user: User): Promise<void> {
  if (!ctx || !confirm(fill(ctx.t.resetConfirm, { email: user.email }))) return;
  const result = await consoleApi<UserWithPassword>(`/api/admin/users/${encodeURIComponent(user.id)}/reset`, {
    method: "POST",
  });
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, ctx.t);
    return;
  }
  showPassword(fill(ctx.t.resetDone, { email: user.email }), result.data.temporaryPassword);
  await loadUsers();
}

function renderTies(t: ConsoleStrings): void {
  if (!editing) return;
  const ties = editing.ties;
  tiesList.replaceChildren(
    ...(ties.length === 0
      ? [el("li", "muted", t.noTies)]
      : ties.map((id) =>
          el(
            "li",
            "",
            "",
            el("span", "", unitLabel(id)),
            actionButton("×", fill(t.remove, { name: unitLabel(id) }), () => {
              if (!editing) return;
              editing.ties = editing.ties.filter((tie) => tie !== id);
              renderTies(t);
              search.focus();
            }),
          ),
        )),
  );
}

async function runSearch(t: ConsoleStrings): Promise<void> {
  const q = search.value.trim();
  if (!q) return;
  const units = await searchUnits(q);
  results.replaceChildren(
    ...(units.length === 0
      ? [el("li", "muted", t.noUnits)]
      : units.map((unit) => {
          const kind = t.unitKinds[unit.kind];
          const add = actionButton("+", fill(t.add, { name: unit.name }), (button) => {
            if (!editing || editing.ties.includes(unit.id)) return;
            editing.ties.push(unit.id);
            renderTies(t);
            button.disabled = true;
          });
          add.disabled = editing?.ties.includes(unit.id) ?? false;
          return el("li", "", "", el("span", "", `${unit.name} (${kind})`), add);
        })),
  );
}

async function openEditor(user: User, opener: HTMLElement): Promise<void> {
  if (!ctx) return;
  editing = { user, ties: [...user.unitTies], opener };
  editForm.reset();
  (document.getElementById("edit-email") as HTMLElement).textContent = user.email;
  (editForm.elements.namedItem("displayName") as HTMLInputElement).value = user.displayName;
  (editForm.elements.namedItem("role") as HTMLSelectElement).value = user.role;
  (editForm.elements.namedItem("disabled") as HTMLInputElement).checked = user.disabled;
  (editForm.querySelector(".alert") as HTMLElement).textContent = "";
  results.replaceChildren();
  renderTies(ctx.t);
  dialog.showModal();
}

if (ctx) {
  const { t } = ctx;

  createForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const alert = createForm.querySelector(".alert") as HTMLElement;
    alert.textContent = "";
    const body = {
      email: field(createForm, "email"),
      displayName: field(createForm, "displayName"),
      role: field(createForm, "role"),
    };
    const missing = !body.email ? "email" : !body.displayName ? "displayName" : null;
    if (missing) {
      alert.textContent = t.required;
      (createForm.elements.namedItem(missing) as HTMLElement).focus();
      return;
    }
    const result = await busy(createForm, () =>
      consoleApi<UserWithPassword>("/api/admin/users", { method: "POST", body }),
    );
    if (!result.ok) {
      alert.textContent = problemText(result.failure, t);
      return;
    }
    createForm.reset();
    showPassword(fill(t.created, { email: result.data.user.email }), result.data.temporaryPassword);
    await loadUsers();
  });

  securityForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const alert = securityForm.querySelector(".alert") as HTMLElement;
    alert.textContent = "";
    const totpRequiredRoles = [...securityForm.querySelectorAll<HTMLInputElement>("input:checked")].map(
      (box) => box.value,
    );
    const result = await busy(securityForm, () =>
      consoleApi<SecurityPolicy>("/api/admin/security", { method: "PUT", body: { totpRequiredRoles } }),
    );
    if (!result.ok) {
      alert.textContent = problemText(result.failure, t);
      return;
    }
    statusBox.textContent = t.policySaved;
  });

  editForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!editing) return;
    const alert = editForm.querySelector(".alert") as HTMLElement;
    alert.textContent = "";
    const body = {
      displayName: field(editForm, "displayName"),
      role: field(editForm, "role"),
      disabled: (editForm.elements.namedItem("disabled") as HTMLInputElement).checked,
      unitTies: editing.ties,
    };
    if (!body.displayName) {
      alert.textContent = t.required;
      (editForm.elements.namedItem("displayName") as HTMLElement).focus();
      return;
    }
    const id = editing.user.id;
    const result = await busy(editForm, () =>
      consoleApi<User>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body }),
    );
    if (!result.ok) {
      alert.textContent = problemText(result.failure, t);
      return;
    }
    const opener = editing.opener;
    editing = null;
    dialog.close();
    await loadUsers();
    statusBox.textContent = t.saved;
    const row = tbody.querySelector<HTMLElement>(`tr[data-user-id="${CSS.escape(id)}"] button`);
    (row ?? opener).focus();
  });

  (document.getElementById("edit-cancel") as HTMLElement).addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (editing?.opener.isConnected) editing.opener.focus();
    editing = null;
  });
  (document.getElementById("unit-search-go") as HTMLElement).addEventListener("click", () => void runSearch(t));
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void runSearch(t);
    }
  });

  await Promise.all([loadUsers(), loadPolicy()]);
}
