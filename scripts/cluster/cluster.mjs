#!/usr/bin/env node
// The local test/demo Kubernetes: a real control plane built from the official Go modules
// (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) with KWOK playing the nodes
// and the pod lifecycles. See docs/development.md, "The local cluster".
//
//   node scripts/cluster/cluster.mjs build               build/cache the binaries only
//   node scripts/cluster/cluster.mjs up                  build if needed, start (idempotent)
//   node scripts/cluster/cluster.mjs down                stop the recorded pids, remove .cluster/
//   node scripts/cluster/cluster.mjs status              what runs
//   node scripts/cluster/cluster.mjs env [--json]        export KUBECONFIG=… / HELM=… / HELM3=…
//   node scripts/cluster/cluster.mjs restart-apiserver [--down-seconds N]
//   node scripts/cluster/cluster.mjs stop-apiserver | start-apiserver
//   node scripts/cluster/cluster.mjs metrics on|off      register/unregister the metrics API
//
// Every process is spawned with an argument vector (no shell), bound to 127.0.0.1, and its pid
// is recorded under .cluster/pids/; `down` stops exactly those pids.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  binDir,
  cacheDir,
  components,
  copyKwokCrds,
  copyKwokStages,
  ensureBuilt,
  helm3Path,
  helm4Path,
  isBuilt,
  kwokCrdFiles,
  withFileLock,
} from './build.mjs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import {
  FAILURE_LABEL,
  failureStages,
  HAS_MISSING_TAG,
  kwokStageFiles,
  missingTagStages,
} from './stages.mjs';
import { K8S } from './versions.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
const S = process.env.LW_CLUSTER_DIR
  ? path.resolve(process.env.LW_CLUSTER_DIR)
  : path.join(root, '.cluster');
const P = path.join(S, 'pki');
const LOGS = path.join(S, 'logs');
const PIDS = path.join(S, 'pids');
export const kubeconfigPath = path.join(S, 'kubeconfig');
const stateFile = path.join(S, 'state.json');

