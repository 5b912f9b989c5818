import { describe, expect, it } from 'vitest';
import { exportOptionsSchema, STORE_NAME_MESSAGE } from './options';

// The options of POST /api/gitops-export: each check's passing and refused side, the problem at
// the field it concerns (the web Review has no flags).
const parse = (o: unknown) => exportOptionsSchema.safeParse(o);
const problems = (o: unknown) => {
  const r = parse(o);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};
const store = { name: 'vault', kind: 'ClusterSecretStore', keyPrefix: 'lightrun/' };

describe('exportOptionsSchema', () => {
  it('takes the controller alone and fills the CLI default for the secrets', () => {
    expect(parse({ for: 'flux' })).toEqual({
      success: true,
      data: { for: 'flux', secrets: 'secret-manifest' },
    });
    expect(parse({ for: 'argocd', values: 'inline', secrets: 'sops' }).success).toBe(true);
  });

  it.each([
    ['no controller', {}, 'for'],
    ['another controller', { for: 'jenkins' }, 'for'],
    ['another values source', { for: 'argocd', values: 'helm' }, 'values'],
    ['another secrets way', { for: 'flux', secrets: 'vault' }, 'secrets'],
    ['an unknown key', { for: 'flux', token: 'x' }, ''],
  ])('refuses %s at its field', (_n, o, field) => {
    expect(problems(o).map(([p]) => p)).toEqual([field]);
  });

  it('values from the repository: Argo CD with a repository URL; without one, or for Flux, refused', () => {
    const repo = { for: 'argocd', values: 'repo', repoUrl: 'https://git.example.com/ops.git' };
    expect(problems(repo)).toEqual([]);
    expect(problems({ ...repo, repoUrl: '' }).map(([p]) => p)).toEqual(['repoUrl']);
    expect(problems({ ...repo, repoUrl: '  ' }).map(([p]) => p)).toEqual(['repoUrl']);
    expect(problems({ for: 'argocd', values: 'repo' }).map(([p]) => p)).toEqual(['repoUrl']);
    expect(problems({ ...repo, for: 'flux' }).map(([p]) => p)).toEqual(['values']);
  });

  it('External Secrets needs the store; another way does not', () => {
    expect(problems({ for: 'flux', secrets: 'external-secrets', externalStore: store })).toEqual(
      [],
    );
    expect(problems({ for: 'flux', secrets: 'external-secrets' }).map(([p]) => p)).toEqual([
      'externalStore',
    ]);
    expect(problems({ for: 'flux', secrets: 'sops' })).toEqual([]);
  });

  it.each([
    ['vault', true],
    ['vault-prod.eu', true],
    ['a', true],
    ['Vault', false],
    ['-vault', false],
    ['vault-', false],
    ['', false],
    ['vault/prod', false],
    [`v${'a'.repeat(252)}`, true],
    [`v${'a'.repeat(253)}`, false],
  ])('store name %j: %s', (name, ok) => {
    const p = problems({
      for: 'flux',
      secrets: 'external-secrets',
      externalStore: { ...store, name },
    });
    expect(p).toEqual(ok ? [] : [['externalStore.name', STORE_NAME_MESSAGE]]);
  });

  it('store kind: SecretStore or ClusterSecretStore; key prefix up to 253 characters', () => {
    const at = (s: object) =>
      problems({ for: 'flux', secrets: 'external-secrets', externalStore: { ...store, ...s } });
    expect(at({ kind: 'SecretStore' })).toEqual([]);
    expect(at({ kind: 'Vault' }).map(([p]) => p)).toEqual(['externalStore.kind']);
    expect(at({ keyPrefix: 'p'.repeat(253) })).toEqual([]);
    expect(at({ keyPrefix: 'p'.repeat(254) }).map(([p]) => p)).toEqual(['externalStore.keyPrefix']);
  });

  it('bounds the repository URL and the path', () => {
    const o = { for: 'argocd', values: 'repo', repoUrl: `https://g/${'r'.repeat(2038)}` };
    expect(problems(o)).toEqual([]);
    expect(problems({ ...o, repoUrl: `${o.repoUrl}r` }).map(([p]) => p)).toEqual(['repoUrl']);
    expect(problems({ ...o, path: 'd'.repeat(1024) })).toEqual([]);
    expect(problems({ ...o, path: 'd'.repeat(1025) }).map(([p]) => p)).toEqual(['path']);
  });
});
