/**
 * A value several widgets of a page show (the inspection, the lead): the page
 * loads it, any widget that changed it on the server sets the fresh copy, and
 * every subscriber renders it. A subscriber added after the first value gets
 * it at once, so the order in which widgets start does not matter.
 *
 * @example
 * export const lead = new Store<LeadDetail>();
 * lead.subscribe((detail) => this.render(detail));
 * lead.set(await api.leads.note(id, { body }));
 */
export class Store<T> {
  #value: T | undefined;
  #listeners = new Set<(value: T) => void>();

  /** The current value, if loaded. */
  get value(): T | undefined {
    return this.#value;
  }

  /** Calls `listener` with every value from now on (and the current one, if any). */
  subscribe(listener: (value: T) => void): void {
    this.#listeners.add(listener);
    if (this.#value !== undefined) listener(this.#value);
  }

  set(value: T): void {
    this.#value = value;
    for (const listener of this.#listeners) listener(value);
  }
}
