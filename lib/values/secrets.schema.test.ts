import { describe, expect, it } from 'vitest';
import { answersWithEverySecret } from '../answers/__fixtures__/secret-walk';
import { renderValues, SECRET_MASK } from './render';
import { getPath, leafPaths, type Tree } from './tree';

// Each secret the schema marks (found by walking its JSON Schema) must leave values.yaml when
// split, land in secrets.yaml, and never show in a masked preview.
const strings = (t: Tree | null) =>
  t
    ? leafPaths(t)
        .map((p) => getPath(t, p))
        .filter((v): v is string => typeof v === 'string')
    : [];

describe('secret values of every schema-marked field', () => {
  const { answers, paths } = answersWithEverySecret();

  it.each(paths)('%s: in secrets.yaml only, when split', (p) => {
    const { values, secrets } = renderValues(answers, { splitSecrets: true });
    expect(strings(values).filter((v) => v.includes(`SECRET:${p}`))).toEqual([]);
    expect(strings(secrets).filter((v) => v.includes(`SECRET:${p}`)).length).toBeGreaterThan(0);
  });

  it.each(paths)('%s: masked in the preview, full and minimal', (p) => {
    for (const full of [false, true]) {
      const { values } = renderValues(answers, { maskSecrets: true, full });
      expect(strings(values).filter((v) => v.includes(`SECRET:${p}`))).toEqual([]);
    }
  });

  it('the mask replaces exactly the non-empty secret strings', () => {
    const { values } = renderValues(answers, { maskSecrets: true });
    expect(getPath(values, ['secrets', 'license', 'content'])).toBe(SECRET_MASK);
    expect(getPath(values, ['certificate', 'tls', 'crt'])).toBe(SECRET_MASK);
    expect(getPath(values, ['general', 'lightrun_endpoint'])).toBe('lightrun.acme.example.com');
    expect(
      getPath(renderValues(answers, { maskSecrets: true, full: true }).values, [
        'secrets',
        'defaults',
        'mail_password',
      ]),
    ).toBe(SECRET_MASK);
  });
});