// Fixed ports (override with env), all on 127.0.0.1, chosen away from the usual 2379/6443/10257…
const defaultPorts = {
  etcd: Number(process.env.LW_CLUSTER_ETCD_PORT || 23790),
  etcdPeer: Number(process.env.LW_CLUSTER_ETCD_PEER_PORT || 23800),
  apiserver: Number(process.env.LW_CLUSTER_APISERVER_PORT || 26443),
  kcm: Number(process.env.LW_CLUSTER_KCM_PORT || 20257),
  scheduler: Number(process.env.LW_CLUSTER_SCHEDULER_PORT || 20259),
  metrics: Number(process.env.LW_CLUSTER_METRICS_PORT || 26444),
  // kwok's kubelet endpoint (exec, logs): the API server proxies `pods/exec` to it.
  kwok: Number(process.env.LW_CLUSTER_KWOK_PORT || 20250),
};
/** A state's ports, with the defaults of ports added after it was created. */
const portsOf = (st) => ({ ...defaultPorts, ...st?.ports });
const NODES = ['kwok-node-1', 'kwok-node-2', 'kwok-node-3'];
const NODE_ALLOCATABLE = { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' };
const SERVICE_CIDR = '10.96.0.0/16';

const bin = (component, name) =>
  path.join(binDir(components.find((c) => c.name === component)), name);
const log = (m) => process.stderr.write(`[cluster] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------- state
function readState() {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return null;
  }
}
function writeState(s) {
  mkdirSync(S, { recursive: true });
  writeFileSync(stateFile, JSON.stringify(s, null, 2) + '\n');
}

function pidFile(name) {
  return path.join(PIDS, `${name}.json`);
}
function readPid(name) {
  try {
    return JSON.parse(readFileSync(pidFile(name), 'utf8'));
  } catch {
    return null;
  }
}
/** True if the recorded pid still runs the binary we started (guards against pid reuse). */
function alive(rec) {
  if (!rec?.pid) return false;
  try {
    const cmd = readFileSync(`/proc/${rec.pid}/cmdline`, 'utf8').split('\0');
    const stat = readFileSync(`/proc/${rec.pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false; // zombie
    return cmd[0] === rec.bin;
  } catch {
    return false;
  }
}

function startProcess(name, binPath, args) {
  mkdirSync(LOGS, { recursive: true });
  mkdirSync(PIDS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const fd = openSync(logFile, 'a');
  writeFileSync(fd, `\n==== ${new Date().toISOString()} start ${binPath} ${args.join(' ')}\n`);
  const child = spawn(binPath, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    cwd: S,
    env: { ...process.env, HOME: S },
  });
  closeSync(fd);
  child.unref();
  writeFileSync(
    pidFile(name),
    JSON.stringify({ pid: child.pid, bin: binPath, args, started: new Date().toISOString() }) +
      '\n',
  );
  return child.pid;
}

// kube-apiserver stops listening at once on SIGTERM but its process can linger ~15 s more
// (observed with v1.36.3), so components get 5 s before SIGKILL; etcd gets longer to flush.
async function stopProcess(name, { timeoutMs = name === 'etcd' ? 15000 : 5000 } = {}) {
  const rec = readPid(name);
  if (!rec) return false;
  if (alive(rec)) {
    try {
      process.kill(rec.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const t0 = Date.now();
    while (alive(rec) && Date.now() - t0 < timeoutMs) await sleep(100);
    if (alive(rec)) {
      try {
        process.kill(rec.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    while (alive(rec)) await sleep(50);
  }
  rmSync(pidFile(name), { force: true });
  return true;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

// ------------------------------------------------------------------------------------ PKI
function openssl(args) {
  const r = spawnSync('openssl', args, { encoding: 'utf8', cwd: P });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr || r.error}`);
}
function cert(name, subj, ext) {
  writeFileSync(path.join(P, `${name}.ext`), ext.join('\n') + '\n');
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subj,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '365',
    '-extfile',
    `${name}.ext`,
  ]);
}
function makePki() {
  makeBasePki();
  // kwok's kubelet endpoint (serving) and the API server's client certificate towards it; added
  // to a state made before them.
  if (!existsSync(path.join(P, 'kwok.crt')))
    cert('kwok', '/CN=kwok-kubelet', [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
  if (!existsSync(path.join(P, 'apiserver-kubelet-client.crt')))
    cert('apiserver-kubelet-client', '/O=system:masters/CN=kube-apiserver-kubelet-client', [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=clientAuth',
    ]);
}
function makeBasePki() {
  if (existsSync(path.join(P, 'admin.crt'))) return;
  mkdirSync(P, { recursive: true });
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '365',
    '-subj',
    '/CN=lightrun-local-ca',
  ]);
  cert('apiserver', '/CN=kube-apiserver', [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.96.0.1',
  ]);
  cert('admin', '/O=system:masters/CN=lightrun-local-admin', [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
  ]);
  // Client cert the aggregator presents to extension API servers (metrics API).
  cert('front-proxy-client', '/CN=front-proxy-client', [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=clientAuth',
  ]);
  // Serving cert of the tiny metrics API server.
  cert('metrics', '/CN=localhost', [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  openssl(['genrsa', '-out', 'sa.key', '2048']);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
}

function writeKubeconfig(ports) {
  const b64 = (f) => readFileSync(path.join(P, f)).toString('base64');
  const yaml = `apiVersion: v1
kind: Config
clusters:
- name: lightrun-local
  cluster:
    server: https://127.0.0.1:${ports.apiserver}
    certificate-authority-data: ${b64('ca.crt')}
users:
- name: lightrun-local-admin
  user:
    client-certificate-data: ${b64('admin.crt')}
    client-key-data: ${b64('admin.key')}
contexts:
- name: lightrun-local
  context: {cluster: lightrun-local, user: lightrun-local-admin, namespace: default}
current-context: lightrun-local
`;
  writeFileSync(kubeconfigPath, yaml, { mode: 0o600 });
}

// ------------------------------------------------------------------------- tiny API client
function api(
  method,
  urlPath,
  body,
  { contentType = 'application/json', port, timeoutMs = 10000 } = {},
) {
  const st = readState();
  const p = port ?? st?.ports?.apiserver ?? defaultPorts.apiserver;
  return new Promise((resolve, reject) => {
    const data =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = https.request(
      {
        host: '127.0.0.1',
        port: p,
        path: urlPath,
        method,
        ca: readFileSync(path.join(P, 'ca.crt')),
        cert: readFileSync(path.join(P, 'admin.crt')),
        key: readFileSync(path.join(P, 'admin.key')),
        headers: {
          accept: 'application/json',
          ...(data !== undefined
            ? { 'content-type': contentType, 'content-length': Buffer.byteLength(data) }
            : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          buf += c;
        });
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(buf);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, body: json ?? buf });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data !== undefined) req.write(data);
    req.end();
  });
}
async function apply(urlPath, obj) {
  const r = await api('PATCH', `${urlPath}?fieldManager=lightrun-local-cluster&force=true`, obj, {
    contentType: 'application/apply-patch+yaml',
  });
  if (r.status >= 300)
    throw new Error(`apply ${urlPath}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r.body;
}

function httpGet(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let b = '';
      res.on('data', (c) => {
        b += c;
      });
      res.on('end', () => resolve({ status: res.statusCode, body: b }));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => {
      req.destroy();
      resolve(null);
    });
  });
}

async function waitFor(what, fn, { timeoutMs = 120000, intervalMs = 250, onTimeout } = {}) {
  const t0 = Date.now();
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last === true) return;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(
        `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${last && last !== false ? ` (last: ${String(last).slice(0, 300)})` : ''}${onTimeout ? `; see ${onTimeout}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

// --------------------------------------------------------------------------- components
function argsFor(name, ports) {
  const kc = kubeconfigPath;
  switch (name) {
    case 'etcd':
      return [
        '--name=default',
        `--data-dir=${path.join(S, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${ports.etcd}`,
        `--advertise-client-urls=http://127.0.0.1:${ports.etcd}`,
        `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
        `--initial-cluster=default=http://127.0.0.1:${ports.etcdPeer}`,
        '--unsafe-no-fsync',
        '--quota-backend-bytes=2147483648',
        '--log-level=warn',
      ];
    case 'kube-apiserver':
      return [
        `--etcd-servers=http://127.0.0.1:${ports.etcd}`,
        '--etcd-prefix=/registry',
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.apiserver}`,
        '--advertise-address=127.0.0.1',
        `--tls-cert-file=${P}/apiserver.crt`,
        `--tls-private-key-file=${P}/apiserver.key`,
        `--client-ca-file=${P}/ca.crt`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${P}/sa.pub`,
        `--service-account-signing-key-file=${P}/sa.key`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--authorization-mode=Node,RBAC',
        '--allow-privileged=true',
        '--endpoint-reconciler-type=none',
        '--profiling=false',
        // aggregation layer (metrics.k8s.io served by scripts/cluster/metrics-server.mjs)
        `--requestheader-client-ca-file=${P}/ca.crt`,
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-username-headers=X-Remote-User',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        `--proxy-client-cert-file=${P}/front-proxy-client.crt`,
        `--proxy-client-key-file=${P}/front-proxy-client.key`,
        // pods/exec reaches kwok's kubelet endpoint on 127.0.0.1 (the nodes' ExternalIP, see
        // bootstrapObjects), its certificate checked against the cluster's CA.
        '--kubelet-preferred-address-types=ExternalIP',
        `--kubelet-certificate-authority=${P}/ca.crt`,
        `--kubelet-client-certificate=${P}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${P}/apiserver-kubelet-client.key`,
      ];
    case 'kube-controller-manager':
      return [
        `--kubeconfig=${kc}`,
        `--authentication-kubeconfig=${kc}`,
        `--authorization-kubeconfig=${kc}`,
        '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.kcm}`,
        '--leader-elect=false',
        `--root-ca-file=${P}/ca.crt`,
        `--service-account-private-key-file=${P}/sa.key`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--use-service-account-credentials=false',
        '--node-monitor-period=5s',
        '--node-monitor-grace-period=40s',
        '--profiling=false',
      ];
    case 'kube-scheduler':
      return [
        `--kubeconfig=${kc}`,
        `--authentication-kubeconfig=${kc}`,
        `--authorization-kubeconfig=${kc}`,
        '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
        '--bind-address=127.0.0.1',
        `--secure-port=${ports.scheduler}`,
        '--leader-elect=false',
        '--profiling=false',
      ];
    case 'kwok':
      return [
        `--kubeconfig=${kc}`,
        `--config=${path.join(S, 'kwok-stages.yaml')}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--cidr=10.244.0.0/16',
        '--node-ip=10.0.0.1',
        '--node-lease-duration-seconds=40',
        // The kubelet endpoint: exec into a pod runs the local command an Exec/ClusterExec maps
        // it to (docs/development.md, "Exec into KWOK pods").
        `--server-address=127.0.0.1:${ports.kwok}`,
        `--tls-cert-file=${P}/kwok.crt`,
        `--tls-private-key-file=${P}/kwok.key`,
        '--enable-crds=Exec,ClusterExec',
      ];
    case 'metrics-server':
      return [
        path.join(here, 'metrics-server.mjs'),
        `--port=${ports.metrics}`,
        `--kubeconfig=${kc}`,
        `--pki=${P}`,
      ];
    default:
      throw new Error(name);
  }
}
const binaryOf = (name) =>
  ({
    etcd: bin('etcd', 'etcd'),
    'kube-apiserver': bin('kubernetes', 'kube-apiserver'),
    'kube-controller-manager': bin('kubernetes', 'kube-controller-manager'),
    'kube-scheduler': bin('kubernetes', 'kube-scheduler'),
    kwok: bin('kwok', 'kwok'),
    'metrics-server': process.execPath,
  })[name];
const ORDER = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  'metrics-server',
];
const portOf = {
  etcd: ['etcd', 'etcdPeer'],
  'kube-apiserver': ['apiserver'],
  'kube-controller-manager': ['kcm'],
  'kube-scheduler': ['scheduler'],
  'metrics-server': ['metrics'],
  kwok: ['kwok'],
};

async function ensureRunning(name, ports) {
  if (alive(readPid(name))) return false;
  for (const k of portOf[name]) {
    if (!(await portFree(ports[k]))) {
      throw new Error(
        `port 127.0.0.1:${ports[k]} (${name}) is busy but not used by this cluster. Stop whatever listens there, or choose another port with LW_CLUSTER_${k.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()}_PORT=…`,
      );
    }
  }
  const pid = startProcess(name, binaryOf(name), argsFor(name, ports));
  log(`started ${name} (pid ${pid})`);
  return true;
}

async function waitHealthy(name, ports) {
  const logf = path.join(LOGS, `${name}.log`);
  const check = async (fn) => {
    if (!alive(readPid(name))) throw new Error(`${name} exited; see ${logf}`);
    return fn();
  };
  const opts = { onTimeout: logf, timeoutMs: 120000 };
  switch (name) {
    case 'etcd':
      return waitFor(
        'etcd /health',
        () =>
          check(async () => {
            const r = await httpGet(`http://127.0.0.1:${ports.etcd}/health`);
            return r?.status === 200 && /"health":"true"/.test(r.body) ? true : r?.body;
          }),
        opts,
      );
    case 'kube-apiserver':
      return waitFor(
        'kube-apiserver /readyz',
        () =>
          check(async () => {
            const r = await api('GET', '/readyz', undefined, {
              port: ports.apiserver,
              timeoutMs: 3000,
            });
            return r.status === 200 ? true : `${r.status}`;
          }),
        opts,
      );
    case 'kwok':
    case 'kube-controller-manager':
    case 'kube-scheduler':
    case 'metrics-server':
      await sleep(200);
      return check(async () => true);
  }
}

async function kwokStagesYaml() {
  const dir = path.join(binDir(components.find((c) => c.name === 'kwok')), 'stages');
  if (!existsSync(dir)) copyKwokStages(dir);
  const parts = kwokStageFiles.map((f) => {
    const y = readFileSync(path.join(dir, f), 'utf8').trim();
    if (f !== 'pod/fast/pod-ready.yaml') return y;
    // kwok's pod-ready must leave failure-labelled pods alone (else it would "heal" them).
    const anchor = '  selector:\n    matchExpressions:\n';
    if (!y.includes(anchor)) throw new Error(`unexpected layout of kwok's ${f}`);
    // …and pods whose image pull fails for a missing tag.
    return y.replace(
      anchor,
      `${anchor}    - key: '.metadata.labels["${FAILURE_LABEL}"]'\n      operator: 'DoesNotExist'\n    - key: '${HAS_MISSING_TAG}'\n      operator: 'NotIn'\n      values: ['true']\n`,
    );
  });
  return (
    parts.join('\n---\n') +
    '\n---\n' +
    failureStages.trim() +
    '\n---\n' +
    missingTagStages.trim() +
    '\n'
  );
}
// ------------------------------------------------------------------------ cluster objects
/**
 * Where the API server reaches the node's "kubelet" (kwok's server) for exec: ExternalIP
 * 127.0.0.1 (the address type it prefers, see argsFor) and the kubelet port. A patch, so a node
 * made before this is set too.
 */
async function kubeletEndpoint(name, ports) {
  const r = await api(
    'PATCH',
    `/api/v1/nodes/${name}/status`,
    {
      status: {
        addresses: [{ type: 'ExternalIP', address: '127.0.0.1' }],
        daemonEndpoints: { kubeletEndpoint: { Port: ports.kwok } },
      },
    },
    { contentType: 'application/strategic-merge-patch+json' },
  );
  if (r.status >= 300)
    throw new Error(`patch node ${name}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
}

/** kwok's Exec and ClusterExec CRDs (kwok watches them: --enable-crds), Established. */
async function installKwokCrds() {
  const dir = path.join(binDir(components.find((c) => c.name === 'kwok')), 'crds');
  if (!kwokCrdFiles.every((f) => existsSync(path.join(dir, f)))) copyKwokCrds(dir);
  for (const f of kwokCrdFiles) {
    const name = f.replace(/^kwok\.x-k8s\.io_(.+)\.yaml$/, '$1.kwok.x-k8s.io');
    const url = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`;
    await apply(url, readFileSync(path.join(dir, f), 'utf8'));
    await waitFor(`the CRD ${name}`, async () => {
      const c = (await api('GET', url)).body?.status?.conditions ?? [];
      return c.some((x) => x.type === 'Established' && x.status === 'True');
    });
  }
  // …and served: a just restarted API server can call a CRD Established before it serves it.
  for (const f of kwokCrdFiles) {
    const plural = f.replace(/^kwok\.x-k8s\.io_(.+)\.yaml$/, '$1');
    await waitFor(
      `the kwok.x-k8s.io/v1alpha1 ${plural} API`,
      async () => (await api('GET', `/apis/kwok.x-k8s.io/v1alpha1/${plural}`)).status === 200,
    );
  }
}

async function bootstrapObjects(ports) {
  for (const [i, name] of NODES.entries()) {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/hostname': name,
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': 'kwok.8x32',
          'topology.kubernetes.io/zone': `local-${String.fromCharCode(97 + i)}`,
          type: 'kwok',
        },
      },
      spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
      status: {
        allocatable: NODE_ALLOCATABLE,
        capacity: NODE_ALLOCATABLE,
        addresses: [
          { type: 'InternalIP', address: `10.0.0.${11 + i}` },
          { type: 'Hostname', address: name },
        ],
        nodeInfo: {
          architecture: 'amd64',
          operatingSystem: 'linux',
          kubeletVersion: K8S,
          kubeProxyVersion: K8S,
          containerRuntimeVersion: 'kwok://v0.8.0',
          osImage: 'KWOK fake node',
          kernelVersion: '',
          machineID: '',
          systemUUID: '',
          bootID: '',
        },
      },
    };
    const r = await api('POST', '/api/v1/nodes', node);
    if (r.status !== 201 && r.status !== 409)
      throw new Error(
        `create node ${name}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`,
      );
    await kubeletEndpoint(name, ports);
  }
  await installKwokCrds();
  await apply('/apis/networking.k8s.io/v1/ingressclasses/nginx', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: 'nginx',
      annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
    },
    spec: { controller: 'k8s.io/ingress-nginx' },
  });
  // kwok's volume stages provision/bind PVs of this class (name fixed by the stages).
  await apply('/apis/storage.k8s.io/v1/storageclasses/kwok-volume', {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: 'kwok-volume',
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'kwok.x-k8s.io/volume',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
}

async function waitClusterReady() {
  await waitFor(
    '3 Ready nodes',
    async () => {
      const r = await api('GET', '/api/v1/nodes');
      // Ready, and the node-lifecycle controller has lifted its not-ready taints.
      const ready = (r.body.items ?? []).filter(
        (n) =>
          n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') &&
          !n.spec?.taints?.length,
      );
      return ready.length >= NODES.length ? true : `${ready.length} ready`;
    },
    { onTimeout: path.join(LOGS, 'kwok.log') },
  );
  await waitFor(
    'the default ServiceAccount',
    async () =>
      (await api('GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200,
    { onTimeout: path.join(LOGS, 'kube-controller-manager.log') },
  );
  await waitFor(
    'the kube-root-ca.crt ConfigMap',
    async () =>
      (await api('GET', '/api/v1/namespaces/default/configmaps/kube-root-ca.crt')).status === 200,
    { onTimeout: path.join(LOGS, 'kube-controller-manager.log') },
  );
}

// ------------------------------------------------------------------------- metrics API
const metricsApiService = (ports) => ({
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: {
    name: 'v1beta1.metrics.k8s.io',
    labels: { 'app.kubernetes.io/managed-by': 'lightrun-local-cluster' },
  },
  spec: {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    groupPriorityMinimum: 100,
    versionPriority: 100,
    service: { namespace: 'kube-system', name: 'metrics-server', port: ports.metrics },
    insecureSkipTLSVerify: true,
  },
});
async function metricsOn(ports) {
  // An ExternalName service lets the aggregator reach a process on the host (no kube-proxy here).
  await apply('/api/v1/namespaces/kube-system/services/metrics-server', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'metrics-server',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'metrics-server' },
    },
    spec: {
      type: 'ExternalName',
      externalName: 'localhost',
      ports: [{ name: 'https', port: ports.metrics, protocol: 'TCP' }],
    },
  });
  await apply(
    '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io',
    metricsApiService(ports),
  );
  await waitFor(
    'the metrics API (APIService Available)',
    async () => {
      const r = await api(
        'GET',
        '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io',
      );
      const c = r.body?.status?.conditions?.find((x) => x.type === 'Available');
      return c?.status === 'True' ? true : c?.message;
    },
    { timeoutMs: 60000, onTimeout: path.join(LOGS, 'metrics-server.log') },
  );
}
async function metricsOff() {
  const r = await api(
    'DELETE',
    '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io',
  );
  if (r.status >= 300 && r.status !== 404) throw new Error(`delete APIService: HTTP ${r.status}`);
  await waitFor(
    'the metrics API to disappear',
    async () => (await api('GET', '/apis/metrics.k8s.io/v1beta1')).status === 404,
    { timeoutMs: 30000 },
  );
}

