// Shared set-up of the install job's cluster tests: the local cluster (KUBECONFIG from
// `npm run cluster -- up`), both helm binaries, the CLI as a child process, throw-away namespaces.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import * as k8s from '@kubernetes/client-node';
import { requireKube, uniqueNs } from '../chart/cluster';
import { helmBinaries, repoRoot, type HelmBin } from '../chart/helm';
import { isMap, setPath } from '../../lib/values/tree';
import { cliArgv } from '../cli-bundle';

export { requireKube, uniqueNs, repoRoot };

export function helms(): { v4: HelmBin; v3: HelmBin } {
  const bins = helmBinaries();
  const v4 = bins.find((b) => b.name === 'helm v4');
  const v3 = bins.find((b) => b.name === 'helm v3');
  if (!v4 || !v3) throw new Error('Both helm v4 and v3 are needed: run `npm run cluster -- build`');
  return { v4, v3 };
}

export const quickDefault = path.join(repoRoot, 'examples', 'quick-default', 'answers.yaml');

/**
 * The quick-default answers with changes (a value per dotted path, set as given), written to a
 * private temp file (it holds secrets). The file is partial answers, as an admin writes them.
 */
export function answersFile(changes: Record<string, unknown>, dirs: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-install-test-'));
  dirs.push(dir);
  const a: unknown = parse(readFileSync(quickDefault, 'utf8'));
  if (!isMap(a)) throw new Error(`${quickDefault} is not a map of answers`);
  for (const [p, value] of Object.entries(changes)) setPath(a, p.split('.'), value);
  const f = path.join(dir, 'answers.yaml');
  writeFileSync(f, stringify(a), { mode: 0o600 });
  return f;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `npm run cli -- …` (the prebuilt bundle, test/cli-bundle.ts) against the cluster with the given helm. */
export function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cliArgv(args), {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - t0 }));
  });
}

/** Every pod of the release in the namespace, and whether each is Ready. */
export async function podsReady(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
): Promise<Array<[string, boolean]>> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const pods = await core.listNamespacedPod({
    namespace,
    labelSelector: `app.kubernetes.io/instance=${release}`,
  });
  return pods.items.map((p) => [
    p.metadata!.name!,
    !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  ]);
}

/** Deletes a namespace and waits until its pods are gone (their CPU requests free the fake nodes). */
export async function dropNamespace(
  kc: k8s.KubeConfig,
  namespace: string,
  timeoutMs = 60_000,
): Promise<void> {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const pods = await core.listNamespacedPod({ namespace }).catch(() => ({ items: [] }));
    if (pods.items.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}
