// Runs the real helm binaries against chart/ (or chart-3.50/) and parses what they render.
// helm comes from the cluster script's cache (HELM = v4, HELM3 = v3), else `helm` on PATH;
// a suite that needs helm fails when none is found.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type {
  V1ConfigMap,
  V1Container,
  V1Deployment,
  V1EnvVarSource,
  V1Ingress,
  V1NetworkPolicy,
  V1PodDisruptionBudget,
  V1PodSpec,
  V1Role,
  V1RoleBinding,
  V1Secret,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
  V1Volume,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { parse, parseAllDocuments } from 'yaml';
import { isMap, type Tree } from '../../lib/values/tree';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const chartDir = path.join(repoRoot, 'chart');
/** The test chart of the vendor chart 3.50.0's values layout. */
export const chart350Dir = path.join(repoRoot, 'chart-3.50');
export const fixturesDir = path.join(__dirname, 'fixtures');

export interface HelmBin {
  name: 'helm v4' | 'helm v3';
  path: string;
}

/** The API type of every kind the chart renders (parseManifests refuses any other kind). */
interface Kinds {
  ConfigMap: V1ConfigMap;
  Deployment: V1Deployment;
  HorizontalPodAutoscaler: V2HorizontalPodAutoscaler;
  Ingress: V1Ingress;
  NetworkPolicy: V1NetworkPolicy;
  PodDisruptionBudget: V1PodDisruptionBudget;
  Role: V1Role;
  RoleBinding: V1RoleBinding;
  Secret: V1Secret;
  Service: V1Service;
  ServiceAccount: V1ServiceAccount;
  StatefulSet: V1StatefulSet;
}
export type Kind = keyof Kinds;
const KINDS: ReadonlySet<string> = new Set<Kind>([
  'ConfigMap',
  'Deployment',
  'HorizontalPodAutoscaler',
  'Ingress',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'Role',
  'RoleBinding',
  'Secret',
  'Service',
  'ServiceAccount',
  'StatefulSet',
]);

/**
 * An API type as the tests read what the chart rendered: every field taken as present. A field the
 * chart left out is undefined at run time, so the assertion on it fails and a read through it
 * throws, exactly as on the parsed YAML; the field names themselves are checked.
 */
export type Rendered<T> = T extends readonly (infer E)[]
  ? Rendered<E>[]
  : T extends Date
    ? T
    : T extends object
      ? { -readonly [K in keyof T]-?: Rendered<NonNullable<T[K]>> }
      : T;

/** A rendered Kubernetes object, told apart by its kind. */
export type K8sObject = { [K in Kind]: Rendered<Kinds[K]> & { kind: K } }[Kind];
/** A rendered object of one kind. */
export type Of<K extends Kind> = Extract<K8sObject, { kind: K }>;
/** The kinds whose objects run pods. */
export type Workload = Of<'Deployment'> | Of<'StatefulSet'>;
export type PodSpec = Rendered<V1PodSpec>;
export type Container = Rendered<V1Container>;

/** Narrows an object to its kind (for `filter` and `find` over a list of every kind). */
export function isKind<K extends Kind>(kind: K): (o: K8sObject) => o is Of<K> {
  return (o): o is Of<K> => o.kind === kind;
}

export function isWorkload(o: K8sObject): o is Workload {
  return o.kind === 'Deployment' || o.kind === 'StatefulSet';
}

function clusterEnvJson(): { helm: string | null; helm3: string | null } | null {
  const script = path.join(repoRoot, 'scripts', 'cluster', 'cluster.mjs');
  if (!existsSync(script)) return null;
  const r = spawnSync(process.execPath, [script, 'env', '--json'], {
    encoding: 'utf8',
    cwd: repoRoot,
    timeout: 60_000,
  });
  if (r.status !== 0) return null;
  try {
    return JSON.parse(r.stdout);
  } catch {
    return null;
  }
}

function onPath(): string | null {
  const r = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' });
  return r.status === 0 ? 'helm' : null;
}

