import type { AltchaWidgetElement } from "altcha/external";

/**
 * Loads the widget code after the page is interactive; the widget is heavy
 * (proof-of-work workers) and excluded from the page-weight budget.
 */
export function loadAltcha(): Promise<unknown> {
  return import("./altcha-loader");
}

async function widgetReady(widget: AltchaWidgetElement): Promise<void> {
  await customElements.whenDefined("altcha-widget");
  if (typeof widget.getState === "function") return;
  await new Promise((resolve) => widget.addEventListener("load", resolve, { once: true }));
}

function currentPayload(widget: AltchaWidgetElement): string {
  return widget.querySelector<HTMLInputElement>('input[name="altcha"]')?.value ?? "";
}

/**
 * The widget's payload for the report body, solving the challenge now if the
 * widget has not finished yet (it starts when the form gets focus). Returns
 * null when verification fails.
 */
export async function altchaPayload(widget: AltchaWidgetElement): Promise<string | null> {
  await loadAltcha();
  await widgetReady(widget);
  const state = widget.getState();
  if (state === "verified" && currentPayload(widget)) return currentPayload(widget);
  if (state === "verifying") {
    await new Promise<void>((resolve) => {
      const onChange = (event: Event) => {
        const next = (event as CustomEvent<{ state?: string }>).detail?.state;
        if (next && next !== "verifying") {
          widget.removeEventListener("statechange", onChange);
          resolve();
        }
      };
      widget.addEventListener("statechange", onChange);
    });
    return widget.getState() === "verified" ? currentPayload(widget) || null : null;
  }
  try {
    const result = await widget.verify();
    return result?.payload || currentPayload(widget) || null;
  } catch {
    return null;
  }
}

/** Forgets a used or rejected payload so the next submit solves a fresh challenge. */
export function resetAltcha(widget: AltchaWidgetElement): void {
  if (typeof widget.reset === "function") widget.reset();
}
