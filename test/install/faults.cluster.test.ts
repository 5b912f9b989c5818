// Faults of the install job against the local cluster with real helm (issue 10):
//  - helm SIGKILLed mid-install: the job says so in words, the values are removed, the release is
//    left pending-install and the next install detects it and names the recovery (which works);
//  - the temp directory on a read-only file system, and on a full one (a real 64 KiB tmpfs): the
//    job fails before anything reaches the cluster, naming the directory and the fix, no secret.
// helm is held mid-install deterministically by a copy of the bundled chart with one pre-install
// hook Pod that never becomes ready (the simulation label), so the kill lands while helm waits.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import type { InstallEvent } from '@/lib/status/events';
import { startInstall } from '@/lib/install/service';
import { uninstallRelease } from '@/lib/install/release-actions';
import type { JobRecord } from '@/lib/install/registry';
import { TEMP_PREFIX } from '@/lib/helm/values-dir';
import { stopAllNamespaceWatches } from '@/lib/cluster/namespace-watch';
import { waitUntil } from '../chart/cluster';
import { dropNamespace, helms, quickDefault, requireKube, uniqueNs } from './helpers';
import { helmChildrenOf, holdingChart as makeHoldingChart } from './holding-chart';

/** The project's own chart, named explicitly: an install that names none gets Lightrun's published chart, which tests cannot reach. */
const BUNDLED = { chart: { source: 'bundled' as const } };

let kc: k8s.KubeConfig;
const namespaces: string[] = [];
const scratch: string[] = [];
const answers = () => parse(readFileSync(quickDefault, 'utf8'));
const ns = (p: string) => {
  const n = uniqueNs(p);
  namespaces.push(n);
  return n;
};
const done = (es: InstallEvent[]) =>
  es.find((e) => e.type === 'done') as Extract<InstallEvent, { type: 'done' }> | undefined;
const events = async (job: JobRecord) => {
  await job.done;
  return job.log.since(0);
};
const myTempDirs = () => readdirSync(os.tmpdir()).filter((d) => d.startsWith(TEMP_PREFIX));
/** The secret values of the quick-default answers (none may appear in any message). */
const SECRETS = [
  'EXAMPLE-LICENSE-CONTENT-not-a-real-license',
  'Example-Db-Pass-1',
  'Example-Keycloak-Pass-1',
  'example-keystore-1',
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDbWRza0D8WfRNn',
];

const leaked = (text: string) => SECRETS.filter((s) => text.includes(s));

function holdingChart(): string {
  const chart = makeHoldingChart();
  scratch.push(path.dirname(chart));
  return chart;
}
const helmChildren = () => helmChildrenOf(process.pid);