let cached: HelmBin[] | undefined;

/** helm v4 and v3 when available; throws when neither is (tests must fail, not skip). */
export function helmBinaries(): HelmBin[] {
  if (cached) return cached;
  const env = clusterEnvJson();
  const bins: HelmBin[] = [];
  const v4 = process.env.HELM || env?.helm;
  const v3 = process.env.HELM3 || env?.helm3;
  if (v4 && existsSync(v4)) bins.push({ name: 'helm v4', path: v4 });
  if (v3 && existsSync(v3)) bins.push({ name: 'helm v3', path: v3 });
  if (!bins.length) {
    const p = onPath();
    if (p) bins.push({ name: 'helm v4', path: p });
  }
  if (!bins.length)
    throw new Error('No helm binary: run `npm run cluster -- build` (or put helm on PATH)');
  cached = bins;
  return bins;
}

/** The first helm found, v4 preferred. */
export function helm(): HelmBin {
  return helmBinaries()[0]!;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runHelm(
  bin: HelmBin,
  args: string[],
  env: Record<string, string> = {},
): HelmResult {
  const r = spawnSync(bin.path, args, {
    encoding: 'utf8',
    cwd: repoRoot,
    env: {
      ...process.env,
      HELM_CACHE_HOME: '/tmp/lw-helm-cache',
      HELM_CONFIG_HOME: '/tmp/lw-helm-config',
      HELM_DATA_HOME: '/tmp/lw-helm-data',
      ...env,
    },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? String(r.error ?? ''),
  };
}

export const RELEASE = 'lr';
export const NAMESPACE = 'lightrun';

/** `helm template` of chart/ with the given values files (and --set pairs); throws on failure. */
export interface TemplateOpts {
  bin?: HelmBin;
  /** the chart directory; chart/ when not given */
  chart?: string;
  set?: string[];
  /** --set-string pairs */
  setString?: string[];
  release?: string;
  namespace?: string;
  /** test the templates alone, without values.schema.json */
  skipSchema?: boolean;
}

export function template(valuesFiles: string[], opts: TemplateOpts = {}): K8sObject[] {
  const r = templateRaw(valuesFiles, opts);
  if (r.code !== 0) throw new Error(`helm template failed (${r.code}):\n${r.stderr}`);
  return parseManifests(r.stdout);
}

export function templateRaw(valuesFiles: string[], opts: TemplateOpts = {}): HelmResult {
  const args = [
    'template',
    opts.release ?? RELEASE,
    opts.chart ?? chartDir,
    '--namespace',
    opts.namespace ?? NAMESPACE,
  ];
  for (const f of valuesFiles) args.push('--values', f);
  for (const s of opts.set ?? []) args.push('--set', s);
  for (const s of opts.setString ?? []) args.push('--set-string', s);
  if (opts.skipSchema) args.push('--skip-schema-validation');
  return runHelm(opts.bin ?? helm(), args);
}

export function parseManifests(text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length)
      throw new Error(`invalid YAML in rendered manifests: ${doc.errors[0]?.message}`);
    const o: unknown = doc.toJS();
    if (!o || typeof o !== 'object') continue; // an empty document
    const kind = isMap(o) ? o.kind : undefined;
    if (typeof kind !== 'string' || !KINDS.has(kind))
      throw new Error(`rendered kind ${String(kind)} has no API type in test/chart/helm.ts`);
    out.push(o as K8sObject);
  }
  return out;
}

/** "Kind/name" of every object, sorted. */
export function names(objs: K8sObject[]): string[] {
  return objs.map((o) => `${o.kind}/${o.metadata.name}`).sort();
}

export function find<K extends Kind>(objs: K8sObject[], kind: K, name: string): Of<K> {
  const o = maybe(objs, kind, name);
  if (!o) throw new Error(`${kind}/${name} not rendered; got ${names(objs).join(', ')}`);
  return o;
}

export function maybe<K extends Kind>(objs: K8sObject[], kind: K, name: string): Of<K> | undefined {
  return objs.filter(isKind(kind)).find((x) => x.metadata.name === name);
}

