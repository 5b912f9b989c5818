import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from '../../answers';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');

export interface Example {
  name: string;
  /** the answers as the example gives them (chart 3.9.4, answers.yaml) */
  answers: Answers;
  /** the same install for chart 3.50 as answers-3.50.yaml gives it, before validation */
  raw350: Answers;
  /** the example's own render options (`# render: --split-secrets`) */
  splitSecrets: boolean;
}

const read = (name: string, file: string) =>
  readFileSync(path.join(EXAMPLES_DIR, name, file), 'utf8');

/** Every example's answers for both charts, as the CLI reads them. */
export function examples(): Example[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(path.join(EXAMPLES_DIR, d.name)).includes('answers.yaml'))
    .map((d) => {
      const text = read(d.name, 'answers.yaml');
      const parsed = validateAnswers(completeAnswers(parse(text)));
      if (!parsed.success) throw new Error(`examples/${d.name}: ${JSON.stringify(parsed.issues)}`);
      return {
        name: d.name,
        answers: parsed.data,
        raw350: completeAnswers(parse(read(d.name, 'answers-3.50.yaml'))) as Answers,
        splitSecrets: /^# render: .*--split-secrets/m.test(text),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The 3.50 plan of an example that chart 3.50 takes, validated. */
export function answers350(e: Example): Answers {
  const r = validateAnswers(e.raw350);
  if (!r.success) throw new Error(`examples/${e.name} for 3.50: ${JSON.stringify(r.issues)}`);
  return r.data;
}
