/**
 * The official list of Hà Nội's wards and communes (`data/hanoi-communes-2025.csv`,
 * described in `data/README.md`) as typed entries.
 */
import { fold, toNfc } from "../text";
import { CsvSyntaxError, parseCsv } from "./csv";

/** The two kinds of commune-level unit since 1 July 2025. */
export type OfficialKind = "ward" | "commune";

/** A unit from before 1 July 2025 that went, whole or in part, into an official unit. */
export interface FormerUnit {
  /** As written in the source, with its prefix (Phường, Xã, Thị trấn). */
  name: string;
  nameFolded: string;
  /** Its code before the reform. Codes were reused by new units: never a key of the new directory. */
  oldCode: string;
  /** True when only part of it went into this unit (the rest went elsewhere). */
  partial: boolean;
}

/** A ward or commune of the official list. */
export interface OfficialUnit {
  /** The 5-digit official code (Công văn 1027/CTK-CSCL). */
  code: string;
  /** NFC, with its prefix: "Phường Ba Đình", "Xã Sóc Sơn". */
  name: string;
  /** `fold(name)`, as `units.name_folded` stores it. */
  nameFolded: string;
  kind: OfficialKind;
  /** In the order of the source. */
  formedFrom: FormerUnit[];
}

/** A problem in the file, with the line it is on (1-based). */
export interface DirectoryProblem {
  line: number;
  message: string;
}

/** The parsed list, or every problem found (a file with one problem yields no list). */
export type DirectoryParse = { ok: true; units: OfficialUnit[] } | { ok: false; problems: DirectoryProblem[] };

const COLUMNS = ["code", "name", "kind", "formed_from"] as const;
const PREFIX: Record<OfficialKind, string> = { ward: "Phường ", commune: "Xã " };
const FORMER = /^(.+?) \((\d{5}), (full|partial)\)$/u;

/**
 * One `formed_from` entry: `name (old code, full|partial)`.
 *
 * @example
 * parseFormerUnit("Phường Trúc Bạch (00004, full)") // { name: "Phường Trúc Bạch", nameFolded: "phuong truc bach", oldCode: "00004", partial: false }
 * parseFormerUnit("Trúc Bạch")                       // undefined
 */
export function parseFormerUnit(entry: string): FormerUnit | undefined {
  const match = FORMER.exec(toNfc(entry.trim()));
  if (!match) return undefined;
  const [, name, oldCode, extent] = match as unknown as [string, string, string, string];
  return { name, nameFolded: fold(name), oldCode, partial: extent === "partial" };
}

/** The entries of a `formed_from` field, split on `|`; undefined for an entry that does not parse. */
export function parseFormedFrom(field: string): Array<FormerUnit | undefined> {
  if (field.trim() === "") return [];
  return field.split("|").map(parseFormerUnit);
}

/**
 * Reads the official list. Checks the header, each code (5 digits, unique),
 * each kind, that a name is not blank, starts with the prefix of its kind
 * and is unique once folded, and that every `formed_from` entry parses.
 *
 * @example
 * const parsed = parseOfficialDirectory(csvText);
 * if (!parsed.ok) throw new Error(parsed.problems.map((p) => `line ${p.line}: ${p.message}`).join("\n"));
 */
export function parseOfficialDirectory(text: string): DirectoryParse {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, problems: [{ line: error.line, message: error.reason }] };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) return { ok: false, problems: [{ line: 1, message: "the file is empty" }] };
  const problems: DirectoryProblem[] = [];
  const headerText = header.fields.map((f) => f.trim()).join(",");
  if (headerText !== COLUMNS.join(",")) {
    return { ok: false, problems: [{ line: header.line, message: `expected the header ${COLUMNS.join(",")}` }] };
  }
  const units: OfficialUnit[] = [];
  const unitLines: number[] = [];
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const { line, fields } of rows) {
    const problem = (message: string) => problems.push({ line, message });
    if (fields.length !== COLUMNS.length) {
      problem(`expected ${COLUMNS.length} fields, found ${fields.length}`);
      continue;
    }
    const [code, rawName, kind, formedFromField] = fields.map((f) => f.trim()) as [string, string, string, string];
    const name = toNfc(rawName).replace(/\s+/g, " ");
    if (!/^\d{5}$/.test(code)) problem(`the code "${code}" is not 5 digits`);
    else if (codes.has(code)) problem(`the code ${code} appears twice`);
    codes.add(code);
    if (kind !== "ward" && kind !== "commune") {
      problem(`the kind "${kind}" is neither ward nor commune`);
    } else if (!name.startsWith(PREFIX[kind]) || name.length === PREFIX[kind].length) {
      problem(`the name "${name}" does not start with "${PREFIX[kind].trim()}" followed by a name`);
    }
    const nameFolded = fold(name);
    if (names.has(nameFolded)) problem(`the name "${name}" appears twice`);
    names.add(nameFolded);
    const formedFrom: FormerUnit[] = [];
    for (const [index, entry] of parseFormedFrom(formedFromField).entries()) {
      if (entry) formedFrom.push(entry);
      else problem(`formed_from entry ${index + 1} is not "name (old code, full|partial)"`);
    }
    if (formedFrom.length === 0 && formedFromField.trim() === "") problem("formed_from is empty");
    units.push({ code, name, nameFolded, kind: kind as OfficialKind, formedFrom });
    unitLines.push(line);
  }
  problems.push(...formerUnitProblems(units, unitLines));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, units };
}

/**
 * Cross-row checks of `formed_from`: an old code names one unit everywhere,
 * and a unit that went whole (`full`) into one new unit appears under no
 * other. Otherwise "split" would be wrong.
 */
function formerUnitProblems(units: readonly OfficialUnit[], lines: readonly number[]): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const seen = new Map<string, { nameFolded: string; full: boolean }>();
  units.forEach((unit, index) => {
    const line = lines[index] ?? 0;
    for (const former of unit.formedFrom) {
      const earlier = seen.get(former.oldCode);
      if (!earlier) {
        seen.set(former.oldCode, { nameFolded: former.nameFolded, full: !former.partial });
        continue;
      }
      if (earlier.nameFolded !== former.nameFolded) {
        problems.push({ line, message: `the old code ${former.oldCode} names two units` });
      } else if (earlier.full || !former.partial) {
        problems.push({
          line,
          message: `${former.name} (${former.oldCode}) went whole into one unit, yet is listed twice`,
        });
      }
    }
  });
  return problems;
}
