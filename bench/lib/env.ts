/**
 * What the benchmarks need and start themselves: the local cluster (npm run cluster), the
 * production build and server (scripts/server.mjs), Chromium, and a plain HTTPS client of the API
 * server (the kubeconfig's certificates, keep-alive) for writes and the bare-watch baseline.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as k8s from '@kubernetes/client-node';
import { chromium, type Browser } from '@playwright/test';
import type { Machine } from './report';

export const root = path.resolve(__dirname, '..', '..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock milliseconds with sub-ms resolution (comparable with the browser's timeOrigin + now()). */
export const nowMs = () => performance.timeOrigin + performance.now();
export const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

// ------------------------------------------------------------------------------ the cluster
export interface ClusterEnv {
  kubeconfig: string;
  kubectl: string;
  helm: string;
  helm3: string;
  running: boolean;
}

function clusterCli(args: string[], stdio: 'pipe' | 'inherit' = 'pipe'): string {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/cluster/cluster.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', stdio === 'inherit' ? 'inherit' : 'pipe', 'inherit'],
  });
  if (r.status !== 0)
    throw new Error(`npm run cluster -- ${args.join(' ')} failed (exit ${r.status})`);
  return r.stdout ?? '';
}

export const clusterEnv = (): ClusterEnv => JSON.parse(clusterCli(['env', '--json'])) as ClusterEnv;

/** Starts the local cluster unless it runs; returns its env and whether this run started it. */
export function ensureCluster(): { env: ClusterEnv; started: boolean } {
  let env = clusterEnv();
  if (env.running) return { env, started: false };
  log('starting the local cluster (npm run cluster -- up) …');
  clusterCli(['up'], 'inherit');
  env = clusterEnv();
  if (!env.running) throw new Error('the local cluster did not come up');
  return { env, started: true };
}

export function stopCluster(): void {
  log('stopping the local cluster …');
  clusterCli(['down'], 'inherit');
}

// ---------------------------------------------------------------------- the production app
/** Builds the app when there is no production build (or `force`). */
export function ensureBuild(force: boolean): void {
  if (!force && existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  log('building the production app (next build) …');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/next/dist/bin/next'), 'build'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
  );
  if (r.status !== 0) throw new Error('next build failed');
}

/** A free TCP port in [from, to] on 127.0.0.1. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let p = from; p <= to; p++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return p;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export const APP_PORTS = {
  from: Number(process.env.BENCH_PORT_FROM ?? 4100),
  to: Number(process.env.BENCH_PORT_TO ?? 4199),
};

export interface App {
  url: string;
  child: ChildProcess;
  pid: number;
  stop: () => Promise<void>;
  log: () => string;
}

/**
 * The access token of the servers this bench process starts (they require one on loopback too);
 * requests and browser contexts send it as `Authorization: Bearer` (docs/security.md).
 */
export const BENCH_TOKEN = randomBytes(32).toString('base64url');
export const AUTH_HEADERS = { Authorization: `Bearer ${BENCH_TOKEN}` } as const;

