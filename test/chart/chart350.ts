// Helpers of the chart-3.50 suites: values written as temporary files (so YAML types such as an
// unquoted 8.4 reach helm as they would from an admin's file), renders of chart-3.50/, and the
// default object set of the values contract 3.50 §11.1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  type HelmBin,
  type HelmResult,
  type K8sObject,
  type TemplateOpts,
  chart350Dir,
  fixturesDir,
  template,
  templateRaw,
} from './helm';

export const minimal350 = path.join(fixturesDir, 'chart-3.50', 'minimal.yaml');
export const kwokSmall350 = path.join(fixturesDir, 'chart-3.50', 'kwok-small.yaml');

let tmp: string | undefined;
let n = 0;

/** A values file holding `v` (removed by cleanup350). */
export function valuesFile(v: unknown): string {
  tmp ??= mkdtempSync(path.join(os.tmpdir(), 'lw-chart350-'));
  const f = path.join(tmp, `values-${n++}.yaml`);
  writeFileSync(f, stringify(v), { mode: 0o600 });
  return f;
}

export function cleanup350() {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
}

/** The -f list: files as given, objects written to files, in order. */
function files(layers: Array<string | object>): string[] {
  return layers.map((l) => (typeof l === 'string' ? l : valuesFile(l)));
}

/** `helm template` of chart-3.50 with the layers (files or value objects); throws on failure. */
export function render350(
  bin: HelmBin,
  layers: Array<string | object> = [],
  opts: TemplateOpts = {},
): K8sObject[] {
  return template(files(layers), { ...opts, bin, chart: chart350Dir });
}

export function raw350(
  bin: HelmBin,
  layers: Array<string | object> = [],
  opts: TemplateOpts = {},
): HelmResult {
  return templateRaw(files(layers), { ...opts, bin, chart: chart350Dir });
}

/**
 * The 39 objects of contract 3.50 §11.1 ("Rendered with default values"), as "Kind/name", for
 * the object-name prefix `rel` (the release, or general.nameOverride).
 */
export function defaultObjects350(rel: string): string[] {
  const by: Record<string, string[]> = {
    Deployment: ['artifacts', 'backend', 'crons', 'frontend', 'redis', 'router'],
    StatefulSet: ['keycloak', 'mq', 'mysql'],
    Service: [
      'artifacts',
      'backend',
      'frontend',
      'keycloak',
      'keycloak-headless',
      'mq',
      'mysql',
      'redis',
      'router',
    ],
    Ingress: ['router'],
    ConfigMap: [
      'artifacts-config',
      'backend-jcache-config',
      'frontend-config',
      'mq-config',
      'redis-config',
      'router-conf',
    ],
    Secret: ['backend', 'keycloak', 'certificate', 'lightrun-dockerhub'],
    ServiceAccount: [
      '',
      'artifacts',
      'backend',
      'crons',
      'frontend',
      'keycloak',
      'mq',
      'mysql',
      'redis',
      'router',
    ],
  };
  return Object.entries(by)
    .flatMap(([kind, suffixes]) => suffixes.map((s) => `${kind}/${s ? `${rel}-${s}` : rel}`))
    .sort();
}

/** `base` with `add` added and `remove` removed (every removed name must be in base). */
export function delta(base: string[], add: string[], remove: string[]): string[] {
  for (const r of remove) if (!base.includes(r)) throw new Error(`${r} is not in the base set`);
  return [...base.filter((x) => !remove.includes(x)), ...add].sort();
}
