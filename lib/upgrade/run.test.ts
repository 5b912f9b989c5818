// The guided upgrade's decisions (lib/upgrade/run.ts): both sides of each.
import { describe, expect, it } from 'vitest';
import type { UpgradePlan } from './plan';
import {
  backupGate,
  blockingObjects,
  encryptionKeyCommand,
  externalSecretNeeds,
  KEEP_BACKUPS,
  missingKeysMessage,
  OWN_BACKUP_PHRASE,
  ownBackupConfirmed,
  parseUpgradeState,
  queueDeletion,
  selfSignedTls,
  survived,
  withBackup,
  type BackupRecord,
} from './run';

const backup = (revision: number, sha256 = `sha-${revision}`): BackupRecord => ({
  revision,
  sha256,
  bytes: 1234,
  tables: 7,
  database: 'lightrun',
  takenAt: '2026-12-08T00:00:00.000Z',
  by: 'page',
});
const t = { release: 'acme', revision: 3 };

describe('backupGate', () => {
  it('passes on a backup of this revision, naming its digest and size', () => {
    const g = backupGate({ backups: [backup(2), backup(3, 'abc')] }, t, undefined);
    expect(g).toMatchObject({ ok: true, backup: { sha256: 'abc', bytes: 1234 } });
    expect(g.message).toContain('sha256 abc');
    expect(g.message).toContain('7 tables');
  });
  it('refuses a backup of an earlier revision only, and says why it does not count', () => {
    const g = backupGate({ backups: [backup(2)] }, t, undefined);
    expect(g.ok).toBe(false);
    expect(g.message).toContain('revision 3');
    expect(g.message).toContain('1 of an earlier revision do not count');
    expect(g.message).toContain('Nothing was changed');
  });
  it('passes on exactly the typed phrase, and on nothing else', () => {
    expect(backupGate({ backups: [] }, t, OWN_BACKUP_PHRASE)).toMatchObject({
      ok: true,
      backup: 'own',
    });
    for (const typed of [undefined, '', 'i have my own backup', ` ${OWN_BACKUP_PHRASE}`, 'yes'])
      expect(backupGate({ backups: [] }, t, typed).ok).toBe(false);
  });
  it('the phrase is the page’s (trimmed there before it is sent)', () => {
    expect(OWN_BACKUP_PHRASE).toBe('I have my own backup');
    expect(ownBackupConfirmed('  I have my own backup ')).toBe(true);
    expect(ownBackupConfirmed('I have my own backups')).toBe(false);
  });
});

describe('the stored state', () => {
  it('keeps the newest backups only', () => {
    let s = { backups: [] as BackupRecord[] };
    for (let r = 1; r <= KEEP_BACKUPS + 2; r++) s = withBackup(s, backup(r));
    expect(s.backups.map((b) => b.revision)).toEqual([3, 4, 5, 6, 7]);
  });
  it('reads back what was written; anything unreadable is an empty state', () => {
    const s = { backups: [backup(1)] };
    expect(parseUpgradeState(JSON.stringify(s))).toEqual(s);
    expect(parseUpgradeState('not json')).toEqual({ backups: [] });
    expect(parseUpgradeState(undefined)).toEqual({ backups: [] });
    expect(parseUpgradeState('[1]')).toEqual({ backups: [] });
    expect(parseUpgradeState('{"backups":[{"x":1}]}')).toEqual({ backups: [] });
  });
});

const plan = (o: {
  step?: boolean;
  replaced?: Array<{ kind: string; name: string; helmFails: boolean }>;
  atRisk?: Array<{ name: string; of: string }>;
}) =>
  ({
    steps: o.step ? [{ id: 'delete-mq-statefulset-and-pvc', text: '', because: ['mq'] }] : [],
    objects: {
      replaced: (o.replaced ?? []).map((r) => ({ apiVersion: 'apps/v1', why: 'because', ...r })),
      claimsAtRisk: (o.atRisk ?? []).map((c) => ({ uid: 'u', why: '', ...c })),
      claimsKept: [],
    },
  }) as unknown as UpgradePlan;