// ------------------------------------------------------------------------------ commands
async function up() {
  const t0 = Date.now();
  await ensureBuilt();
  let st = readState();
  const ports = portsOf(st);
  if (!st) {
    // Fresh state: leftovers of a crashed run (no state.json) are cleaned first.
    rmSync(S, { recursive: true, force: true });
    mkdirSync(S, { recursive: true });
    writeState({
      ports,
      versions: Object.fromEntries(components.map((c) => [c.name, c.version])),
      created: new Date().toISOString(),
    });
    st = readState();
  }
  const want = Object.fromEntries(components.map((c) => [c.name, c.version]));
  if (JSON.stringify(st.versions) !== JSON.stringify(want)) {
    log(
      `warning: this cluster was created with ${JSON.stringify(st.versions)}; running processes keep their version (down + up to switch to ${JSON.stringify(want)})`,
    );
  }
  makePki();
  writeKubeconfig(ports);
  const stagesFile = path.join(S, 'kwok-stages.yaml');
  const stages = await kwokStagesYaml();
  const stagesChanged = existsSync(stagesFile) && readFileSync(stagesFile, 'utf8') !== stages;
  writeFileSync(stagesFile, stages);
  // kwok reads its stages once: a running kwok with older stages is restarted (nothing else is).
  if (stagesChanged && (await stopProcess('kwok'))) {
    log('kwok stages changed: restarting kwok');
    await dropNodeLeases();
  }
  await restartChanged(ports);
  let started = 0;
  for (const name of ORDER) {
    if (await ensureRunning(name, ports)) {
      started++;
      await waitHealthy(name, ports);
    }
    if (name === 'kube-apiserver') await bootstrapObjects(ports);
  }
  await waitClusterReady();
  if (st.metrics !== false) await metricsOn(ports);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  log(
    started
      ? `cluster up in ${secs}s (started ${started} process${started === 1 ? '' : 'es'})`
      : `cluster already running (checked in ${secs}s)`,
  );
  console.log(`KUBECONFIG=${kubeconfigPath}`);
  console.log(`export KUBECONFIG=${kubeconfigPath}`);
}

