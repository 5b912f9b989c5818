// Builds (once) and caches the binaries of the local test cluster from the official Go modules.
//
//   cache: ${XDG_CACHE_HOME:-~/.cache}/lightrun-wizard-cluster/
//     bin/<component>-<version>/<binary>...   the binaries, plus `.ok` once its check passed
//     build/<component>-<version>/            throw-away wrapper Go module (go.mod/go.sum)
//     timings.json                            measured build seconds per component
//     build.lock                              one builder at a time (pid inside)
//
// Every component is built through a tiny wrapper module (`go mod init`, `go get -tool`,
// `go build`), because `go install pkg@version` refuses modules with `replace` directives
// (k8s.io/kubernetes, etcd's server module). Nothing here is ever written inside the repo.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  openSync,
  closeSync,
  renameSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ETCD, FLUX_HELM, FLUX_SOURCE, HELM3, HELM4, K8S, KWOK } from './versions.mjs';
import { kwokStageFiles } from './stages.mjs';

export const cacheDir = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
  'lightrun-wizard-cluster',
);

function k8sLdflags(v) {
  const [maj, minor] = v.replace(/^v/, '').split('.');
  const f = ['-s', '-w'];
  for (const p of ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']) {
    f.push(
      `-X=${p}.gitVersion=${v}`,
      `-X=${p}.gitMajor=${maj}`,
      `-X=${p}.gitMinor=${minor}`,
      `-X=${p}.gitCommit=0000000000000000000000000000000000000000`,
      `-X=${p}.gitTreeState=clean`,
      `-X=${p}.buildDate=1970-01-01T00:00:00Z`,
    );
  }
  return f.join(' ');
}

// Order matters: helm first (small, and other engineers need it for `helm template` tests).
export const components = [
  {
    name: 'helm',
    version: HELM4,
    module: 'helm.sh/helm/v4',
    builds: [{ pkg: 'helm.sh/helm/v4/cmd/helm', out: 'helm' }],
    ldflags: `-s -w -X=helm.sh/helm/v4/internal/version.version=${HELM4} -X=helm.sh/helm/v4/internal/version.gitTreeState=clean`,
    check: ['helm', ['version', '--short'], HELM4],
  },
  {
    name: 'helm3',
    version: HELM3,
    module: 'helm.sh/helm/v3',
    builds: [{ pkg: 'helm.sh/helm/v3/cmd/helm', out: 'helm' }],
    ldflags: `-s -w -X=helm.sh/helm/v3/internal/version.version=${HELM3} -X=helm.sh/helm/v3/internal/version.gitTreeState=clean`,
    check: ['helm', ['version', '--short'], HELM3],
  },
  {
    name: 'kwok',
    version: KWOK,
    module: 'sigs.k8s.io/kwok',
    builds: [{ pkg: 'sigs.k8s.io/kwok/cmd/kwok', out: 'kwok' }],
    ldflags: '-s -w',
    check: ['kwok', ['--version'], KWOK.replace(/^v/, '')],
    // kwok's stage YAMLs and CRDs live in its module; keep a copy next to the binary.
    post: (out) => {
      copyKwokStages(path.join(out, 'stages'));
      copyKwokCrds(path.join(out, 'crds'));
    },
  },
  {
    name: 'etcd',
    version: ETCD,
    module: 'go.etcd.io/etcd/server/v3',
    builds: [{ pkg: 'go.etcd.io/etcd/server/v3', out: 'etcd' }],
    ldflags: '-s -w',
    check: ['etcd', ['--version'], ETCD.replace(/^v/, '')],
  },
  {
    name: 'kubernetes',
    version: K8S,
    module: 'k8s.io/kubernetes',
    staging: true,
    builds: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'].map((b) => ({
      pkg: `k8s.io/kubernetes/cmd/${b}`,
      out: b,
    })),
    ldflags: k8sLdflags(K8S),
    check: ['kube-apiserver', ['--version'], `Kubernetes ${K8S}`],
  },
];

// Flux's source-controller and helm-controller, run as local processes by the GitOps test
// (test/gitops/flux.cluster.test.ts, docs/gitops.md). Built only when named (`build.mjs
// source-controller helm-controller`, or that test's set-up), never by `cluster.mjs up`. Neither has
// a version flag: the check is their `--help` naming a flag the test passes. The go-digest
// `replace` of each controller's go.mod is copied into the wrapper by prepareWrapper.
export const fluxComponents = [
  {
    name: 'source-controller',
    version: FLUX_SOURCE,
    module: 'github.com/fluxcd/source-controller',
    builds: [{ pkg: 'github.com/fluxcd/source-controller', out: 'source-controller' }],
    ldflags: '-s -w',
    check: ['source-controller', ['--help'], '--storage-adv-addr'],
  },
  {
    name: 'helm-controller',
    version: FLUX_HELM,
    module: 'github.com/fluxcd/helm-controller',
    builds: [{ pkg: 'github.com/fluxcd/helm-controller', out: 'helm-controller' }],
    ldflags: '-s -w',
    check: ['helm-controller', ['--help'], '--watch-all-namespaces'],
  },
];
const allComponents = [...components, ...fluxComponents];

