// Flux's source-controller and helm-controller as local processes against the local cluster
// (docs/gitops.md), built from their Go modules at the pinned versions by the cluster's builder
// (scripts/cluster/build.mjs, cached by version). Every address they listen on is a free loopback
// port chosen at run time.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
// @ts-expect-error a plain .mjs module of the cluster scripts (no types)
import { fluxBinPath } from '../../scripts/cluster/build.mjs';
import { repoRoot, waitUntil } from '../cluster/helpers';

export const execFileAsync = promisify(execFile);

const BUILD = path.join(repoRoot, 'scripts', 'cluster', 'build.mjs');
const CONTROLLERS = ['source-controller', 'helm-controller'] as const;

/**
 * Builds the two controllers if the cache lacks them (minutes, once; `npm test` builds them before
 * the cluster suite) and returns their paths.
 */
export function buildFluxControllers(): Record<(typeof CONTROLLERS)[number], string> {
  const r = spawnSync(process.execPath, [BUILD, ...CONTROLLERS], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 40 * 60_000,
  });
  if (r.status !== 0) throw new Error(`build.mjs ${CONTROLLERS.join(' ')} exited ${r.status}`);
  return {
    'source-controller': fluxBinPath('source-controller') as string,
    'helm-controller': fluxBinPath('helm-controller') as string,
  };
}

/** A loopback port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

export interface RunningController {
  name: string;
  proc: ChildProcess;
  log: string;
}

/** Starts a controller (its log in `dir`) and waits until its /readyz answers 200. */
export async function startController(
  name: string,
  bin: string,
  args: string[],
  dir: string,
  kubeconfig: string,
): Promise<RunningController> {
  mkdirSync(dir, { recursive: true });
  const health = await freePort();
  const metrics = await freePort();
  const log = path.join(dir, `${name}.log`);
  const out = createWriteStream(log);
  const proc = spawn(
    bin,
    [
      ...args,
      '--watch-all-namespaces=true',
      `--health-addr=127.0.0.1:${health}`,
      `--metrics-addr=127.0.0.1:${metrics}`,
      '--log-encoding=console',
    ],
    { env: { ...process.env, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout!.pipe(out);
  proc.stderr!.pipe(out);
  const running = { name, proc, log };
  const exited = new Promise<never>((_, fail) =>
    proc.once('exit', (code) => fail(new Error(`${name} exited ${code}: ${tail(log)}`))),
  );
  exited.catch(() => undefined); // read below, or never once the controller is ready
  const ready = waitUntil(
    `${name} ready (log: ${log})`,
    async () => (await fetch(`http://127.0.0.1:${health}/readyz`)).ok,
    60_000,
    500,
  );
  await Promise.race([ready, exited]);
  return running;
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export async function stopController(c: RunningController): Promise<void> {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  const gone = new Promise<void>((ok) => c.proc.once('exit', () => ok()));
  c.proc.kill('SIGTERM');
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

export function tail(file: string, n = 3000): string {
  try {
    return readFileSync(file, 'utf8').slice(-n);
  } catch {
    return '';
  }
}
