import type { Dict } from "../../i18n";
import { fill } from "../strings";

/** Texts of one `<Texts name="…">` set, keyed like the dictionary object it was rendered from. */
export interface TextSet<K extends string> {
  /** The text for `key`; throws when the page does not hold it (a build mistake). */
  get(key: K): string;
  /** The text for `key` with its `{placeholders}` filled. */
  fill(key: K, values: Record<string, string | number>): string;
  /** The text for a value that comes from the API (a status, an audit action); the value itself when unknown. */
  label(key: string): string;
}

const cache = new Map<string, Map<string, string>>();

function load(name: string): Map<string, string> {
  const known = cache.get(name);
  if (known) return known;
  const template = document.querySelector(`template[data-texts="${name}"]`);
  if (!(template instanceof HTMLTemplateElement)) throw new Error(`template[data-texts="${name}"] is missing`);
  const map = new Map<string, string>();
  for (const item of template.content.querySelectorAll("data")) map.set(item.value, item.textContent ?? "");
  cache.set(name, map);
  return map;
}

/**
 * The texts rendered by `<Texts name={name} …>` (components/console/Texts.astro).
 * `T` is the dictionary object they came from, which types the keys.
 *
 * @example
 * const statuses = texts<ConsoleDict["client"]["statuses"]>("lead-statuses");
 * badge.textContent = statuses.get(lead.status);
 */
export function texts<T extends object>(name: string): TextSet<Extract<keyof T, string>> {
  const get = (key: string): string => {
    const value = load(name).get(key);
    if (value === undefined) throw new Error(`text "${key}" is missing from template[data-texts="${name}"]`);
    return value;
  };
  return {
    get,
    fill: (key, values) => fill(get(key), values),
    label: (key) => load(name).get(key) ?? key,
  };
}

/** The console's part of the dictionary. */
export type ConsoleDict = Dict["console"];
/** The console's shared run-time texts (`console.client`). */
export type ClientTexts = ConsoleDict["client"];
/** The inspection pages' run-time texts (`console.inspections.client`). */
export type InspTexts = ConsoleDict["inspections"]["client"];

/**
 * The sets every console page holds (ConsoleLayout renders them) and those
 * of the lead and inspection pages; the names match their `<Texts>`.
 */
export const text = {
  console: () => texts<ClientTexts>("console"),
  roles: () => texts<ClientTexts["roles"]>("roles"),
  unitKinds: () => texts<ClientTexts["unitKinds"]>("unit-kinds"),
  categories: () => texts<Record<string, string>>("categories"),
  leadStatuses: () => texts<ClientTexts["statuses"]>("lead-statuses"),
  leadActions: () => texts<ClientTexts["actions"]>("lead-actions"),
  reasonCodes: () => texts<ClientTexts["reasonCodes"]>("reason-codes"),
  insp: () => texts<InspTexts>("insp"),
  inspectionTypes: () => texts<InspTexts["types"]>("inspection-types"),
  inspectionStatuses: () => texts<InspTexts["statuses"]>("inspection-statuses"),
  inspectionActions: () => texts<InspTexts["actions"]>("inspection-actions"),
  outcomes: () => texts<InspTexts["outcomes"]>("outcomes"),
  measureStatuses: () => texts<InspTexts["measureStatuses"]>("measure-statuses"),
  teamRoles: () => texts<InspTexts["teamRoles"]>("team-roles"),
};