/**
 * The API server and kwok of a cluster started before their command line changed (the kubelet
 * endpoint for exec) are restarted; etcd keeps the data, nothing else is touched.
 */
async function restartChanged(ports) {
  for (const name of ['kube-apiserver', 'kwok']) {
    const rec = readPid(name);
    if (!alive(rec) || JSON.stringify(rec.args) === JSON.stringify(argsFor(name, ports))) continue;
    log(`${name}'s command line changed: restarting it`);
    await stopProcess(name);
    if (name === 'kwok') await dropNodeLeases();
  }
}

// The old kwok's node leases would keep a new one from heartbeating until they expire (40 s of
// NotReady nodes and tainted pods); they are the old process's, so drop them.
async function dropNodeLeases() {
  for (const n of NODES)
    await api(
      'DELETE',
      `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${n}`,
    ).catch(() => undefined);
}

async function down() {
  for (const name of [...ORDER].reverse()) {
    const rec = readPid(name);
    if (await stopProcess(name)) log(`stopped ${name}${rec?.pid ? ` (pid ${rec.pid})` : ''}`);
  }
  // Refuse to remove state while any recorded process would survive (never orphan anything).
  if (existsSync(PIDS) && readdirSync(PIDS).some((f) => alive(readPid(f.replace(/\.json$/, ''))))) {
    throw new Error(`some processes recorded in ${PIDS} are still alive; not removing ${S}`);
  }
  rmSync(S, { recursive: true, force: true });
  log(`removed ${S}`);
}