/** The path of a Flux controller's binary (built or not: see isBuilt). */
export function fluxBinPath(name) {
  const c = fluxComponents.find((x) => x.name === name);
  if (!c) throw new Error(`unknown Flux controller ${name}`);
  return path.join(binDir(c), c.builds[0].out);
}

export function binDir(c) {
  return path.join(cacheDir, 'bin', `${c.name}-${c.version}`);
}
export function isBuilt(c) {
  return existsSync(path.join(binDir(c), '.ok'));
}
export function binPath(name) {
  for (const c of components)
    for (const b of c.builds)
      if (b.out === name && c.name !== 'helm3') return path.join(binDir(c), b.out);
  throw new Error(`unknown binary ${name}`);
}
export const helm4Path = () => path.join(binDir(components[0]), 'helm');
export const helm3Path = () => path.join(binDir(components[1]), 'helm');

const goEnv = () => ({
  ...process.env,
  GOTOOLCHAIN: 'local',
  CGO_ENABLED: '0',
  GOFLAGS: '-mod=mod -buildvcs=false',
});

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: goEnv(), maxBuffer: 1 << 28, ...opts });
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${argv.join(' ')} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || '').slice(-4000)}${r.error ? String(r.error) : ''}`,
    );
  }
  return r.stdout;
}
function runLoud(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: goEnv() });
  if (r.status !== 0)
    throw new Error(`${cmd} ${argv.join(' ')} failed in ${cwd} (exit ${r.status ?? r.signal})`);
}

function log(msg) {
  process.stderr.write(`[cluster build] ${msg}\n`);
}

// ---- lock ---------------------------------------------------------------------------------
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}
async function withLock(fn) {
  return withFileLock(path.join(cacheDir, 'build.lock'), fn);
}
/** Runs fn while holding `lock` (a file with the holder's pid; stale locks of dead pids are taken over). */
export async function withFileLock(lock, fn) {
  mkdirSync(path.dirname(lock), { recursive: true });
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8').trim() || 0);
      if (!pid || !pidAlive(pid)) {
        rmSync(lock, { force: true });
        continue;
      } // stale lock
      if (!waited) {
        log(`another process (pid ${pid}) holds ${lock}; waiting…`);
        waited = true;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

// ---- build one component ------------------------------------------------------------------
function goModFile(mod, version, wd) {
  const out = run('go', ['mod', 'download', '-json', `${mod}@${version}`], { cwd: wd });
  return JSON.parse(out).GoMod;
}

function prepareWrapper(c, wd) {
  mkdirSync(wd, { recursive: true });
  if (!existsSync(path.join(wd, 'go.mod')))
    run('go', ['mod', 'init', `local/build-${c.name}`], { cwd: wd });
  const upstream = readFileSync(goModFile(c.module, c.version, wd), 'utf8');
  if (c.staging) {
    // k8s.io/kubernetes requires every staging module at v0.0.0 and points it at ./staging/...;
    // as a dependency those replaces are ignored, so repeat them with the published versions.
    const staging = c.version.replace(/^v1\./, 'v0.');
    const mods = [...upstream.matchAll(/^\s*(?:replace\s+)?(\S+)\s+=>\s+\.\/staging\/\S+/gm)].map(
      (m) => m[1],
    );
    if (mods.length < 20)
      throw new Error(
        `expected the staging replace list in k8s.io/kubernetes@${c.version}'s go.mod, found ${mods.length}`,
      );
    run('go', ['mod', 'edit', ...mods.map((m) => `-replace=${m}=${m}@${staging}`)], { cwd: wd });
    const gd = upstream.match(/^godebug\s+(.+)$/m);
    if (gd) run('go', ['mod', 'edit', `-godebug=${gd[1].trim()}`], { cwd: wd });
  }
  // Non-local replaces of the upstream module would be ignored for a dependency: copy them.
  for (const m of upstream.matchAll(
    /^\s*(?:replace\s+)?(\S+(?:\s+v\S+)?)\s+=>\s+([^.\s/][^\s]*)\s+(v\S+)\s*$/gm,
  )) {
    run('go', ['mod', 'edit', `-replace=${m[1].split(/\s+/).join('@')}=${m[2]}@${m[3]}`], {
      cwd: wd,
    });
  }
  run('go', ['get', '-tool', ...c.builds.map((b) => `${b.pkg}@${c.version}`)], { cwd: wd });
}

