import type { RedactionKind, RedactionMark, RedactionPreview } from "../../../../worker/src/contracts/redactions";
import { applyRedactions, REDACTION_LABELS } from "../../../../worker/src/domain/redaction/apply";
import type { Dict } from "../../i18n";
import { api } from "../api";
import { ConsoleElement, define } from "./element";
import { problemText } from "./problems";
import { texts } from "./texts";

type RedactionTexts = Dict["console"]["redaction"];

const redactionTexts = () => texts<RedactionTexts>("redaction");
const kindTexts = () => texts<RedactionTexts["kinds"]>("redaction-kinds");

interface Reviewed extends RedactionMark {
  /** True: redacted; false: the inspector keeps it. */
  on: boolean;
}

function isKind(value: string): value is RedactionKind {
  return Object.hasOwn(REDACTION_LABELS, value);
}

/** The text as the server reads it (TextSchema): NFC, trimmed. */
function serverText(value: string): string {
  return value.normalize("NFC").trim();
}

/**
 * `<redaction-review data-source="field name">`: before a free text leaves
 * the team, shows the detector's suggested redactions on the form's field
 * `data-source` (`POST /api/redactions/preview`). Each mark is a toggle
 * button (pressed: redacted); a passage selected in the field or in the
 * shown text is redacted with "Redact the selection"; the text that will be
 * published is shown below. The form sends `confirmedMarks()` with the text:
 * `undefined` while not reviewed (or after the text changed), and the server
 * then applies its own suggestions.
 */
export class RedactionReview extends ConsoleElement {
  #preview: RedactionPreview | null = null;
  #marks: Reviewed[] = [];

