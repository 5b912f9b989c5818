import type { Answers } from '@/lib/answers';

/** What an import left behind for the review (kept in memory only: it may hold secrets). */
export type ImportInfo = {
  fileName: string;
  /** Every rule of docs/chart-3.9.4.md the file breaks as written (`checkValues`, what `cli check` reports), by values path. */
  findings: { path: string; message: string }[];
  answers: Answers;
  /** Keys no answer models that differ from the chart defaults, kept verbatim. */
  kept: string[][];
  /** Keys chart 3.9.4 does not have at all (Helm ignores them), with the nearest real key. */
  unknown: { path: string[]; suggestion?: string }[];
  notes: { path: string; message: string }[];
  /** The file's values as Helm reads them: the "before" of what the wizard changed. */
  original: Record<string, unknown>;
};
