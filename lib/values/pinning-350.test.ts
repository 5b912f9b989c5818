// Chart 3.50's certificate pinning in the values file (docs/chart-3.50.md §4): rendered as
// certificate.security_pinned_hashes for 3.50 only, read back with every hash kept in order,
// and linted by `check --chart 3.50.0`.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { validateAnswers, type Answers } from '../answers';
import { checkValues } from './check';
import { importValues, importYaml } from './import';
import { renderValues, renderYaml } from './render';
import { deepMerge, getPath, hasPath, type Tree } from './tree';

const AT = ['certificate', 'security_pinned_hashes'];
const H1 = '63c59d3ec5b2d2114fee646140d2dfea70302afdc5151e31e0781663f69244d6';
const H2 = 'ec774cb3791bfda3f6a7141da69c7c80e773e48afd98e562399e9192472f8dec';
const DIGITS = '1'.repeat(64); // YAML would read it as a number unless quoted

const plan = (chart: '3.9.4' | '3.50.0', pin: Answers['certificatePinning']): Answers => {
  const a = { ...validAnswers(), chart, certificatePinning: pin };
  if (a.secrets.mode === 'chart') a.secrets = { ...a.secrets, encryptionKey: `${'K'.repeat(43)}=` };
  return a;
};
const file = (a: Answers): Tree => {
  const r = renderYaml(a, { splitSecrets: true });
  return deepMerge(parse(r.values) as Tree, (parse(r.secrets ?? '{}') ?? {}) as Tree) as Tree;
};
const changed = (r: ReturnType<typeof importValues>) =>
  r.notes.filter((n) => n.message.startsWith("The plan's file gives this key")).map((n) => n.path);

describe('certificate.security_pinned_hashes', () => {
  it.each([
    ['pin this certificate', { mode: 'current', hash: H1 }, [H1]],
    ['this and the previous', { mode: 'rotation', hash: H1, previous: [H2] }, [H1, H2]],
    [
      'three, digits only',
      { mode: 'rotation', hash: H1, previous: [H2, DIGITS] },
      [H1, H2, DIGITS],
    ],
  ] as const)('%s: the current first, written as text for 3.50', (_w, pin, list) => {
    const v = file(plan('3.50.0', pin as Answers['certificatePinning']));
    expect(getPath(v, AT)).toEqual(list);
    expect(checkValues([v], { chart: '3.50.0' })).toEqual([]);
  });

  it('chart 3.9.4 never gets the key (its plan is refused, and the render still leaves it out)', () => {
    const v = renderValues(plan('3.9.4', { mode: 'current', hash: H1 })).values;
    expect(JSON.stringify(v)).not.toContain('pinned');
  });

  it('off, absent or an empty hash: no key at all', () => {
    for (const pin of [undefined, { mode: 'off' }, { mode: 'current', hash: '' }] as const) {
      const v = renderValues(plan('3.50.0', pin as Answers['certificatePinning'])).values;
      expect(hasPath(v, AT), JSON.stringify(pin)).toBe(false);
    }
  });

  it('import reads every hash back in order and renders the same file (round trip)', () => {
    const pins: Answers['certificatePinning'][] = [
      { mode: 'current', hash: H1 },
      { mode: 'rotation', hash: H1, previous: [H2, DIGITS] },
    ];
    for (const pin of pins) {
      const f = file(plan('3.50.0', pin));
      const r = importValues(f);
      expect(r.answers.chart).toBe('3.50.0');
      expect(r.answers.certificatePinning).toEqual(pin);
      expect(changed(r)).toEqual([]);
      expect(getPath(renderValues(r.answers).values, AT)).toEqual(getPath(f, AT));
    }
  });

  it('a file with hashes the wizard refuses keeps them all, and validation names each', () => {
    const r = importYaml(
      [
        'certificate:',
        '  security_pinned_hashes:',
        `    - ${H1.toUpperCase()}`,
        `    - "${H2}"`,
        '    - abc',
        'secrets:',
        '  keysEncryption:',
        `    userEncryptionKey: "${'K'.repeat(43)}="`,
      ].join('\n'),
    );
    expect(r.answers.certificatePinning).toEqual({
      mode: 'rotation',
      hash: H1.toUpperCase(),
      previous: [H2, 'abc'],
    });
    const v = validateAnswers(r.answers);
    const paths = v.success ? [] : v.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['certificatePinning.hash', 'certificatePinning.previous.1']),
    );
    expect(getPath(renderValues(r.answers).values, AT)).toEqual([H1.toUpperCase(), H2, 'abc']);
  });

  it('an empty list in the file is pinning off', () => {
    const r = importYaml(
      `certificate:\n  security_pinned_hashes: []\nsecrets:\n  keysEncryption:\n    userEncryptionKey: "${'K'.repeat(43)}="\n`,
    );
    expect(r.answers.certificatePinning).toBeUndefined();
    expect(changed(r)).toEqual([]);
  });
});
