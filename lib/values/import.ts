import type { Answers } from '../answers/schema';
import { detectChartProfile, mixedProfileNote, profileRefusal } from './chart-profile';
import { MAPPINGS, ValuesReader, type ImportNote } from './mapping';
import { CHART_DEFAULTS } from './render';
import { classifyKept, yaml11Conversions, type UnknownKey } from './import-report';
import { clone, deepMerge, deletePath, type Tree } from './tree';
import { readValuesFile, valuesFileProblem, ValuesFileError } from './values-file';

export type ImportResult = {
  answers: Answers;
  notes: ImportNote[];
  /** Keys no answer models that differ from the chart defaults, kept verbatim. */
  kept: string[][];
  /** Keys chart 3.9.4 does not have at all (Helm ignores them), with the closest real key. */
  unknown: UnknownKey[];
  /** The file's values as Helm reads them, for `valuesChanges` against the re-rendered file. */
  original: Tree;
};

/**
 * A values tree -> answers. Reads every modelled key with the chart's semantics over the chart
 * defaults; every key of the file that no answer models is kept verbatim in `passthrough`.
 * It imports what it can and leaves judging to validation, so a bad file can be fixed in the wizard.
 */
export function importValues(user: unknown): ImportResult {
  const problem = valuesFileProblem(user);
  if (problem) throw new ImportError(problem);
  const profile = detectChartProfile(user);
  const refusal = profileRefusal(profile);
  if (refusal) throw new ImportError(refusal.message);
  const userTree = (user ?? {}) as Tree;
  const merged = deepMerge(CHART_DEFAULTS, userTree) as Tree;
  const r = new ValuesReader(merged, userTree);
  const answers: Record<string, unknown> = {};
  for (const m of MAPPINGS) answers[m.key] = m.read(r);
  const passthrough = clone(userTree);
  for (const p of r.consumed) deletePath(passthrough, p);
  answers.passthrough = passthrough;
  answers.release = { name: 'lightrun', namespace: 'lightrun' };
  // Only a chart 3.9.4 file gets this far (profileRefusal): the plan is a 3.9.4 plan.
  answers.chart = '3.9.4';
  // The mappings build the answers' shape (import.test checks it); judging values is validation's job.
  // No zod here: the browser loads this module for an import.
  const { kept, unknown } = classifyKept(passthrough, CHART_DEFAULTS);
  const mixed = mixedProfileNote(profile);
  const notes = mixed ? [mixed, ...r.notes] : r.notes;
  return { answers: answers as Answers, notes, kept, unknown, original: userTree };
}

/**
 * YAML text -> answers. A file that cannot be read, or is no values file, is an ImportError whose
 * message quotes nothing of it (readValuesFile): a syntax error names the line and column.
 */
export function importYaml(text: string): ImportResult {
  let file;
  try {
    file = readValuesFile(text);
  } catch (e) {
    if (e instanceof ValuesFileError) throw new ImportError(e.message);
    throw e;
  }
  const r = importValues(file.values);
  return { ...r, notes: [...yaml11Conversions(file.doc), ...r.notes] };
}

export class ImportError extends Error {}
