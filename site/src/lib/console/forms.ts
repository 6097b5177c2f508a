/** Disables a form's buttons and marks it busy while `task` runs. */
export async function busy<T>(form: HTMLFormElement, task: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll("button")];
  for (const button of buttons) button.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await task();
  } finally {
    for (const button of buttons) button.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

/** Value of a named field of a form (a control or a radio group), trimmed; "" when absent. */
export function field(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  return control && "value" in control ? String(control.value).trim() : "";
}

/** Values of the checked boxes named `name`. */
export function checked(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked:not(:disabled)`)].map(
    (input) => input.value,
  );
}