/** Starts the production server (what `npm start` runs) against the cluster; waits until it listens. */
export async function startApp(
  cluster: ClusterEnv | null,
  extraEnv: Record<string, string> = {},
): Promise<App> {
  const port = await freePort(APP_PORTS.from, APP_PORTS.to);
  let out = '';
  const child = spawn(process.execPath, ['scripts/server.mjs'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
      LW_ACCESS_TOKEN: BENCH_TOKEN,
      ...(cluster ? { KUBECONFIG: cluster.kubeconfig, HELM: cluster.helm } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('[server] the wizard is at')) {
    if (child.exitCode !== null) throw new Error(`the app exited ${child.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`the app did not start: ${out}`);
    await sleep(100);
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    pid: child.pid!,
    log: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

let hz: number | undefined;
/** RSS (KiB) and CPU time (user + system, ms) of a process, from /proc. */
export function procUsage(pid: number): { rssKiB: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  hz ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return { rssKiB: Number(/VmRSS:\s+(\d+)/.exec(status)![1]), cpuMs: (ticks * 1000) / hz };
}

/** POST /api/install as the wizard's own page would (same Origin). */
export async function postInstall(app: App, body: unknown): Promise<string> {
  const res = await fetch(`${app.url}/api/install`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: app.url,
      'sec-fetch-site': 'same-origin',
      ...AUTH_HEADERS,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { jobId?: string };
  if (!res.ok || !json.jobId)
    throw new Error(`POST /api/install: ${res.status} ${JSON.stringify(json)}`);
  return json.jobId;
}

// ---------------------------------------------------------------------------------- Chromium
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
}

// ------------------------------------------------------------------------------- API server
export interface Kube {
  kc: k8s.KubeConfig;
  request: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ) => Promise<{ status: number; body: T }>;
  close: () => void;
}

export async function kube(kubeconfig: string): Promise<Kube> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  const server = new URL(kc.getCurrentCluster()!.server);
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: 32,
    ca: opts.ca,
    cert: opts.cert,
    key: opts.key,
  });
  const request = <T>(
    method: string,
    p: string,
    body?: unknown,
    contentType = 'application/json',
  ) =>
    new Promise<{ status: number; body: T }>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = https.request(
        {
          host: server.hostname,
          port: server.port,
          path: p,
          method,
          agent,
          headers: {
            ...(opts.headers as Record<string, string>),
            accept: 'application/json',
            ...(data
              ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) }
              : {}),
          },
        },
        (res) => {
          let s = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (s += c));
          res.on('end', () => {
            let parsed: unknown = s;
            try {
              parsed = JSON.parse(s);
            } catch {
              /* text */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  return { kc, request, close: () => agent.destroy() };
}

export async function createNamespace(k: Kube, name: string): Promise<void> {
  const r = await k.request('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'lightrun.dev/bench': 'true' } },
  });
  if (r.status !== 201 && r.status !== 409)
    throw new Error(`create namespace ${name}: ${r.status} ${JSON.stringify(r.body)}`);
}

export async function deleteNamespace(k: Kube, name: string): Promise<void> {
  await k.request('DELETE', `/api/v1/namespaces/${name}`).catch(() => undefined);
}

export type PodObject = {
  metadata: { name: string; resourceVersion?: string; labels?: Record<string, string> };
  spec?: unknown;
  status?: {
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: { name: string; state?: { waiting?: { reason?: string } } }[];
  };
};

/**
 * The bare-watch baseline: client-node's own Watch on a namespace's pods, restarted from the last
 * resourceVersion when the server ends it. Calls `on(type, pod, receivedAtMs)` for each event.
 */
export function bareWatch(
  kc: k8s.KubeConfig,
  namespace: string,
  resourceVersion: string,
  on: (type: string, pod: PodObject, at: number) => void,
): { stop: () => void } {
  let rv = resourceVersion;
  let stopped = false;
  let current: AbortController | undefined;
  const start = () => {
    if (stopped) return;
    void new k8s.Watch(kc)
      .watch(
        `/api/v1/namespaces/${namespace}/pods`,
        { resourceVersion: rv, allowWatchBookmarks: true },
        (type, obj: PodObject) => {
          const at = nowMs();
          if (obj?.metadata?.resourceVersion) rv = obj.metadata.resourceVersion;
          if (type !== 'BOOKMARK') on(type, obj, at);
        },
        () => {
          if (!stopped) setTimeout(start, 10);
        },
      )
      .then((c) => {
        current = c;
        if (stopped) c.abort();
      })
      .catch(() => {
        if (!stopped) setTimeout(start, 200);
      });
  };
  start();
  return {
    stop: () => {
      stopped = true;
      current?.abort();
    },
  };
}

/** A tiny chart of one Deployment; `pod` is merged into its pod template (labels, spec). */
export function benchChartFiles(
  name: string,
  podLabels: Record<string, string>,
  container: Record<string, unknown>,
): Record<string, string> {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: '{{ .Release.Name }}-' + name,
      labels: {
        'app.kubernetes.io/instance': '{{ .Release.Name }}',
        'app.kubernetes.io/name': name,
      },
    },
    spec: {
      replicas: 1,
      selector: {
        matchLabels: {
          'app.kubernetes.io/instance': '{{ .Release.Name }}',
          'app.kubernetes.io/name': name,
        },
      },
      template: {
        metadata: {
          labels: {
            'app.kubernetes.io/instance': '{{ .Release.Name }}',
            'app.kubernetes.io/name': name,
            ...podLabels,
          },
        },
        spec: { containers: [{ name, image: 'registry.example/bench/app:1.0', ...container }] },
      },
    },
  };
  return {
    'Chart.yaml': `apiVersion: v2\nname: bench-${name}\nversion: 0.1.0\n`,
    'values.yaml': '{}\n',
    'templates/deployment.yaml': JSON.stringify(deployment, null, 2) + '\n',
  };
}
