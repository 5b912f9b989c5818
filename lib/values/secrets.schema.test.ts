import { describe, expect, it } from 'vitest';
import { answersWithEverySecret } from '../answers/__fixtures__/secret-walk';
import { renderValues, SECRET_MASK } from './render';
import { getPath, leafPaths, type Tree } from './tree';

// Each secret the schema marks (found by walking its JSON Schema) must leave values.yaml when
// split, land in secrets.yaml, and never show in a masked preview. For either chart, except the
// answers that chart does not write: the encryption key is chart 3.50's (docs/chart-3.50.md §10);
// 3.50 has no AES key and no HubSpot token (§3, §13.2).
const strings = (t: Tree | null) =>
  t
    ? leafPaths(t)
        .map((p) => getPath(t, p))
        .filter((v): v is string => typeof v === 'string')
    : [];

const CHARTS = [
  { chart: '3.9.4' as const, unwritten: ['secrets.encryptionKey'], fulls: [false, true] },
  {
    chart: '3.50.0' as const,
    unwritten: ['apiKeysEncryption.aesKey', 'secrets.hubspotToken'],
    fulls: [false], // no complete 3.50 file yet (render.ts)
  },
];

describe.each(CHARTS)('secret values of every schema-marked field, chart $chart', (c) => {
  const { answers, paths } = answersWithEverySecret(c.chart);
  const written = paths.filter((p) => !c.unwritten.includes(p));
  const has = (t: Tree | null, p: string) => strings(t).some((v) => v.includes(`SECRET:${p}`));

  it('every field is either written or named as not written by this chart', () => {
    expect(c.unwritten.every((p) => paths.includes(p))).toBe(true);
    expect(written.length).toBeGreaterThan(14);
  });

  it.each(written)('%s: in secrets.yaml only, when split', (p) => {
    const { values, secrets } = renderValues(answers, { splitSecrets: true });
    expect(has(values, p)).toBe(false);
    expect(has(secrets, p)).toBe(true);
  });

  it.each(c.unwritten)('%s: in neither file', (p) => {
    const { values, secrets } = renderValues(answers, { splitSecrets: true });
    expect(has(values, p) || has(secrets, p)).toBe(false);
  });

  it.each(paths)('%s: masked in the preview', (p) => {
    for (const full of c.fulls) {
      const { values } = renderValues(answers, { maskSecrets: true, full });
      expect(has(values, p)).toBe(false);
    }
  });

  it('the mask replaces exactly the non-empty secret strings', () => {
    const { values } = renderValues(answers, { maskSecrets: true });
    expect(getPath(values, ['secrets', 'license', 'content'])).toBe(SECRET_MASK);
    expect(getPath(values, ['certificate', 'tls', 'crt'])).toBe(SECRET_MASK);
    expect(getPath(values, ['general', 'lightrun_endpoint'])).toBe('lightrun.acme.example.com');
    const last = c.fulls[c.fulls.length - 1];
    expect(
      getPath(renderValues(answers, { maskSecrets: true, full: last }).values, [
        'secrets',
        'defaults',
        'mail_password',
      ]),
    ).toBe(SECRET_MASK);
  });
});
