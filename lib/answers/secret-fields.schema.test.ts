import { describe, expect, it } from 'vitest';
import { answersWithEverySecret, secretPathsFromJsonSchema } from './__fixtures__/secret-walk';
import { SECRET_ANSWER_PATHS } from './secret-fields';
import { stripSecrets } from './strip-secrets';
import type { Answers } from './schema';

const leaves = (v: unknown, p: string[] = []): [string, unknown][] =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...p, k]))
    : [[p.join('.'), v]];

describe('secret paths, checked against the schema itself', () => {
  it('SECRET_ANSWER_PATHS is exactly the set of fields the schema marks secret', () => {
    const fromSchema = secretPathsFromJsonSchema();
    expect(fromSchema.length).toBe(18);
    expect([...SECRET_ANSWER_PATHS]).toEqual(fromSchema);
  });

  it('stripSecrets empties every schema-marked field on every branch, and nothing else', () => {
    const { answers, paths } = answersWithEverySecret();
    const stripped = stripSecrets(answers);
    const before = new Map(leaves(answers));
    for (const [p, v] of leaves(stripped)) {
      if (paths.includes(p)) expect(v, p).toBe('');
      else expect(v, p).toEqual(before.get(p));
    }
    expect(leaves(stripped).map(([p]) => p)).toEqual([...before.keys()]);
  });

  it('from kept keys it removes the secrets subtree and the certificate pair, and keeps the rest', () => {
    const a = answersWithEverySecret().answers;
    a.passthrough = {
      secrets: { redis: { password: 'r' } },
      certificate: { tls: { crt: 'c', key: 'k' }, other: 1 },
      general: { x: 1 },
    };
    expect(stripSecrets(a).passthrough).toEqual({ certificate: { other: 1 }, general: { x: 1 } });
    a.passthrough = { certificate: 'odd' };
    expect(stripSecrets(a).passthrough).toEqual({ certificate: 'odd' });
    a.passthrough = { certificate: null };
    expect(stripSecrets(a).passthrough).toEqual({ certificate: null });
  });

  it('leaves a secret field alone when its branch is not chosen (no key is invented)', () => {
    const a = answersWithEverySecret().answers;
    a.apiKeysEncryption = { enabled: false };
    a.messageQueue = { mode: 'off' };
    const s = stripSecrets(a as Answers);
    expect(s.apiKeysEncryption).toEqual({ enabled: false });
    expect(s.messageQueue).toEqual({ mode: 'off' });
  });
});