beforeAll(async () => {
  let kubeconfig: string;
  ({ kc, kubeconfig } = await requireKube());
  process.env.KUBECONFIG = kubeconfig;
  process.env.HELM = helms().v4.path;
});
afterEach(async () => {
  for (const n of namespaces.splice(0)) await dropNamespace(kc, n);
});
afterAll(() => {
  stopAllNamespaceWatches();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe.each([
  ['helm v4', () => helms().v4.path],
  ['helm v3', () => helms().v3.path],
])('helm killed mid-install (%s)', (_n, helmPath) => {
  it('the job says helm was killed, removes the values, and the next install finds pending-install and names the fix', async () => {
    process.env.HELM = helmPath();
    const namespace = ns('lw-kill');
    const before = new Set(myTempDirs());
    const { job } = await startInstall({
      answers: answers(),
      namespace,
      release: 'lr',
      chart: { source: 'dir', ref: holdingChart() },
      timeoutSeconds: 300,
    });
    const core = kc.makeApiClient(k8s.CoreV1Api);
    // helm has stored the release as pending-install and is waiting on its hook: kill it now.
    await waitUntil(
      'the hook pod',
      async () =>
        (await core.readNamespacedPod({ name: 'lr-test-hold', namespace })).metadata?.name,
      60_000,
      200,
    );
    const record = await core.readNamespacedSecret({ name: 'sh.helm.release.v1.lr.v1', namespace });
    expect(record.metadata?.labels?.status).toBe('pending-install');
    expect(myTempDirs().filter((d) => !before.has(d)).length).toBe(1); // the values exist while helm runs
    const pids = helmChildren();
    expect(pids.length).toBe(1);
    process.kill(pids[0]!, 'SIGKILL');

    const es = await events(job);
    const killed = `helm was killed (signal SIGKILL) before it finished: release lr may be left pending-install or pending-upgrade. Install again: the wizard detects a stuck release and names the recovery (a rollback, or an uninstall when it never deployed).`;
    expect(done(es)).toMatchObject({ outcome: 'failed' });
    expect(done(es)!.summary[0]).toBe(killed);
    expect(
      es.find((e) => e.type === 'step' && e.step === 'helm' && e.state === 'failed'),
    ).toMatchObject({ message: expect.stringContaining(killed) });
    expect(myTempDirs().filter((d) => !before.has(d))).toEqual([]);
    expect(leaked(JSON.stringify(es))).toEqual([]);

    // The next install detects what the killed helm left and says how to recover, touching nothing.
    const again = await events(
      (
        await startInstall({
          ...BUNDLED,
          answers: answers(),
          namespace,
          release: 'lr',
          timeoutSeconds: 120,
        })
      ).job,
    );
    expect(done(again)).toMatchObject({
      outcome: 'failed',
      summary: [
        'Release lr is stuck in pending-install (revision 1): a helm was stopped mid-operation. To recover, uninstall it (it never deployed) and install again.',
      ],
    });
    // The named recovery works: uninstall, then the install succeeds.
    const un = (await uninstallRelease({ namespace, release: 'lr' })).job;
    expect(await un.done).toBe('succeeded');
    await core.deleteNamespacedPod({ name: 'lr-test-hold', namespace }).catch(() => undefined);
    const fresh = await events(
      (
        await startInstall({
          ...BUNDLED,
          answers: answers(),
          namespace,
          release: 'lr',
          timeoutSeconds: 180,
        })
      ).job,
    );
    expect(done(fresh)?.outcome).toBe('succeeded');
  }, 300_000);
});

describe('the temp directory unusable', () => {
  const mounts: string[] = [];
  const mountTmpfs = (opts: string) => {
    expect(
      process.getuid?.(),
      'these tests mount a tmpfs: run them as root (the CI machine does)',
    ).toBe(0);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-tmpfs-'));
    scratch.push(dir);
    const r = spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    mounts.push(dir);
    return dir;
  };
  const tmpdir = process.env.TMPDIR;
  afterEach(() => {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
    for (const m of mounts.splice(0)) spawnSync('umount', [m]);
  });

  async function installWith(dir: string) {
    const namespace = ns('lw-tmp');
    process.env.TMPDIR = dir; // os.tmpdir() is read per call: the job's values dir goes here
    const es = await events(
      (
        await startInstall({
          ...BUNDLED,
          answers: answers(),
          namespace,
          release: 'lr',
          timeoutSeconds: 60,
        })
      ).job,
    );
    process.env.TMPDIR = tmpdir;
    return { namespace, es };
  }

  async function expectNothingReachedTheCluster(namespace: string) {
    await expect(
      kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name: namespace }),
    ).rejects.toMatchObject({ code: 404 });
  }

  it('a read-only file system: failed before the namespace, the directory and the fix named, no secret', async () => {
    const dir = mountTmpfs('ro,size=64k');
    const { namespace, es } = await installWith(dir);
    expect(done(es)).toMatchObject({
      outcome: 'failed',
      summary: [
        `Cannot write helm's values file in the temporary directory ${dir}: it is on a read-only file system. Nothing was sent to the cluster. Free space there, or start the wizard with TMPDIR set to a private writable directory (the file is a few KB), then install again.`,
      ],
    });
    expect(
      es.some((e) => e.type === 'step' && (e.step === 'namespace' || e.step === 'secrets')),
    ).toBe(false);
    await expectNothingReachedTheCluster(namespace);
    expect(leaked(JSON.stringify(es))).toEqual([]);
  });

  it('a full file system (a 64 KiB tmpfs filled up): ENOSPC named the same way, nothing half-written left', async () => {
    const dir = mountTmpfs('size=64k');
    // Fill it: write until the kernel says the file system is full.
    const filler = path.join(dir, 'filler');
    const chunk = Buffer.alloc(4096, 1);
    let size = 0;
    for (;;) {
      try {
        writeFileSync(filler, chunk, { flag: 'a' });
        size += chunk.length;
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
        break;
      }
      expect(size).toBeLessThan(1024 * 1024);
    }
    const { namespace, es } = await installWith(dir);
    expect(done(es)).toMatchObject({ outcome: 'failed' });
    expect(done(es)!.summary).toEqual([
      `Cannot write helm's values file in the temporary directory ${dir}: the file system holding it is full. Nothing was sent to the cluster. Free space there, or start the wizard with TMPDIR set to a private writable directory (the file is a few KB), then install again.`,
    ]);
    await expectNothingReachedTheCluster(namespace);
    expect(readdirSync(dir)).toEqual(['filler']);
    expect(existsSync(path.join(dir, TEMP_PREFIX))).toBe(false);
    expect(leaked(JSON.stringify(es))).toEqual([]);
  });
});
