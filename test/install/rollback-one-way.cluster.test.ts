// The wizard's rollback (`POST /api/releases/rollback`, `cli rollback`: both rollbackRelease) of a
// release upgraded from chart/ (3.9.4) to chart-3.50/ (docs/upgrade.md, "Roll back"): back to the
// 3.9.4 revision, named or by default, through the function, the route (409) and the CLI (exit 1),
// it is refused before helm runs — helm's history is as it was — with the restore path in the
// message; a rollback between two 3.50 revisions still runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { POST as rollbackRoute } from '@/app/api/releases/rollback/route';
import { runInstallCommand } from '@/cli/install';
import { rollbackRelease } from '@/lib/install/release-actions';
import { OneWayRollback } from '@/lib/install/rollback-one-way';
import { valuesFileText } from '@/lib/install/upgrade-plan';
import { RELEASES_394 } from '@/lib/upgrade/__fixtures__/releases';
import { translateTo350 } from '@/lib/upgrade/translate';
import { stopAllNamespaceWatches } from '@/lib/cluster/namespace-watch';
import { freshNamespace, helmDeploy, requireKube, warmUpKwok } from '../chart/cluster';
import { chart350Dir, chartDir, helmBinaries, runHelmAsync } from '../chart/helm';
import { cleanup350, kwokSmall350, valuesFile } from '../chart/chart350';

const REL = 'acme';
const HOST = '127.0.0.1:3420';
const ORIGIN = `http://${HOST}`;
const v4 = helmBinaries().find((b) => b.name === 'helm v4') ?? helmBinaries()[0]!;
let kc: k8s.KubeConfig;
let kubeconfig: string;
let core: k8s.CoreV1Api;
const namespaces: string[] = [];
let dir: string;

beforeAll(async () => {
  ({ kc, kubeconfig } = await requireKube());
  process.env.KUBECONFIG = kubeconfig;
  process.env.HELM = v4.path;
  core = kc.makeApiClient(k8s.CoreV1Api);
  dir = mkdtempSync(path.join(os.tmpdir(), 'lw-rollback-'));
  await warmUpKwok(kc, (ns) => namespaces.push(ns));
});

afterAll(async () => {
  stopAllNamespaceWatches();
  cleanup350();
  rmSync(dir, { recursive: true, force: true });
  for (const ns of namespaces) await core?.deleteNamespace({ name: ns }).catch(() => undefined);
});

const deploy = (verb: 'install' | 'upgrade', chart: string, ns: string, files: string[]) =>
  helmDeploy(v4, { kubeconfig, release: REL, namespace: ns }, verb, chart, files);

/** helm's history of the release: revision, status and chart. */
async function history(ns: string): Promise<string[]> {
  const r = await runHelmAsync(v4, [
    'history',
    REL,
    '-n',
    ns,
    '--kubeconfig',
    kubeconfig,
    '-o',
    'json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Array<{ revision: number; status: string; chart: string }>).map(
    (e) => `${e.revision} ${e.status} ${e.chart}`,
  );
}

describe('rollback across the one-way upgrade to chart 3.50', () => {
  it('is refused before helm runs, with the restore path; within 3.50 it runs', async () => {
    const ns = await freshNamespace(core, 'lw-rollback-oneway', (n) => namespaces.push(n));
    const install = await deploy('install', chartDir, ns, [
      valuesFile(RELEASES_394.U2!),
      kwokSmall350,
    ]);
    expect(install.code, install.stderr).toBe(0);
    const file = path.join(dir, 'values-3.50.yaml');
    writeFileSync(file, valuesFileText(translateTo350(RELEASES_394.U2!).values), { mode: 0o600 });
    const up = await deploy('upgrade', chart350Dir, ns, [file]);
    expect(up.code, up.stderr).toBe(0);
    const before = await history(ns);
    expect(before).toEqual(['1 superseded lightrun-0.1.0', '2 deployed lightrun-0.2.0']);

    // named and by default (the previous deployed revision is the 3.9.4 one)
    for (const revision of [1, undefined]) {
      const refused = rollbackRelease({
        namespace: ns,
        release: REL,
        ...(revision ? { revision } : {}),
      });
      await expect(refused).rejects.toBeInstanceOf(OneWayRollback);
      const message = await refused.catch((e: Error) => e.message);
      expect(message).toContain(
        `Rollback of ${REL} to revision 1 (chart lightrun-0.1.0, values contract 3.9.4) refused: revision 2 (chart lightrun-0.2.0, values contract 3.50.0)`,
      );
      expect(message).toContain(
        `npm run cli -- restore --release ${REL} --namespace ${ns} --from FILE --yes-restore`,
      );
      expect(message).not.toContain('Db-pass-123');
    }
    // the page's route answers 409 with that sentence; `cli rollback` prints it, exit 1
    const res = await rollbackRoute(
      new Request(`${ORIGIN}/api/releases/rollback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, host: HOST },
        body: JSON.stringify({ namespace: ns, release: REL, revision: 1 }),
      }),
    );
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain(`--release ${REL} --namespace ${ns} --from FILE --yes-restore`);
    let stderr = '';
    const write = vi
      .spyOn(process.stderr, 'write')
      .mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
    const code = await runInstallCommand(['rollback', '--namespace', ns, '--release', REL]).finally(
      () => write.mockRestore(),
    );
    expect(code).toBe(1);
    expect(stderr).toContain(`Rollback of ${REL} to revision 1`);
    expect(stderr).toContain('npm run cli -- restore');
    expect(await history(ns)).toEqual(before);

    // between two 3.50 revisions the rollback is helm's, as before
    const again = await deploy('upgrade', chart350Dir, ns, [file]);
    expect(again.code, again.stderr).toBe(0);
    const { job } = await rollbackRelease({ namespace: ns, release: REL, revision: 2 });
    await job.done;
    const done = job.log.since(0).find((e) => e.type === 'done');
    expect(done && 'outcome' in done ? done.outcome : undefined).toBe('succeeded');
    expect((await history(ns)).at(-1)).toBe('4 deployed lightrun-0.2.0');
  }, 900_000);
});
