import { detectChartProfile } from './chart-profile';
import { import350 } from './import-350';
import { import394, ImportError, type ImportResult } from './import-394';
import { yaml11Conversions } from './import-report';
import type { Tree } from './tree';
import { readValuesFile, valuesFileProblem, ValuesFileError } from './values-file';

export { ImportError, type ImportResult };

/**
 * A values tree -> answers. Reads every modelled key with the chart's semantics over the chart
 * defaults; every key of the file that no answer models is kept verbatim in `passthrough`.
 * It imports what it can and leaves judging to validation, so a bad file can be fixed in the wizard.
 * A file for chart 3.50 becomes a 3.50 plan (import-350.ts); any other, a 3.9.4 plan.
 */
export function importValues(user: unknown): ImportResult {
  const problem = valuesFileProblem(user);
  if (problem) throw new ImportError(problem);
  const profile = detectChartProfile(user);
  if (profile.version === '3.50.0') return import350(user as Tree, profile.evidence);
  return import394(user, profile);
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
