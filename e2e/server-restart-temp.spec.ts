// The wizard's server killed mid-install (SIGKILL: nothing of it runs, no `finally`), then started
// again: the values directory the dead server left behind — it holds the answers' secrets — is
// removed when the new server starts, before any request. (The dashboard side of a restart, the
// release found and its live state shown, is covered by the lifecycle specs.)
// helm is held mid-install by a pre-install hook that never becomes ready, so the kill lands while
// the values file exists; helm is killed with the server, as when a pod's container dies.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { AUTH_HEADERS } from './access';
import { expect, test } from './fixtures';
import { cluster, kubectl, removeNamespace, testNamespace } from './install-fixtures';
import { e2ePort, startServer, type ServerProcess } from './server-process';
import { helmChildrenOf, holdingChart } from '../test/install/holding-chart';

test.describe.configure({ timeout: 180_000 });

const port = e2ePort + 62;
const base = `http://127.0.0.1:${port}`;
const MARK = `LwRestartDb${Date.now().toString(36)}`;

test('a values directory left by a killed server is removed when the next one starts', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lw-restart-tmpdir-'));
  const chart = holdingChart();
  const ns = testNamespace('e2e-restart');
  const env = {
    HOST: '127.0.0.1',
    PORT: String(port),
    TMPDIR: tmp,
    KUBECONFIG: cluster.kubeconfig,
  };
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  const values = () => readdirSync(tmp).filter((n) => n.startsWith('lightrun-wizard-values-'));
  try {
    a = await startServer(env, base);
    const answers = parse(
      readFileSync(path.join(__dirname, '..', 'examples', 'quick-default', 'answers.yaml'), 'utf8'),
    );
    answers.database.password = MARK;
    const res = await fetch(`${base}/api/install`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, ...AUTH_HEADERS },
      body: JSON.stringify({
        answers,
        namespace: ns,
        release: 'lr',
        chart: { source: 'dir', ref: chart },
        timeoutSeconds: 300,
      }),
    });
    expect(res.status).toBe(202);
    // helm runs, held on its hook: the values file exists.
    await expect
      .poll(() => kubectl('-n', ns, 'get', 'pods', '-o', 'name', '--ignore-not-found').trim(), {
        timeout: 60_000,
      })
      .toContain('pod/lr-test-hold');
    expect(values().length).toBe(1);
    const helm = helmChildrenOf(a.child.pid!);
    expect(helm.length).toBe(1);
    const gone = new Promise((r) => a!.child.once('exit', r));
    a.child.kill('SIGKILL');
    process.kill(helm[0]!, 'SIGKILL');
    await gone;
    // What the dead server left: its private directory with the secrets in it.
    const [left] = values();
    expect(left).toBeDefined();
    expect(readFileSync(path.join(tmp, left!, 'values.yaml'), 'utf8')).toContain(MARK);

    b = await startServer(env, base);
    expect(values()).toEqual([]);
    expect(b.log()).toContain(
      `[server] removed 1 values directory left by a stopped server (${path.join(tmp, left!)})`,
    );
    // Still serving, and neither server said a secret.
    expect((await fetch(`${base}/`, { headers: AUTH_HEADERS })).status).toBe(200);
    expect(a.log()).not.toContain(MARK);
    expect(b.log()).not.toContain(MARK);
  } finally {
    await a?.stop();
    await b?.stop();
    rmSync(tmp, { recursive: true, force: true });
    rmSync(path.dirname(chart), { recursive: true, force: true });
    removeNamespace(ns);
  }
});