describe('queueDeletion and blockingObjects', () => {
  const u4 = plan({
    step: true,
    replaced: [{ kind: 'StatefulSet', name: 'acme-mq', helmFails: true }],
    atRisk: [
      { name: 'acme-mq-data-acme-mq-0', of: 'StatefulSet acme-mq' },
      { name: 'other-claim', of: 'the chart' },
    ],
  });
  it('U4: exactly the StatefulSet helm cannot update and its own claims', () => {
    expect(queueDeletion(u4, 'acme')).toEqual({
      statefulSet: 'acme-mq',
      claims: ['acme-mq-data-acme-mq-0'],
    });
    expect(blockingObjects(u4, 'acme')).toEqual([]);
  });
  it('no step, or a StatefulSet helm can update: nothing to delete', () => {
    expect(queueDeletion(plan({ replaced: u4.objects!.replaced }), 'acme')).toBeNull();
    const ok = plan({
      step: true,
      replaced: [{ kind: 'StatefulSet', name: 'acme-mq', helmFails: false }],
    });
    expect(queueDeletion(ok, 'acme')).toBeNull();
  });
  it('any other object helm would fail on blocks the job (the MySQL StatefulSet is never deleted)', () => {
    const p = plan({
      step: true,
      replaced: [
        { kind: 'StatefulSet', name: 'acme-mq', helmFails: true },
        { kind: 'StatefulSet', name: 'acme-mysql', helmFails: true },
        { kind: 'Deployment', name: 'acme-keycloak', helmFails: false },
      ],
    });
    expect(blockingObjects(p, 'acme')).toEqual(['StatefulSet acme-mysql: because']);
    expect(queueDeletion(p, 'acme')?.statefulSet).toBe('acme-mq');
  });
});

describe('selfSignedTls', () => {
  const v = (enabled: unknown, source: unknown) => ({
    general: { internal_tls: { enabled, certificates: { source } } },
  });
  it('only when on and self-signed', () => {
    expect(selfSignedTls(v(true, 'generate_self_signed_certificates'))).toBe(true);
    expect(selfSignedTls(v(false, 'generate_self_signed_certificates'))).toBe(false);
    expect(selfSignedTls(v(true, 'existing_certificates'))).toBe(false);
    expect(selfSignedTls({})).toBe(false);
  });
});

describe('externalSecretNeeds and missingKeysMessage', () => {
  const outside = (mq: boolean, backend = '') => ({
    general: {
      deploy_secrets: { enabled: false, existing_secrets: { backend } },
      mq: { enabled: mq },
    },
  });
  it('the chart makes the Secrets: nothing needed', () => {
    expect(
      externalSecretNeeds({ general: { deploy_secrets: { enabled: true } } }, 'acme'),
    ).toBeNull();
  });
  it('outside the chart: the queue keys when it is on, and the encryption key, in the named Secret', () => {
    expect(externalSecretNeeds(outside(true, 'mine'), 'acme')).toEqual({
      secret: 'mine',
      keys: ['SPRING_RABBITMQ_USERNAME', 'SPRING_RABBITMQ_PASSWORD', 'encryption-key-0'],
    });
    expect(externalSecretNeeds(outside(false), 'acme')).toEqual({
      secret: 'acme-backend',
      keys: ['encryption-key-0'],
    });
  });
  it('names exactly the missing keys, never a value; none missing is no refusal', () => {
    const need = externalSecretNeeds(outside(true), 'acme')!;
    const m = missingKeysMessage(need, ['SPRING_RABBITMQ_USERNAME', 'OTHER'], 'ns')!;
    expect(m).toContain('lacks SPRING_RABBITMQ_PASSWORD, encryption-key-0');
    expect(m).toContain('kubectl -n ns edit secret acme-backend');
    expect(m).toContain('Nothing was changed');
    expect(missingKeysMessage(need, need.keys, 'ns')).toBeNull();
    expect(missingKeysMessage(need, null, 'ns')).toContain('is not in namespace ns');
  });
});

describe('survived', () => {
  const before = {
    claims: [{ name: 'lrdata-acme-mysql-0', uid: 'u1' }],
    secrets: { 'acme-backend': { A: 'h1', B: 'h2' } },
  };
  it('the same UIDs and digests: all kept (new keys are fine)', () => {
    const r = survived(before, {
      claims: [{ name: 'lrdata-acme-mysql-0', uid: 'u1' }],
      secrets: { 'acme-backend': { A: 'h1', B: 'h2', 'encryption-key-0': 'h3' } },
    });
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual([
      'Claim lrdata-acme-mysql-0 kept: same UID u1.',
      'Secret acme-backend: its 2 keys unchanged.',
    ]);
  });
  it('a new claim, a lost one, a changed key or a lost Secret: not ok, each said', () => {
    expect(
      survived(before, {
        claims: [{ name: 'lrdata-acme-mysql-0', uid: 'u2' }],
        secrets: { 'acme-backend': { A: 'h1', B: 'changed' } },
      }),
    ).toEqual({
      ok: false,
      lines: [
        'Claim lrdata-acme-mysql-0 is a new claim (UID u2, was u1): its data is not the one from before.',
        'Secret acme-backend: B changed.',
      ],
    });
    expect(survived(before, { claims: [], secrets: {} })).toEqual({
      ok: false,
      lines: ['Claim lrdata-acme-mysql-0 (UID u1) is gone.', 'Secret acme-backend is gone.'],
    });
  });
  it('the encryption key is offered as a command, never a value', () => {
    expect(encryptionKeyCommand('acme-backend', 'ns')).toBe(
      "kubectl -n ns get secret acme-backend -o jsonpath='{.data.encryption-key-0}' | base64 -d > encryption-key-0.txt",
    );
  });
});
