// The plan page's view model (components/upgrade-plan-view.ts): both sides of each branch.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestText, parseManifest } from '@/lib/upgrade/backup/manifest';
import {
  backupsDone,
  dumpManifest,
  CHARTS_394,
  OWN_BACKUP_PHRASE,
  ownBackupConfirmed,
  secretsResult,
  helmUpgradeCommand,
  named,
  planOffer,
  rowsShown,
  userChanges,
  verdict,
  upgradeRunBody,
} from '@/components/upgrade-plan-view';
import { planWithoutValues } from '@/lib/install/upgrade-plan';
import { upgradePlan } from '@/lib/upgrade/plan';
import type { ObjectsPlan } from '@/lib/upgrade/objects';
import { RELEASES_394 } from '@/lib/upgrade/__fixtures__/releases';

const objects = (o: Partial<ObjectsPlan> = {}): ObjectsPlan => ({
  deleted: [],
  created: [],
  changed: [],
  replaced: [],
  unchanged: 0,
  claimsKept: [],
  claimsAtRisk: [],
  userVisible: [],
  ...o,
});
const planOf = (values: unknown, extra: Record<string, unknown> = {}) =>
  planWithoutValues({ ...upgradePlan(values), ...extra });
const mq = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  name: 'acme-mq',
  helmFails: true,
  why: 'Kubernetes refuses to change spec.volumeClaimTemplates',
};

describe('planOffer', () => {
  it('offers the vendor chart 3.9.4 and the project chart/ of contract 3.9.4', () => {
    expect(planOffer({ chart: 'lightrun-helm-chart-3.9.4' })).toEqual({ offered: true });
    expect(planOffer({ chart: 'lightrun-0.1.0' })).toEqual({ offered: true });
  });
  it('refuses any other chart with the reason', () => {
    const o = planOffer({ chart: 'lightrun-0.2.0' });
    expect(o.offered).toBe(false);
    expect(!o.offered && o.why).toContain('runs lightrun-0.2.0');
    expect(planOffer({ chart: 'lightrun-helm-chart-3.50.0' }).offered).toBe(false);
  });
  it('the project charts keep the versions it names (chart/ is 3.9.4, chart-3.50/ is not)', () => {
    const version = (dir: string) =>
      /^version: (\S+)$/m.exec(readFileSync(`${dir}/Chart.yaml`, 'utf8'))![1];
    expect(CHARTS_394).toContain(`lightrun-${version('chart')}`);
    expect(CHARTS_394).not.toContain(`lightrun-${version('chart-3.50')}`);
  });
});

describe('verdict', () => {
  it('succeeds when the dry run accepted everything', () => {
    const v = verdict(planOf(RELEASES_394.U2, { dryRun: { accepted: 7, refused: [] } }));
    expect(v).toEqual({
      ok: true,
      headline: 'helm upgrade will succeed: the API server accepted all 7 objects it changes.',
      refusals: [],
    });
  });
  it('says less without a dry run', () => {
    expect(verdict(planOf(RELEASES_394.U2)).headline).toBe(
      'helm upgrade will succeed as far as the plan can tell.',
    );
  });
  it('fails on a refusal of the server, naming the object and the RabbitMQ step', () => {
    const p = planOf(RELEASES_394.U4, {
      objects: objects({ replaced: [mq] }),
      dryRun: {
        accepted: 9,
        refused: [{ kind: 'StatefulSet', name: 'acme-mq', message: 'Forbidden: updates' }],
      },
    });
    const step = p.steps.findIndex((s) => s.id === 'delete-mq-statefulset-and-pvc') + 1;
    expect(step).toBeGreaterThan(0);
    const v = verdict(p);
    expect(v.ok).toBe(false);
    expect(v.headline).toContain('refuses to update StatefulSet acme-mq');
    // the predicted refusal of the same object is not listed twice
    expect(v.refusals).toEqual([
      {
        object: 'StatefulSet acme-mq',
        message: 'Forbidden: updates',
        todo: `Do step ${step} first: scale StatefulSet acme-mq to 0, then delete it and its claim.`,
      },
    ]);
  });
  it('fails on a predicted refusal the dry run did not make, and counts several', () => {
    const sel = { ...mq, kind: 'Deployment', name: 'acme-backend', why: 'The selector…' };
    const p = planOf(RELEASES_394.U2, {
      objects: objects({ replaced: [sel, { ...sel, helmFails: false, name: 'x' }] }),
    });
    const v = verdict(p);
    expect(v.refusals).toEqual([
      {
        object: 'Deployment acme-backend',
        message: 'The selector…',
        todo: 'Delete Deployment acme-backend before the upgrade; helm creates it again.',
      },
    ]);
    const two = verdict(
      planOf(RELEASES_394.U2, { objects: objects({ replaced: [sel, { ...sel, name: 'y' }] }) }),
    );
    expect(two.headline).toContain('refuses to update 2 objects');
  });
  it('a -mq StatefulSet without the RabbitMQ step gets the plain advice', () => {
    const v = verdict(planOf(RELEASES_394.U2, { objects: objects({ replaced: [mq] }) }));
    expect(v.refusals[0]!.todo).toBe(
      'Delete StatefulSet acme-mq before the upgrade; helm creates it again.',
    );
  });
});

