/** The human reference instructions as the text reports show them beside the candidates: their test scores and their text. */
import { fmtInterval, type Interval } from "../stats/interval.js";
import { fmtScore, table } from "../text/table.js";

/** One reference as its table shows it. */
export interface ReferenceLine {
  readonly id: number;
  readonly testScore: number | null;
  readonly testCount: number;
  readonly text: string;
  /** The 95% interval of its test score (`ape show`); leave out where the report shows none. */
  readonly testInterval?: Interval | undefined;
}

/** The references table under `heading`; a 95% CI column where `intervals` is set. */
export function referencesTable(heading: string, lines: readonly ReferenceLine[], intervals: boolean): string {
  const interval = (r: ReferenceLine): string[] => (intervals ? [fmtInterval(r.testInterval)] : []);
  const columns = [
    { header: "id", align: "right" as const },
    { header: "test", align: "right" as const },
    ...(intervals ? [{ header: "95% CI" }] : []),
    { header: "n", align: "right" as const },
    { header: "instruction", max: 90 },
  ];
  const rows = lines.map((r) => [String(r.id), fmtScore(r.testScore), ...interval(r), String(r.testCount), r.text]);
  return `\n${heading}\n${table(columns, rows)}`;
}
