import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateAnswers, type Answers } from '../answers';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { answersArbitrary, HOSTILE } from './__fixtures__/answers.arbitrary';
import { importYaml } from './import';
import { renderValues, renderYaml } from './render';
import { isSecretPath } from './secret-paths';
import { deepMerge, leafPaths, type Tree } from './tree';

const strict12 = (text: string) =>
  parse(text, { version: '1.2', strict: true, uniqueKeys: true, prettyErrors: true });

// FC_RUNS scales every property here (npm test: 150; `npm run mutate` runs fewer per mutant).
const RUNS = Number(process.env.FC_RUNS ?? 150);

/** Runs a property over valid samples, counting the samples the schema would refuse as discards. */
function overValid(name: string, runs: number, check: (a: Answers, split: boolean) => void) {
  let tried = 0;
  let discarded = 0;
  fc.assert(
    fc.property(answersArbitrary, fc.boolean(), (a, split) => {
      tried++;
      const valid = validateAnswers(a).success;
      if (!valid) discarded++;
      fc.pre(valid);
      check(a, split);
    }),
    { numRuns: runs },
  );
  const rate = tried === 0 ? 0 : discarded / tried;
  console.log(
    `${name}: ${tried - discarded} samples checked, ${discarded} discarded (discard rate ${(100 * rate).toFixed(1)} %)`,
  );
  // The generators respect every rule; a schema made stricter shows up here instead of being filtered away.
  expect(rate).toBeLessThan(0.1);
  expect(tried - discarded).toBe(runs);
}

describe('answers -> YAML -> answers', () => {
  it('the generated answers are valid by construction (every sample passes the schema)', () => {
    for (const a of fc.sample(answersArbitrary, { numRuns: 2 * RUNS, seed: 20261201 })) {
      const r = validateAnswers(a);
      expect(r.success ? [] : r.issues).toEqual([]);
    }
  });

  it('is the identity for valid answers, and the YAML parses with a strict YAML 1.2 parser', () => {
    overValid('minimal round trip', RUNS, (a, split) => {
      const out = renderYaml(a, { splitSecrets: split });
      const values = strict12(out.values) as Tree;
      const merged = renderYaml(a).values;
      expect(strict12(merged)).toEqual(renderValues(a).values);
      if (split) {
        // Helm merges -f values.yaml -f secrets.yaml: together they are the unsplit file, and each
        // holds only its own kind of key.
        const secrets = strict12(out.secrets!) as Tree;
        expect(deepMerge(values, secrets)).toEqual(renderValues(a).values);
        expect(leafPaths(values).filter((p) => isSecretPath(p))).toEqual([]);
        expect(leafPaths(secrets).filter((p) => !isSecretPath(p))).toEqual([]);
      } else expect(out.secrets).toBeNull();
      const back = importYaml(merged);
      expect(back.answers).toEqual(a);
      expect(back.notes).toEqual([]);
    });
  });

  it('the full file imports to the same answers and renders the same values', () => {
    overValid('full round trip', Math.ceil(RUNS * 0.4), (a) => {
      const back = importYaml(renderYaml(a, { full: true }).values).answers;
      expect(renderValues(back, { full: true }).values).toEqual(
        renderValues(a, { full: true }).values,
      );
    });
  });
});

describe('hostile strings', () => {
  const fields: [string, (a: Answers, s: string) => void, (a: Answers) => string][] = [
    ['license content', (a, s) => (a.license.content = s), (a) => a.license.content],
    ['database password', (a, s) => (a.database.password = s), (a) => a.database.password],
    [
      'keycloak password',
      (a, s) => {
        if (a.secrets.mode === 'chart') a.secrets.keycloakPassword = s;
      },
      (a) => (a.secrets.mode === 'chart' ? a.secrets.keycloakPassword : ''),
    ],
    [
      'pass-through value',
      (a, s) => (a.passthrough = { extra: { value: s } }),
      (a) => String((a.passthrough.extra as { value: string }).value),
    ],
    [
      'pass-through key',
      (a, s) => (a.passthrough = { extra: { [s]: 'v' } }),
      (a) => Object.keys(a.passthrough.extra as object)[0]!,
    ],
  ];
  for (const [name, put, get] of fields) {
    it.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 40), h] as const))(
      `${name}: %s round-trips exactly`,
      (_label, h) => {
        const a = validAnswers();
        put(a, h);
        const text = renderYaml(a).values;
        expect(get(importYaml(text).answers)).toBe(h);
        expect(strict12(text)).toEqual(renderValues(a).values);
      },
    );
  }
});

describe('keys', () => {
  it.each([
    'e0',
    'yes',
    '123',
    '1e3',
    '<<',
    'a: b',
    'nginx.ingress.kubernetes.io/x',
    '.inf',
    '~',
    '',
  ])('key %j round-trips', (k) => {
    const a = validAnswers();
    a.passthrough = { extra: { [k]: 1 } };
    expect(
      Object.keys(importYaml(renderYaml(a).values).answers.passthrough.extra as object),
    ).toEqual([k]);
  });
});