describe('userChanges, rowsShown, named, helmUpgradeCommand', () => {
  it('a load balancer: the new address and the allow-list warning', () => {
    const p = planOf(RELEASES_394.U2, {
      objects: objects({ userVisible: ['Service acme-router (LoadBalancer) is new'] }),
    });
    const u = userChanges(p);
    expect(u[0]).toBe('Service acme-router (LoadBalancer) is new');
    expect(u.join(' ')).toContain('change the DNS record');
  });
  it('nothing for the users when the way in stays the router', () => {
    const p = planOf(RELEASES_394.U5);
    expect(p.rows.some((r) => r.id === 'access-router')).toBe(true);
    expect(userChanges(p)).toEqual([]);
  });
  it('filters the kept rows out on demand', () => {
    const rows = [
      { fate: 'kept' as const },
      { fate: 'translated' as const },
      { fate: 'dropped' as const },
    ];
    expect(rowsShown(rows, 'all')).toEqual(rows);
    expect(rowsShown(rows, 'changed')).toEqual(rows.slice(1));
  });
  it('names the release and namespace', () => {
    expect(named('Scale <release>-mq in <namespace>; <release>', 'acme', 'ns1')).toBe(
      'Scale acme-mq in ns1; acme',
    );
  });
  it('the command: the bundled chart or Lightrun’s 3.50.0', () => {
    expect(helmUpgradeCommand('acme', 'ns1', true)).toBe(
      'helm upgrade acme ./chart-3.50 -n ns1 -f values-3.50.yaml',
    );
    expect(helmUpgradeCommand('acme', 'ns1', false)).toBe(
      'helm upgrade acme oci://registry-1.docker.io/lightruncom/lightrun-helm-chart --version 3.50.0 -n ns1 -f values-3.50.yaml',
    );
  });
});

describe('the Upgrade button', () => {
  const t = { release: 'acme', namespace: 'ns' };
  it('waits until the database is backed up on the page or the phrase is typed', () => {
    expect(upgradeRunBody(t, false, { databaseDone: false, typed: 'I have my own' })).toEqual({
      wait: 'Back up the database on this page, or type “I have my own backup”, before the upgrade.',
    });
  });
  it('a backup taken here: the server recorded it, no phrase is sent', () => {
    expect(upgradeRunBody(t, true, { databaseDone: true, typed: '' })).toEqual({
      body: { release: 'acme', namespace: 'ns', chart: 'bundled' },
    });
  });
  it('the typed phrase is sent exactly, spaces around it dropped', () => {
    expect(
      upgradeRunBody(t, false, { databaseDone: false, typed: ' I have my own backup ' }),
    ).toEqual({
      body: { release: 'acme', namespace: 'ns', ownBackup: 'I have my own backup' },
    });
  });
});

describe('the backups at the plan’s steps', () => {
  it('the typed confirmation is the phrase itself, spaces around it aside', () => {
    expect(OWN_BACKUP_PHRASE).toBe('I have my own backup');
    expect(ownBackupConfirmed('I have my own backup')).toBe(true);
    expect(ownBackupConfirmed('  I have my own backup ')).toBe(true);
    expect(ownBackupConfirmed('i have my own backup')).toBe(false);
    expect(ownBackupConfirmed('I have my own')).toBe(false);
    expect(ownBackupConfirmed('')).toBe(false);
  });

  it('the Secrets result names each Secret, and the missing ones', () => {
    expect(secretsResult({ secrets: [{ name: 'a' }, { name: 'b' }], missing: [] })).toBe(
      '2 Secrets (a, b)',
    );
    expect(secretsResult({ secrets: [{ name: 'a' }], missing: ['c', 'd'] })).toBe(
      '1 Secret (a); not in the namespace: c, d',
    );
    expect(secretsResult({ secrets: [], missing: ['c'] })).toBe(
      '0 Secrets; not in the namespace: c',
    );
  });

  it.each([
    [{ secrets: false, database: true, ownDatabase: false, needsDatabase: true }, false],
    [{ secrets: true, database: false, ownDatabase: false, needsDatabase: true }, false],
    [{ secrets: true, database: true, ownDatabase: false, needsDatabase: true }, true],
    [{ secrets: true, database: false, ownDatabase: true, needsDatabase: true }, true],
    [{ secrets: true, database: false, ownDatabase: false, needsDatabase: false }, true],
  ])('backupsDone(%o) is %s', (s, done) => expect(backupsDone(s)).toBe(done));
});

describe('dumpManifest', () => {
  it('is a manifest cli restore accepts, of what the page checked', () => {
    const facts = { bytes: 10, sha256: 'ab'.repeat(32), database: 'db', tables: 3, sqlBytes: 99 };
    const m = dumpManifest({
      release: 'lr',
      namespace: 'ns',
      pod: 'lr-mysql-0',
      file: 'x.sql.gz',
      takenAt: '2026-12-07T23:00:00.000Z',
      facts,
    });
    expect(parseManifest(manifestText(m))).toEqual(m);
    expect(m).toMatchObject({
      file: 'x.sql.gz',
      bytes: 10,
      tables: 3,
      sqlBytes: 99,
      database: 'db',
    });
    expect(m.sha256).toBe(facts.sha256);
  });
});
