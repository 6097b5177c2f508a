/** A field message as the API and the shared contract produce it. */
export interface FieldMessage {
  pointer: string;
  message: string;
}

/** Pointers whose error element is not named after the pointer's first segment. */
const FIELD_OF_POINTER: Record<string, string> = {
  "/contact/name": "contactName",
  "/contact/email": "contactEmail",
  "/contact/phone": "contactPhone",
};

/** Errors about a group point at the group's first control, so focus has somewhere to go. */
const CONTROL_OF_FIELD: Record<string, string> = { contact: "contactEmail" };

/** The field name for a pointer: `/description` → `description`, `/contact/email` → `contactEmail`. */
export function fieldOf(pointer: string): string {
  return FIELD_OF_POINTER[pointer] ?? pointer.split("/")[1] ?? "";
}

/**
 * Shows each message in `#<field>-error` and marks the control that declares
 * `data-field="<field>"` invalid (its `aria-describedby` already names the
 * error element). Returns the messages no field could take, and the first
 * invalid control in page order so the caller can focus it.
 */
export function showFieldErrors(
  form: HTMLElement,
  messages: FieldMessage[],
): { unplaced: string[]; first: HTMLElement | null } {
  const unplaced: string[] = [];
  const controls: HTMLElement[] = [];
  const texts = new Map<HTMLElement, string[]>();
  for (const { pointer, message } of messages) {
    const field = fieldOf(pointer);
    const target = field ? form.querySelector<HTMLElement>(`#${CSS.escape(field)}-error`) : null;
    if (!target) {
      unplaced.push(message);
      continue;
    }
    texts.set(target, [...(texts.get(target) ?? []), message]);
    const control = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(CONTROL_OF_FIELD[field] ?? field)}"]`);
    if (control) {
      control.setAttribute("aria-invalid", "true");
      controls.push(control);
    }
  }
  for (const [target, list] of texts) target.textContent = [...new Set(list)].join(" ");
  controls.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return { unplaced, first: controls[0] ?? null };
}

/** Empties every error element and clears `aria-invalid`. */
export function clearFieldErrors(form: HTMLElement): void {
  for (const element of form.querySelectorAll<HTMLElement>(".error[id$='-error']")) element.textContent = "";
  for (const element of form.querySelectorAll<HTMLElement>("[aria-invalid]")) element.removeAttribute("aria-invalid");
}
