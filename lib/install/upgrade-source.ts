import 'server-only';
/**
 * A running release read for the upgrade plan (docs/upgrade.md): its values (`helm get values`),
 * its manifest (`helm get manifest`), its chart and revision (`helm get metadata`, which prints no
 * values), the namespace's PersistentVolumeClaims from the API; and the target chart's render of
 * the translated values (`helm template`). Nothing read here is logged: the values hold the
 * release's secrets, and helm's errors are redacted with them before they reach a message.
 */
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import { kubeConfigFor } from '../cluster/kubeconfig';
import { getManifestArgs, getMetadataArgs, getValuesArgs, templateArgs } from '../helm/args';
import { findHelm } from '../helm/find-helm';
import { makeRedactor, secretValuesOfTree } from '../helm/redact';
import { createValuesDir } from '../helm/values-dir';
import { RequestProblems, resolveTarget, type Target } from '../target';
import type { LiveClaim } from '../upgrade/objects';
import { toYaml } from '../values/to-yaml';
import { isMap, type Tree } from '../values/tree';
import { helmCli, helmError, type HelmCli } from './helm-cli';
import { resolveChart, VENDOR_CHART, type InstallRequest, type ResolvedChart } from './request';
import { realFs } from './service';
import { BUNDLED_CHART_350 } from './bundled-chart';

/** The chart an upgrade plan renders when none is named: Lightrun's published chart at 3.50.0. */
export const TARGET_CHART_350 = { source: 'oci', ref: VENDOR_CHART, version: '3.50.0' } as const;
/** `--chart bundled` for a 3.50 target: the project's 3.50 test chart. */
export { BUNDLED_CHART_350 };

export interface LiveRelease {
  target: Target;
  /** `helm get values` of the current revision: what the admin set (secrets included) */
  values: Tree;
  manifest: string;
  revision: number;
  status: string;
  /** `<chart name>-<chart version>`, as helm lists it */
  chart: string;
  /** the values contract of the chart: its `lightrun.com/values-contract` annotation, else its version */
  contract: string;
  claims: LiveClaim[];
}

/** Reading the release failed: the message names the command, never a value. */
export class ReleaseReadError extends Error {
  override name = 'ReleaseReadError';
}

async function helmText(helm: HelmCli, args: string[], what: string): Promise<string> {
  const r = await helm.run(args);
  if (r.code === 0) return r.stdout;
  if (/not found/i.test(r.stderr))
    throw new ReleaseReadError(`${what}: the release was not found.`);
  throw new ReleaseReadError(`${what} failed: ${helmError(r).join(' ')}`);
}

interface Metadata {
  chart: string;
  version: string;
  annotations?: Record<string, string>;
  revision: number;
  status: string;
}

function parseMetadata(json: string): Metadata {
  const m: unknown = JSON.parse(json);
  if (!isMap(m) || typeof m.chart !== 'string' || typeof m.version !== 'string')
    throw new ReleaseReadError('helm get metadata did not name the chart and its version.');
  return {
    chart: m.chart,
    version: m.version,
    annotations: isMap(m.annotations) ? (m.annotations as Record<string, string>) : undefined,
    revision: Number(m.revision) || 0,
    status: typeof m.status === 'string' ? m.status : '',
  };
}

/** The namespace's claims, as the plan compares them. */
export async function liveClaims(kc: k8s.KubeConfig, namespace: string): Promise<LiveClaim[]> {
  const list = await apiClient(kc, k8s.CoreV1Api).listNamespacedPersistentVolumeClaim({
    namespace,
  });
  return list.items
    .filter((c) => !c.metadata?.deletionTimestamp)
    .map((c) => ({
      name: c.metadata?.name ?? '',
      uid: c.metadata?.uid ?? '',
      ...(c.spec?.storageClassName ? { storageClassName: c.spec.storageClassName } : {}),
      ...(c.spec?.resources?.requests?.storage
        ? { size: String(c.spec.resources.requests.storage) }
        : {}),
      owners: (c.metadata?.ownerReferences ?? []).map((o) => ({ kind: o.kind, name: o.name })),
    }));
}

/** Reads a release and its namespace's claims. Throws RequestProblems, ReleaseReadError. */
export async function readLiveRelease(t: {
  context?: string;
  namespace?: string;
  release?: string;
}): Promise<LiveRelease> {
  const target = resolveTarget(t);
  const kc = kubeConfigFor(target.context ?? undefined);
  const helm = helmCli(await findHelm(), makeRedactor([]));
  const meta = parseMetadata(
    await helmText(helm, getMetadataArgs(target, target.release), 'helm get metadata'),
  );
  const valuesJson = await helmText(helm, getValuesArgs(target, target.release), 'helm get values');
  const values: unknown = JSON.parse(valuesJson || '{}') ?? {};
  return {
    target,
    values: isMap(values) ? values : {},
    manifest: await helmText(helm, getManifestArgs(target, target.release), 'helm get manifest'),
    revision: meta.revision,
    status: meta.status,
    chart: `${meta.chart}-${meta.version}`,
    contract: meta.annotations?.['lightrun.com/values-contract'] ?? meta.version,
    claims: await liveClaims(kc, target.namespace),
  };
}

/** The chart to render: the one named (a directory, .tgz, oci://, `bundled`), else TARGET_CHART_350. */
export function targetChart(chart: InstallRequest['chart']): ResolvedChart {
  return resolveChart(chart ?? TARGET_CHART_350, BUNDLED_CHART_350, realFs);
}

/**
 * `helm template` of the target chart with the translated values, for the release's name and
 * namespace; the values file lives 0600 in a private directory removed afterwards.
 */
export async function renderTarget(live: LiveRelease, chart: ResolvedChart, values: Tree) {
  const redact = makeRedactor(
    secretValuesOfTree(values, [live.target.namespace, live.target.release]),
  );
  // the render is parsed, never shown: only helm's error is redacted (a redacted render would
  // differ from the release's manifest wherever a secret appears in plain text)
  const helm = helmCli(await findHelm(), makeRedactor([]));
  const dir = createValuesDir();
  try {
    const file = dir.write('values-350.yaml', toYaml(values));
    const args = templateArgs({
      namespace: live.target.namespace,
      release: live.target.release,
      chart: chart.chart,
      ...(chart.chartVersion ? { chartVersion: chart.chartVersion } : {}),
      valuesFiles: [file],
    });
    const r = await helm.run(args);
    if (r.code !== 0)
      throw new RequestProblems([
        { path: 'chart', message: `helm template failed: ${redact(helmError(r).join(' '))}` },
      ]);
    return r.stdout;
  } finally {
    dir.remove();
  }
}
