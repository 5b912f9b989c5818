import 'server-only';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { upgradeInstallArgs, VERSION_ARGS } from '../../helm/args';
import { makeRedactor, secretValuesOf } from '../../helm/redact';
import { parseHelmVersion } from '../../helm/version';
import type { Answers } from '../../answers';
import { renderYaml } from '../../values';
import { decideDryRun, decideHelmVersion } from './helm-check';
import { warn, type Verdict } from './result';

export type HelmRun = (args: string[], signal?: AbortSignal) => Promise<{ code: number; stdout: string; stderr: string }>;

/** Spawns helm with an argument vector (never a shell); a missing binary is code 127. */
export function spawnHelm(bin: string): HelmRun {
  return (args, signal) =>
    new Promise((resolve) => {
      const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, env: { ...process.env, HELM_DEBUG: 'false' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: e.code === 'ENOENT' ? 127 : 1, stdout, stderr: stderr || e.message }));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    });
}

export async function checkHelmVersion(run: HelmRun, signal?: AbortSignal): Promise<Verdict> {
  const r = await run([...VERSION_ARGS], signal);
  return decideHelmVersion(r.code === 0 ? r.stdout : null, r.code === 127 ? 'not on PATH' : r.stderr.trim().split('\n')[0]);
}

export type DryRunTarget = { context: string | null; namespace: string; release: string; chart: string; namespaceExists: () => Promise<boolean> };

/**
 * `helm upgrade --install --dry-run=server` of the rendered values (a 0600 temp file, removed
 * afterwards): the API server runs admission, schema and quota on every object, nothing is kept.
 */
export async function checkDryRun(run: HelmRun, a: Answers, t: DryRunTarget, signal?: AbortSignal): Promise<Verdict> {
  const v = await run([...VERSION_ARGS], signal);
  const parsed = parseHelmVersion(v.stdout);
  if (v.code !== 0 || !parsed.ok) return warn('Skipped: no supported helm (see the helm check).', 'Install helm 3.12+ or helm 4, then run preflight again.');
  if (!(await t.namespaceExists())) return warn(`Skipped: namespace ${t.namespace} does not exist yet, and a dry run cannot create it.`, 'Nothing to do: the install creates the namespace; the dry run runs on the next preflight once it exists.');
  const dir = mkdtempSync(path.join(tmpdir(), 'lw-preflight-'));
  try {
    const file = path.join(dir, 'values.yaml');
    writeFileSync(file, renderYaml(a).values, { mode: 0o600 });
    const args = upgradeInstallArgs(parsed.version.major, { ...t, valuesFiles: [file], timeoutSeconds: 60 });
    args.splice(args.indexOf('--'), 0, '--dry-run=server');
    const r = await run(args, signal);
    return decideDryRun(r.code, makeRedactor(secretValuesOf(a))(r.stderr));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
