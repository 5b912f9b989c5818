// Chart 3.50's certificate pinning (docs/chart-3.50.md §4, §8.1) as the wizard writes it renders
// with chart-3.50/ under helm v4 and v3: LIGHTRUN_SECURITY_PINNED_HASHES in backend and crons,
// the hashes comma-joined with the current one first, exactly when pinning is on.
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validAnswers } from '../../lib/answers/__fixtures__/valid-answers';
import { validateAnswers, type Answers } from '../../lib/answers';
import { renderYaml } from '../../lib/values';
import { cleanup350, render350 } from './chart350';
import { container, envOf, find, helmBinaries } from './helm';

afterAll(cleanup350);
const REL = 'acme';
const H1 = '63c59d3ec5b2d2114fee646140d2dfea70302afdc5151e31e0781663f69244d6';
const H2 = 'ec774cb3791bfda3f6a7141da69c7c80e773e48afd98e562399e9192472f8dec';
const DIGITS = '1'.repeat(64);
const ENV = 'LIGHTRUN_SECURITY_PINNED_HASHES';

function plan(pin: Answers['certificatePinning']): Answers {
  const a = { ...validAnswers(), chart: '3.50.0' as const, certificatePinning: pin };
  if (a.secrets.mode === 'chart') a.secrets = { ...a.secrets, encryptionKey: btoa('k'.repeat(32)) };
  const r = validateAnswers(a);
  if (!r.success) throw new Error(JSON.stringify(r.issues));
  return r.data;
}

const CASES: [string, Answers['certificatePinning'], string | undefined][] = [
  ['not answered', undefined, undefined],
  ['off', { mode: 'off' }, undefined],
  ['this certificate', { mode: 'current', hash: H1 }, H1],
  ['this and the previous', { mode: 'rotation', hash: H1, previous: [H2] }, `${H1},${H2}`],
  ['digits only (text, not a number)', { mode: 'current', hash: DIGITS }, DIGITS],
];

describe.each(helmBinaries())('certificate pinning with $name', (bin) => {
  it.each(CASES)('%s: the env in backend and crons exactly when pinned', (_w, pin, expected) => {
    const r = renderYaml(plan(pin), { splitSecrets: true });
    const o = render350(bin, [parse(r.values) as object, parse(r.secrets ?? '{}') as object], {
      release: REL,
    });
    for (const w of ['backend', 'crons']) {
      const env = envOf(container(find(o, 'Deployment', `${REL}-${w}`), w));
      expect(env[ENV], w).toBe(expected);
    }
  });
});
