import type { Dict } from "../../i18n";

/** The texts the statistics script receives in `data-i18n` (see StatsDashboard.astro). */
export type StatsText = Dict["stats"]["client"] & {
  figures: Dict["stats"]["figures"];
  inspectionTypes: Dict["stats"]["inspectionTypes"];
  outcomes: Dict["stats"]["outcomes"];
  byReason: string;
  byChannel: string;
  byType: string;
  byOutcome: string;
  onTimeHint: string;
};
