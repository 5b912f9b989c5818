import type { Answers } from '../answers/schema';
import { mixedProfileNote, type ProfileGuess } from './chart-profile';
import { classifyKept, type UnknownKey } from './import-report';
import { MAPPINGS, ValuesReader, type ImportNote } from './mapping';
import { CHART_DEFAULTS } from './render';
import { clone, deepMerge, deletePath, type Tree } from './tree';

export type ImportResult = {
  answers: Answers;
  notes: ImportNote[];
  /** Keys no answer models that differ from the chart defaults, kept verbatim. */
  kept: string[][];
  /** Keys the file's chart does not have at all (Helm ignores them), with the closest real key. */
  unknown: UnknownKey[];
  /** The file's values as Helm reads them, for `valuesChanges` against the re-rendered file. */
  original: Tree;
};

export class ImportError extends Error {}

/**
 * A chart 3.9.4 values tree -> a 3.9.4 plan: every modelled key read with the chart's semantics
 * over its defaults, every other key of the file kept verbatim in `passthrough`.
 */
export function import394(user: unknown, profile: ProfileGuess): ImportResult {
  const userTree = (user ?? {}) as Tree;
  const merged = deepMerge(CHART_DEFAULTS, userTree) as Tree;
  const r = new ValuesReader(merged, userTree);
  const answers: Record<string, unknown> = {};
  for (const m of MAPPINGS) answers[m.key] = m.read(r);
  const passthrough = clone(userTree);
  for (const p of r.consumed) deletePath(passthrough, p);
  answers.passthrough = passthrough;
  answers.release = { name: 'lightrun', namespace: 'lightrun' };
  answers.chart = '3.9.4';
  // The mappings build the answers' shape (import.test checks it); judging values is validation's job.
  // No zod here: the browser loads this module for an import.
  const { kept, unknown } = classifyKept(passthrough, CHART_DEFAULTS);
  const mixed = mixedProfileNote(profile);
  const notes = mixed ? [mixed, ...r.notes] : r.notes;
  return { answers: answers as Answers, notes, kept, unknown, original: userTree };
}