async function status() {
  const st = readState();
  if (!st) {
    console.log(`cluster: not created (no ${stateFile})`);
    return 3;
  }
  let allUp = true;
  for (const name of ORDER) {
    const rec = readPid(name);
    const ok = alive(rec);
    if (!ok) allUp = false;
    console.log(
      `${name.padEnd(24)} ${ok ? `running  pid ${rec.pid}` : 'stopped'}${portOf[name].length ? `  127.0.0.1:${portOf[name].map((k) => portsOf(st)[k]).join(',')}` : ''}`,
    );
  }
  try {
    const r = await api('GET', '/readyz', undefined, { timeoutMs: 3000 });
    console.log(`api /readyz              ${r.status === 200 ? 'ok' : `HTTP ${r.status}`}`);
    const v = await api('GET', '/version');
    console.log(`server version           ${v.body.gitVersion}`);
    const n = await api('GET', '/api/v1/nodes');
    for (const node of n.body.items ?? []) {
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      console.log(
        `node ${node.metadata.name.padEnd(19)} ${ready ? 'Ready' : 'NotReady'}  cpu ${node.status?.allocatable?.cpu} memory ${node.status?.allocatable?.memory}`,
      );
    }
    const m = await api('GET', '/apis/metrics.k8s.io/v1beta1');
    console.log(`metrics API              ${m.status === 200 ? 'registered' : 'not registered'}`);
  } catch (e) {
    allUp = false;
    console.log(`api                      unreachable (${e.message})`);
  }
  console.log(`kubeconfig               ${kubeconfigPath}`);
  console.log(`logs                     ${LOGS}`);
  return allUp ? 0 : 1;
}

