import { describe, expect, it } from 'vitest';
import { diffValues, initialisedSecretChanges } from './values-diff';

describe('diffValues', () => {
  it('lists added, removed and changed leaves, secrets masked', () => {
    const current = {
      general: { lightrun_endpoint: 'a.example.com', old: 1 },
      secrets: { db: { password: 'old-pass' }, license: { content: 'L' } },
      deployments: { backend: { replicas: 1 } },
    };
    const next = {
      general: { lightrun_endpoint: 'b.example.com' },
      secrets: { db: { password: 'new-pass' }, license: { content: 'L' } },
      deployments: { backend: { replicas: 2 }, frontend: { replicas: 2 } },
    };
    expect(diffValues(current, next)).toEqual([
      { path: 'deployments.backend.replicas', change: 'changed', before: '1', after: '2' },
      { path: 'deployments.frontend.replicas', change: 'added', after: '2' },
      {
        path: 'general.lightrun_endpoint',
        change: 'changed',
        before: '"a.example.com"',
        after: '"b.example.com"',
      },
      { path: 'general.old', change: 'removed', before: '1' },
      { path: 'secrets.db.password', change: 'changed', before: '********', after: '********' },
    ]);
  });

  it('is empty for equal trees and says nothing of unchanged secrets', () => {
    const t = { secrets: { db: { password: 'p' } }, a: [1, 2] };
    expect(diffValues(t, structuredClone(t))).toEqual([]);
  });
});

describe('initialisedSecretChanges', () => {
  const current = {
    secrets: {
      db: { user: 'lr', password: 'old-pass' },
      keycloak: { password: '' },
      mq: { password: 'mq-pass' },
      license: { content: 'L' },
    },
  };
  it('names a changed or removed database/MQ password that had a value, with why it breaks', () => {
    const next = {
      secrets: {
        db: { user: 'lr', password: 'new-pass' },
        keycloak: { password: 'now-set' },
        mq: {},
        license: { content: 'L2' },
      },
    };
    const got = initialisedSecretChanges(diffValues(current, next));
    expect(got.map((c) => c.path)).toEqual(['secrets.db.password', 'secrets.mq.password']);
    expect(got[0]!.message).toContain('refused by the database');
  });
  it('chart 3.50: a changed encryption key is named (T4: it would overwrite the key in use)', () => {
    const before = { secrets: { keysEncryption: { userEncryptionKey: 'a'.repeat(43) + '=' } } };
    const after = { secrets: { keysEncryption: { userEncryptionKey: 'b'.repeat(43) + '=' } } };
    const got = initialisedSecretChanges(diffValues(before, after));
    expect(got.map((c) => c.path)).toEqual(['secrets.keysEncryption.userEncryptionKey']);
    expect(got[0]!.message).toContain('T4');
  });
  it('says nothing when the passwords stay (a release started from its own values) or only non-initialised secrets change', () => {
    expect(initialisedSecretChanges(diffValues(current, structuredClone(current)))).toEqual([]);
    const licenseOnly = structuredClone(current);
    licenseOnly.secrets.license.content = 'L2';
    expect(initialisedSecretChanges(diffValues(current, licenseOnly))).toEqual([]);
    // A password set for the first time (it was empty) initialised nothing.
    const kcSet = structuredClone(current);
    kcSet.secrets.keycloak.password = 'first';
    expect(initialisedSecretChanges(diffValues(current, kcSet))).toEqual([]);
  });
});

// Row found by StrykerJS: only a secret that has a value is masked; null and '' are shown as such.
describe('diffValues: empty secrets are shown, not masked', () => {
  it.each([
    [null, 'null'],
    ['', '""'],
  ])('a secret going from %j to a value shows before as %s', (before, shown) => {
    expect(
      diffValues({ secrets: { db: { password: before } } }, { secrets: { db: { password: 'p' } } }),
    ).toEqual([
      { path: 'secrets.db.password', change: 'changed', before: shown, after: '********' },
    ]);
  });
});
