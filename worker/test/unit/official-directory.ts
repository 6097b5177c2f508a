import csv from "../../../data/hanoi-communes-2025.csv?raw";
import { type OfficialUnit, parseOfficialDirectory } from "../../src/domain/directory";

// Tests run inside workerd, which has no file system: Vite inlines the file's text.

/** The text of `data/hanoi-communes-2025.csv`. */
export const OFFICIAL_CSV: string = csv;

let parsedOnce: readonly OfficialUnit[] | undefined;

/** The parsed official list (parsed once per test file; read only); throws if it does not parse. */
export function officialUnits(): readonly OfficialUnit[] {
  if (!parsedOnce) {
    const parsed = parseOfficialDirectory(OFFICIAL_CSV);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n"));
    parsedOnce = Object.freeze(parsed.units);
  }
  return parsedOnce;
}

/** The official unit with this code; throws on a typo in a test. */
export function officialUnit(code: string): OfficialUnit {
  const unit = officialUnits().find((u) => u.code === code);
  if (!unit) throw new Error(`No official unit ${code}`);
  return unit;
}