export function podSpec(o: Workload): PodSpec {
  return o.spec.template.spec;
}

/** A container (init or main) of a workload by name. */
export function container(o: Workload, name: string): Container {
  const s = podSpec(o);
  const c = [...(s.initContainers ?? []), ...s.containers].find((x) => x.name === name);
  if (!c) throw new Error(`${o.kind}/${o.metadata.name} has no container ${name}`);
  return c;
}

/** A container's env by name: the value, or where it comes from. */
export function envOf(c: Container): Record<string, string | Rendered<V1EnvVarSource>> {
  return Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]));
}

export function volume(o: Workload, name: string): Rendered<V1Volume> {
  const v = (podSpec(o).volumes ?? []).find((x) => x.name === name);
  if (!v) throw new Error(`${o.kind}/${o.metadata.name} has no volume ${name}`);
  return v;
}

export interface ExampleConfig {
  name: string;
  dir: string;
  /** values.yaml, then secrets.yaml when the example has one (the CLI's split) */
  files: string[];
}

/** Every examples/<name>/ that holds a CLI-rendered values.yaml. */
/**
 * Every example's rendered files for one chart profile: values.yaml (+ secrets.yaml) for chart
 * 3.9.4, values-3.50.yaml (+ secrets-3.50.yaml) for chart 3.50.0.
 */
export function exampleConfigs(profile: '3.9.4' | '3.50.0' = '3.9.4'): ExampleConfig[] {
  const root = path.join(repoRoot, 'examples');
  const suffix = profile === '3.50.0' ? '-3.50' : '';
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, d.name, 'answers.yaml')))
    .map((d) => {
      const dir = path.join(root, d.name);
      const files = [path.join(dir, `values${suffix}.yaml`)];
      const secrets = path.join(dir, `secrets${suffix}.yaml`);
      if (existsSync(secrets)) files.push(secrets);
      return { name: d.name, dir, files };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The value at a dotted path of a values tree, read as `v.a.b` reads: a missing last key is
 * undefined, and a step that is not a map throws (the chart's values.yaml gives every map read).
 */
export function valueAt(v: Tree, path: string): unknown {
  const keys = path.split('.');
  let cur: unknown = v;
  for (const [i, k] of keys.entries()) {
    if (!isMap(cur))
      throw new Error(`${keys.slice(0, i).join('.')} is not a map (reading ${path})`);
    cur = cur[k];
  }
  return cur;
}

/** The values of a configuration merged the way helm merges -f files (maps deep, lists replaced). */
export function mergedValues(files: string[], chart = chartDir): Tree {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === null) return undefined;
    if (isMap(a) && isMap(b)) {
      const out: Tree = { ...a };
      for (const [k, v] of Object.entries(b)) {
        const m = merge(a[k], v);
        if (m === undefined) delete out[k];
        else out[k] = m;
      }
      return out;
    }
    return b;
  };
  let v: unknown = parse(readFileSync(path.join(chart, 'values.yaml'), 'utf8'));
  for (const f of files) v = merge(v, parse(readFileSync(f, 'utf8')) ?? {});
  if (!isMap(v)) throw new Error('the merged values are not a map');
  return v;
}

/** runHelm without blocking the event loop (concurrent tests, pollers beside a `helm --wait`). */
export function runHelmAsync(bin: HelmBin, args: string[]): Promise<HelmResult> {
  return new Promise((resolve) => {
    execFile(
      bin.path,
      args,
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          HELM_CACHE_HOME: '/tmp/lw-helm-cache',
          HELM_CONFIG_HOME: '/tmp/lw-helm-config',
          HELM_DATA_HOME: '/tmp/lw-helm-data',
        },
        timeout: 400_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : -1
          : 0;
        resolve({
          code,
          stdout: String(stdout ?? ''),
          stderr: String(stderr ?? '') || (err ? String(err) : ''),
        });
      },
    );
  });
}
