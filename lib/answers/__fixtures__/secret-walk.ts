import { z } from 'zod';
import { branchDefault } from '../branches';
import { answersShapeSchema, type Answers } from '../schema';
import { validAnswers } from './valid-answers';

type JS = { properties?: Record<string, JS>; oneOf?: JS[]; anyOf?: JS[]; allOf?: JS[]; secret?: boolean };

/**
 * The secret answers paths read from the schema's JSON Schema (zod carries the `secret` mark into
 * it): an independent walk, so a path that the library's own walk drops is noticed.
 */
export function secretPathsFromJsonSchema(): string[] {
  const out = new Set<string>();
  const walk = (s: JS, path: string[]) => {
    if (s.secret === true) out.add(path.join('.'));
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, [...path, k]);
    for (const v of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) walk(v, path);
  };
  walk(z.toJSONSchema(answersShapeSchema, { unrepresentable: 'any' }) as JS, []);
  return [...out].sort();
}

/**
 * Valid answers (for `chart`) on every branch that holds a secret, each secret set to
 * `SECRET:<path>` (the chart 3.50 encryption key too: the field exists for either chart).
 */
export function answersWithEverySecret(chart: Answers['chart'] = '3.9.4'): {
  answers: Answers;
  paths: string[];
} {
  const a = validAnswers();
  a.chart = chart;
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = '';
  a.pullSecret = { mode: 'inline', configContent: '' };
  a.apiKeysEncryption = { enabled: true, aesKey: '', mountPath: '/keys' };
  a.messageQueue = { ...(branchDefault('messageQueue', 'local') as object) } as Answers['messageQueue'];
  const paths = secretPathsFromJsonSchema();
  for (const p of paths) {
    const keys = p.split('.');
    let cur = a as unknown as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
    if (typeof cur[keys[keys.length - 1]!] !== 'string') throw new Error(`no string field at ${p} in the fixture`);
    cur[keys[keys.length - 1]!] = `SECRET:${p}`;
  }
  return { answers: a, paths };
}
