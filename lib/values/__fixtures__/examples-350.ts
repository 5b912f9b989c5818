import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { completeAnswers, validateAnswers, type Answers } from '../../answers';
import { randomEncryptionKey } from '../../answers/encryption-key';

export const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'examples');

export interface Example {
  name: string;
  /** the answers as the example gives them (chart 3.9.4) */
  answers: Answers;
  /** the same plan for chart 3.50, before validation (the key generated as the wizard does) */
  raw350: Answers;
  /** the example's own render options (`# render: --split-secrets`) */
  splitSecrets: boolean;
}

/** Every example's answers, as the CLI reads them, and the same plan for chart 3.50. */
export function examples(): Example[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(path.join(EXAMPLES_DIR, d.name)).includes('answers.yaml'))
    .map((d) => {
      const text = readFileSync(path.join(EXAMPLES_DIR, d.name, 'answers.yaml'), 'utf8');
      const parsed = validateAnswers(completeAnswers(parse(text)));
      if (!parsed.success) throw new Error(`examples/${d.name}: ${JSON.stringify(parsed.issues)}`);
      // the key as withGeneratedSecrets makes it (its other credentials the example sets, or leaves
      // empty on purpose: secrets outside the chart)
      const raw350: Answers = { ...structuredClone(parsed.data), chart: '3.50.0' };
      if (raw350.secrets.mode === 'chart') raw350.secrets.encryptionKey = randomEncryptionKey();
      // chart 3.50's artifacts pod serves TLS too (T6): the example's one SAN set covers it
      if (raw350.internalTls.mode === 'existing')
        raw350.internalTls.certificates.artifacts = raw350.internalTls.certificates.frontend;
      return {
        name: d.name,
        answers: parsed.data,
        raw350,
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
