import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { answersSchema, type Answers } from '../answers';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { answersArbitrary, HOSTILE } from './__fixtures__/answers.arbitrary';
import { importYaml } from './import';
import { renderValues, renderYaml } from './render';

const strict12 = (text: string) => parse(text, { version: '1.2', strict: true, uniqueKeys: true, prettyErrors: true });

describe('answers -> YAML -> answers', () => {
  it('is the identity for valid answers, and the YAML parses with a strict YAML 1.2 parser', () => {
    fc.assert(
      fc.property(answersArbitrary, fc.boolean(), (a, split) => {
        fc.pre(answersSchema.safeParse(a).success);
        const out = renderYaml(a, { splitSecrets: split });
        const values = strict12(out.values) as object;
        const secrets = out.secrets === null ? {} : (strict12(out.secrets) as object);
        // Helm merges -f values.yaml -f secrets.yaml; the import reads the merged file.
        const merged = renderYaml(a).values;
        expect(strict12(merged)).toEqual(renderValues(a).values);
        if (split) expect({ ...values }).toBeTypeOf('object'), expect(secrets).toBeTypeOf('object');
        const back = importYaml(merged);
        expect(back.answers).toEqual(a);
        expect(back.notes).toEqual([]);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('the full file imports to the same answers and renders the same values', () => {
    fc.assert(
      fc.property(answersArbitrary, (a) => {
        fc.pre(answersSchema.safeParse(a).success);
        const back = importYaml(renderYaml(a, { full: true }).values).answers;
        expect(renderValues(back, { full: true }).values).toEqual(renderValues(a, { full: true }).values);
      }),
      { numRuns: 60 },
    );
  });
});

describe('hostile strings', () => {
  const fields: [string, (a: Answers, s: string) => void, (a: Answers) => string][] = [
    ['license content', (a, s) => (a.license.content = s), (a) => a.license.content],
    ['database password', (a, s) => (a.database.password = s), (a) => a.database.password],
    ['keycloak password', (a, s) => { if (a.secrets.mode === 'chart') a.secrets.keycloakPassword = s; }, (a) => (a.secrets.mode === 'chart' ? a.secrets.keycloakPassword : '')],
    ['pass-through value', (a, s) => (a.passthrough = { extra: { value: s } }), (a) => String((a.passthrough.extra as { value: string }).value)],
    ['pass-through key', (a, s) => (a.passthrough = { extra: { [s]: 'v' } }), (a) => Object.keys(a.passthrough.extra as object)[0]!],
  ];
  for (const [name, put, get] of fields) {
    it.each(HOSTILE.map((h) => [JSON.stringify(h).slice(0, 40), h] as const))(`${name}: %s round-trips exactly`, (_label, h) => {
      const a = validAnswers();
      put(a, h);
      const text = renderYaml(a).values;
      expect(get(importYaml(text).answers)).toBe(h);
      expect(strict12(text)).toEqual(renderValues(a).values);
    });
  }
});

describe('keys', () => {
  it.each(['e0', 'yes', '123', '1e3', '<<', 'a: b', 'nginx.ingress.kubernetes.io/x', '.inf', '~', ''])('key %j round-trips', (k) => {
    const a = validAnswers();
    a.passthrough = { extra: { [k]: 1 } };
    expect(Object.keys(importYaml(renderYaml(a).values).answers.passthrough.extra as object)).toEqual([k]);
  });
});