function buildComponent(c) {
  const wd = path.join(cacheDir, 'build', `${c.name}-${c.version}`);
  const out = binDir(c);
  const tmpOut = `${out}.tmp-${process.pid}`;
  rmSync(tmpOut, { recursive: true, force: true });
  mkdirSync(tmpOut, { recursive: true });
  const t0 = Date.now();
  log(`building ${c.name} ${c.version} (${c.builds.map((b) => b.out).join(', ')})…`);
  prepareWrapper(c, wd);
  const tDeps = Date.now();
  for (const b of c.builds) {
    runLoud(
      'go',
      [
        'build',
        '-p',
        '2',
        '-trimpath',
        `-ldflags=${c.ldflags}`,
        '-o',
        path.join(tmpOut, b.out),
        b.pkg,
      ],
      wd,
    );
  }
  const [bin, args, expect] = c.check;
  const v = checkOutput(path.join(tmpOut, bin), args);
  if (!v.includes(expect))
    throw new Error(
      `${bin} ${args.join(' ')} printed ${JSON.stringify(v.trim())}, expected it to contain ${expect}`,
    );
  if (c.post) c.post(tmpOut);
  rmSync(out, { recursive: true, force: true });
  renameSync(tmpOut, out);
  // The version line (a Flux controller's check is its whole --help: keep the line with the flag).
  const okLine = v.includes('\n') ? v.split('\n').find((l) => l.includes(expect)) : v;
  writeFileSync(path.join(out, '.ok'), `${okLine.trim()}\n`);
  const secs = Math.round((Date.now() - t0) / 1000);
  recordTiming(c, {
    seconds: secs,
    modulesSeconds: Math.round((tDeps - t0) / 1000),
    at: new Date().toISOString(),
  });
  log(`built ${c.name} ${c.version} in ${secs}s -> ${out}`);
}

/** What a freshly built binary prints for its check (stdout and stderr: `--help` uses stderr). */
function checkOutput(bin, args) {
  const r = spawnSync(bin, args, {
    encoding: 'utf8',
    env: { ...process.env, HOME: os.tmpdir() },
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0)
    throw new Error(
      `${bin} ${args.join(' ')} failed (exit ${r.status ?? r.signal}): ${r.error ?? ''}`,
    );
  return `${r.stdout}${r.stderr}`;
}

/** Where `go mod download` put the kwok module's source. */
function kwokModuleDir() {
  const c = components.find((x) => x.name === 'kwok');
  const wd = path.join(cacheDir, 'build', `${c.name}-${c.version}`);
  mkdirSync(wd, { recursive: true });
  return JSON.parse(
    run('go', ['mod', 'download', '-json', `${c.module}@${c.version}`], { cwd: wd }),
  ).Dir;
}

/** kwok's CRDs the cluster installs: exec in chosen pods runs local commands (docs/development.md). */
export const kwokCrdFiles = ['kwok.x-k8s.io_execs.yaml', 'kwok.x-k8s.io_clusterexecs.yaml'];

/** Copies kwok's Exec and ClusterExec CRDs out of the kwok module. */
export function copyKwokCrds(dir) {
  const src = path.join(kwokModuleDir(), 'kustomize', 'crd', 'bases');
  mkdirSync(dir, { recursive: true });
  for (const f of kwokCrdFiles) copyFileSync(path.join(src, f), path.join(dir, f));
}

/** Copies kwok's default node/pod stages and its volume stages out of the kwok module. */
export function copyKwokStages(dir) {
  const src = path.join(kwokModuleDir(), 'kustomize', 'stage');
  for (const f of [...kwokStageFiles, 'volume/fast/storage-class.yaml']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    copyFileSync(path.join(src, f), path.join(dir, f));
  }
}

function recordTiming(c, t) {
  const f = path.join(cacheDir, 'timings.json');
  let all = {};
  try {
    all = JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    /* first */
  }
  all[`${c.name}-${c.version}`] = t;
  writeFileSync(f, JSON.stringify(all, null, 2) + '\n');
}

/**
 * Builds whatever is missing (in order): the cluster's components, or the ones `names` lists (a
 * Flux controller only when named).
 */
export async function ensureBuilt(names) {
  const wanted = names ? allComponents.filter((c) => names.includes(c.name)) : components;
  if (wanted.every(isBuilt)) return;
  const probe = spawnSync('go', ['version'], { encoding: 'utf8', env: goEnv() });
  if (probe.status !== 0)
    throw new Error(
      'Go is required to build the local cluster (go version failed): ' +
        (probe.stderr || probe.error),
    );
  await withLock(async () => {
    const t0 = Date.now();
    for (const c of wanted) if (!isBuilt(c)) buildComponent(c);
    log(`all built in ${Math.round((Date.now() - t0) / 1000)}s (cache: ${cacheDir})`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuilt(process.argv.slice(2).length ? process.argv.slice(2) : undefined).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