function envInfo() {
  const st = readState();
  const running = !!st && alive(readPid('kube-apiserver'));
  return {
    kubeconfig: running ? kubeconfigPath : null,
    helm: isBuilt(components[0]) ? helm4Path() : null,
    helm3: isBuilt(components[1]) ? helm3Path() : null,
    kubectl: isBuilt(components.at(-1)) ? bin('kubernetes', 'kubectl') : null,
    running,
    versions: Object.fromEntries(components.map((c) => [c.name, c.version])),
    cacheDir,
  };
}

async function restartApiserver(downSeconds) {
  const st = readState();
  if (!st || !alive(readPid('etcd')))
    throw new Error('the cluster is not running (npm run cluster -- up)');
  await stopProcess('kube-apiserver');
  log('stopped kube-apiserver (etcd keeps its data)');
  if (downSeconds > 0) await sleep(downSeconds * 1000);
  await startApiserver();
}
async function startApiserver() {
  const st = readState();
  if (!st) throw new Error('the cluster is not created (npm run cluster -- up)');
  if (await ensureRunning('kube-apiserver', portsOf(st)))
    await waitHealthy('kube-apiserver', portsOf(st));
  log('kube-apiserver is ready');
}

// up/down/restarts of one state dir are serialised (two `npm test` runs in one tree).
const stateLock = path.join(
  os.tmpdir(),
  'lightrun-wizard-cluster-locks',
  `state-${createHash('sha256').update(S).digest('hex').slice(0, 16)}.lock`,
);
const locked = (fn) => withFileLock(stateLock, fn);

