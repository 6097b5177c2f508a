import { describe, expect, it } from "vitest";
import { DISMISSAL_REASON_CODES } from "../../src/contracts/leads";
import {
  buildRollups,
  CELL_COLUMNS,
  type CellContribution,
  ROLLUPS,
  type Rollups,
  UNSPECIFIED_REASON,
} from "../../src/db/rollups/definition";
import { columnsRead, rollupTriggers, rollupTriggersMigration } from "../../src/db/rollups/generate-triggers";

const triggerSql = (rollups: Rollups, name: string) => rollupTriggers(rollups).find((t) => t.name === name)?.sql ?? "";

/** The reason codes a leads trigger counts in their own column, and those it keeps out of `unspecified`. */
function reasonBranches(sql: string) {
  const own = Array.from(sql.matchAll(/dismissal_reason_code IS '(\w+)'/g), (m) => m[1]);
  const notIn = sql.match(/dismissal_reason_code NOT IN \(([^)]*)\)/)?.[1] ?? "";
  return {
    own: [...new Set(own)],
    listed: Array.from(notIn.matchAll(/'(\w+)'/g), (m) => m[1]),
    columns: [...new Set(Array.from(sql.matchAll(/\b(dismissed_\w+) = \1 \+ excluded\.\1/g), (m) => m[1]))],
  };
}

describe("dismissal reasons in the rollups", () => {
  it("has one column per contract reason code, then unspecified", () => {
    expect(CELL_COLUMNS.filter((c) => c.startsWith("dismissed_"))).toEqual([
      ...DISMISSAL_REASON_CODES.map((code) => `dismissed_${code}`),
      `dismissed_${UNSPECIFIED_REASON}`,
    ]);
  });

  it.each(["stats_leads_ai", "stats_leads_ad", "stats_leads_au"])(
    "%s counts each contract code in its column and every other code as unspecified",
    (name) => {
      const { own, listed, columns } = reasonBranches(triggerSql(ROLLUPS, name));
      expect(own).toEqual([...DISMISSAL_REASON_CODES]);
      expect(listed).toEqual([...DISMISSAL_REASON_CODES]);
      expect(columns).toEqual([
        ...DISMISSAL_REASON_CODES.map((code) => `dismissed_${code}`),
        `dismissed_${UNSPECIFIED_REASON}`,
      ]);
    },
  );

  it("a code added to the contracts gets its own column in the lead and month triggers, not unspecified", () => {
    const codes = [...DISMISSAL_REASON_CODES, "withdrawn"];
    const rollups = buildRollups(codes);
    const { own, listed, columns } = reasonBranches(triggerSql(rollups, "stats_leads_ai"));
    expect(own).toEqual(codes);
    expect(listed).toEqual(codes);
    expect(columns).toContain("dismissed_withdrawn");
    expect(triggerSql(rollups, "stats_cells_ai")).toContain("excluded.dismissed_withdrawn");
    expect(rollups.cellColumns).toContain("dismissed_withdrawn");
    expect(rollupTriggersMigration(rollups)).not.toBe(rollupTriggersMigration());
    expect(rollupTriggersMigration()).not.toContain("withdrawn");
  });
});

describe("the rollup definition", () => {
  it("counts every cell column from some table, and only cell columns", () => {
    const counted = ROLLUPS.sources.flatMap((s) =>
      s.contributions.flatMap((c) => (c.into === "stats_cells" ? Object.keys(c.counts) : [])),
    );
    expect([...new Set(counted)].sort()).toEqual([...CELL_COLUMNS].sort());
    expect(counted.length).toBe(new Set(counted).size);
  });

  it("watches every column its contributions read, so an update moves the counts", () => {
    for (const source of ROLLUPS.sources) {
      const read = new Set(source.contributions.flatMap(columnsRead));
      expect(
        [...read].filter((c) => !source.watched.includes(c)),
        source.table,
      ).toEqual([]);
    }
  });

  it("refuses a contribution that reads a column the update trigger would not watch", () => {
    const reports = ROLLUPS.sources.find((s) => s.table === "reports");
    const contribution = reports?.contributions[0] as CellContribution;
    const broken: Rollups = {
      ...ROLLUPS,
      sources: [{ ...reports, table: "reports", watched: ["unit_id", "category_code"], contributions: [contribution] }],
    };
    expect(() => rollupTriggers(broken)).toThrow(/received_at/);
  });

  it("refuses a count into a column the cells do not have", () => {
    const reports = ROLLUPS.sources.find((s) => s.table === "reports");
    const contribution = reports?.contributions[0] as CellContribution;
    const broken: Rollups = {
      ...ROLLUPS,
      sources: [
        {
          table: "reports",
          watched: reports?.watched ?? [],
          contributions: [{ ...contribution, counts: { ...contribution.counts, complaints: () => "1" } }],
        },
      ],
    };
    expect(() => rollupTriggers(broken)).toThrow(/complaints/);
  });
});