  protected start(): void {
    this.source().addEventListener("input", () => {
      if (!this.#preview) return;
      this.reset();
      this.ref("status", HTMLElement).textContent = redactionTexts().get("stale");
    });
    this.ref("check", HTMLButtonElement).addEventListener("click", () => void this.check());
    this.ref("add", HTMLButtonElement).addEventListener("click", () => this.addSelection());
    this.ref("text", HTMLElement).addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("button[data-index]") : null;
      if (button instanceof HTMLButtonElement) this.toggle(Number(button.dataset.index));
    });
  }

  /** Forgets the review: the form shows another text. */
  reset(): void {
    this.#preview = null;
    this.#marks = [];
    this.ref("review", HTMLElement).hidden = true;
    this.ref("status", HTMLElement).textContent = "";
  }

  /** The marks the inspector confirmed on the field's current text, or undefined when it was not reviewed. */
  confirmedMarks(): RedactionMark[] | undefined {
    if (!this.#preview || this.#preview.text !== serverText(this.source().value)) return undefined;
    return this.#marks.filter((m) => m.on).map(({ start, end, kind }) => ({ start, end, kind }));
  }

  private source(): HTMLTextAreaElement {
    const control = this.closest("form")?.elements.namedItem(this.data("source"));
    if (!(control instanceof HTMLTextAreaElement))
      throw new Error(`<redaction-review> has no textarea ${this.data("source")}`);
    return control;
  }

  private async check(): Promise<void> {
    const status = this.ref("status", HTMLElement);
    const button = this.ref("check", HTMLButtonElement);
    const value = serverText(this.source().value);
    if (!value) {
      status.textContent = redactionTexts().get("noSelection");
      this.source().focus();
      return;
    }
    button.disabled = true;
    status.textContent = redactionTexts().get("checking");
    try {
      this.#preview = await api.redactions.preview({ text: value });
      this.#marks = this.#preview.marks.map((m) => ({ ...m, on: true }));
      this.ref("review", HTMLElement).hidden = false;
      this.render();
    } catch (error) {
      status.textContent = problemText(error);
    } finally {
      button.disabled = false;
    }
  }

  private render(focusIndex?: number): void {
    const preview = this.#preview;
    if (!preview) return;
    const t = redactionTexts();
    const shown = this.ref("text", HTMLElement);
    const parts: Node[] = [];
    let at = 0;
    const plain = (start: number, end: number) => {
      const span = document.createElement("span");
      span.dataset.start = String(start);
      span.textContent = preview.text.slice(start, end);
      parts.push(span);
    };
    this.#marks.forEach((m, index) => {
      if (m.start > at) plain(at, m.start);
      const button = document.createElement("button");
      button.type = "button";
      button.className = `redaction-mark k-${m.kind}`;
      button.dataset.index = String(index);
      button.dataset.start = String(m.start);
      button.setAttribute("aria-pressed", String(m.on));
      button.textContent = preview.text.slice(m.start, m.end);
      button.title = kindTexts().get(m.kind);
      button.setAttribute(
        "aria-label",
        t.fill("markLabel", {
          text: button.textContent,
          kind: kindTexts().get(m.kind),
          state: t.get(m.on ? "hidden" : "kept"),
        }),
      );
      parts.push(button);
      at = m.end;
    });
    if (at < preview.text.length) plain(at, preview.text.length);
    shown.replaceChildren(...parts);
    const active = this.#marks.filter((m) => m.on);
    this.ref("result", HTMLElement).textContent = applyRedactions(preview.text, active);
    this.ref("status", HTMLElement).textContent = active.length ? t.fill("count", { n: active.length }) : t.get("none");
    if (focusIndex !== undefined) shown.querySelector<HTMLElement>(`button[data-index="${focusIndex}"]`)?.focus();
  }

  private toggle(index: number): void {
    const mark = this.#marks[index];
    if (!mark) return;
    mark.on = !mark.on;
    this.render(index);
  }

  private addSelection(): void {
    const range = this.selectedRange();
    const kind = this.ref("kind", HTMLSelectElement).value;
    if (!range || !isKind(kind)) {
      this.ref("status", HTMLElement).textContent = redactionTexts().get("noSelection");
      return;
    }
    const kept = this.#marks.filter((m) => m.end <= range.start || m.start >= range.end);
    this.#marks = [...kept, { ...range, kind, on: true }].sort((a, b) => a.start - b.start);
    this.render(this.#marks.findIndex((m) => m.start === range.start));
  }

  /** The passage selected in the shown text, or else in the field, as offsets of the reviewed text. */
  private selectedRange(): { start: number; end: number } | null {
    const preview = this.#preview;
    if (!preview) return null;
    const shown = this.ref("text", HTMLElement);
    const selection = document.getSelection();
    let start = -1;
    let end = -1;
    if (
      selection &&
      !selection.isCollapsed &&
      selection.anchorNode &&
      selection.focusNode &&
      shown.contains(selection.anchorNode) &&
      shown.contains(selection.focusNode)
    ) {
      const a = offsetIn(selection.anchorNode, selection.anchorOffset);
      const b = offsetIn(selection.focusNode, selection.focusOffset);
      if (a !== null && b !== null) [start, end] = [Math.min(a, b), Math.max(a, b)];
    } else {
      const field = this.source();
      if (field.selectionEnd > field.selectionStart) {
        const raw = field.value;
        const lead = raw.normalize("NFC").length - raw.normalize("NFC").trimStart().length;
        start = raw.slice(0, field.selectionStart).normalize("NFC").length - lead;
        end = raw.slice(0, field.selectionEnd).normalize("NFC").length - lead;
      }
    }
    start = Math.max(0, start);
    end = Math.min(preview.text.length, end);
    // Leave the spaces around a selected word out of the mark.
    while (start < end && /\s/.test(preview.text[start] ?? "")) start++;
    while (end > start && /\s/.test(preview.text[end - 1] ?? "")) end--;
    return end > start ? { start, end } : null;
  }
}

/** The offset in the reviewed text of a point inside the shown text (each part carries its `data-start`). */
function offsetIn(node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node instanceof Element ? node : null;
  const part = element?.closest<HTMLElement>("[data-start]");
  if (!part) return null;
  const base = Number(part.dataset.start);
  return node.nodeType === Node.TEXT_NODE ? base + offset : base;
}

define("redaction-review", RedactionReview);