async function main() {
  const [cmd = 'status', ...rest] = process.argv.slice(2);
  switch (cmd) {
    case 'build':
      await ensureBuilt(rest.length ? rest : undefined);
      log(`binaries cached under ${cacheDir}/bin`);
      return 0;
    case 'up':
      await ensureBuilt();
      await locked(up);
      return 0;
    case 'down':
      await locked(down);
      return 0;
    case 'status':
      return status();
    case 'env': {
      const e = envInfo();
      if (rest.includes('--json')) {
        console.log(JSON.stringify(e, null, 2));
        return 0;
      }
      if (e.kubeconfig) console.log(`export KUBECONFIG=${e.kubeconfig}`);
      else console.log(`# the cluster is not running: npm run cluster -- up`);
      if (e.helm) console.log(`export HELM=${e.helm}`);
      else console.log('# helm v4 not built yet: npm run cluster -- build');
      if (e.helm3) console.log(`export HELM3=${e.helm3}`);
      if (e.kubectl) console.log(`export KUBECTL=${e.kubectl}`);
      return 0;
    }
    case 'restart-apiserver': {
      const i = rest.indexOf('--down-seconds');
      await locked(() => restartApiserver(i >= 0 ? Number(rest[i + 1]) : 0));
      return 0;
    }
    case 'stop-apiserver':
      await locked(() => stopProcess('kube-apiserver'));
      log('stopped kube-apiserver');
      return 0;
    case 'start-apiserver':
      await locked(startApiserver);
      return 0;
    case 'metrics': {
      const st = readState();
      if (!st) throw new Error('the cluster is not running');
      if (rest[0] === 'off') {
        await metricsOff();
        writeState({ ...st, metrics: false });
        log('metrics API unregistered');
      } else if (rest[0] === 'on') {
        await metricsOn(st.ports);
        writeState({ ...st, metrics: true });
        log('metrics API registered');
      } else throw new Error('usage: metrics on|off');
      return 0;
    }
    default:
      console.error(
        'usage: cluster.mjs build|up|down|status|env [--json]|restart-apiserver [--down-seconds N]|stop-apiserver|start-apiserver|metrics on|off',
      );
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[cluster] error: ${e.message}`);
    process.exit(1);
  },
);
