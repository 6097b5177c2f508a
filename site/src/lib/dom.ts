/**
 * Finding and cloning elements of server-rendered markup. Markup is written in
 * `.astro` components; scripts only look it up, so a missing or mistyped
 * element is a build mistake and fails loudly with the selector in the error.
 */

/** A DOM interface usable with `instanceof`, such as `HTMLFormElement`. */
export type ElementType<T extends Element> = { new (): T; prototype: T };

function describe(root: ParentNode): string {
  if (root instanceof Element) {
    const id = root.id ? `#${root.id}` : "";
    return `<${root.localName}${id}>`;
  }
  return "the document";
}

function check<T extends Element>(element: Element, selector: string, type: ElementType<T>, root: ParentNode): T {
  if (!(element instanceof type)) {
    throw new TypeError(`${selector} in ${describe(root)} is a <${element.localName}>, not a ${type.name}`);
  }
  return element;
}

/**
 * The first element under `root` matching `selector`, of the given type.
 * Throws a clear error naming the selector when it is missing or of another type.
 *
 * @example
 * const form = required(this, "[data-ref=form]", HTMLFormElement);
 */
export function required<T extends Element>(root: ParentNode, selector: string, type: ElementType<T>): T {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`${selector} is missing in ${describe(root)}`);
  return check(element, selector, type, root);
}

/** Like {@link required}, but null when absent (still throws on a wrong type). */
export function optional<T extends Element>(root: ParentNode, selector: string, type: ElementType<T>): T | null {
  const element = root.querySelector(selector);
  return element ? check(element, selector, type, root) : null;
}

/** Every element under `root` matching `selector`; throws if one is of another type. */
export function all<T extends Element>(root: ParentNode, selector: string, type: ElementType<T>): T[] {
  return [...root.querySelectorAll(selector)].map((element) => check(element, selector, type, root));
}

/** The form control named `name` in `form`, of the given type. */
export function control<T extends Element>(form: HTMLFormElement, name: string, type: ElementType<T>): T {
  const element = form.elements.namedItem(name);
  if (!(element instanceof type)) throw new Error(`no ${type.name} named "${name}" in ${describe(form)}`);
  return element;
}

const ID_REFERENCES = ["for", "aria-describedby", "aria-labelledby", "aria-controls"] as const;

/**
 * Prefixes every `id` under `root` (and `root`'s own), and the attributes that
 * point at them, so that a template cloned many times keeps ids unique and
 * labels attached.
 */
export function scopeIds(root: Element, prefix: string): void {
  const nodes = [root, ...root.querySelectorAll("*")];
  const ids = new Set(nodes.map((node) => node.id).filter(Boolean));
  for (const node of nodes) {
    if (node.id) node.id = `${prefix}-${node.id}`;
    for (const name of ID_REFERENCES) {
      const value = node.getAttribute(name);
      if (!value) continue;
      const tokens = value.split(/\s+/).map((token) => (ids.has(token) ? `${prefix}-${token}` : token));
      node.setAttribute(name, tokens.join(" "));
    }
  }
}

/**
 * A copy of the single element a `<template>` holds, imported into the
 * document (so custom elements inside are upgraded), with ids scoped to
 * `idPrefix` when given.
 *
 * @example
 * const row = clone(required(this, "template[data-ref=row]", HTMLTemplateElement), HTMLTableRowElement);
 */
export function clone<T extends Element>(template: HTMLTemplateElement, type: ElementType<T>, idPrefix = ""): T {
  const fragment = document.importNode(template.content, true);
  const element = fragment.firstElementChild;
  if (!element || element.nextElementSibling) throw new Error("a <template> must hold exactly one element");
  const typed = check(element, "template's element", type, template);
  if (idPrefix) scopeIds(typed, idPrefix);
  return typed;
}

/**
 * Fills `[data-slot=name]` under `root` with text or a node.
 *
 * @example
 * fillSlot(row, "unit", lead.unitName);
 */
export function fillSlot(root: ParentNode, name: string, value: string | Node): void {
  required(root, `[data-slot="${name}"]`, HTMLElement).replaceChildren(value);
}
