/**
 * The Flux objects of the plan (docs/gitops.md): an `OCIRepository`
 * (source.toolkit.fluxcd.io/v1) for Lightrun's chart at the plan's version and a `HelmRelease`
 * (helm.toolkit.fluxcd.io/v2) that takes it through `chartRef`, with the values that hold no
 * secret inline and the secret ones from a Secret (`valuesFrom`). A failed install or upgrade is
 * left as it failed (no uninstall, no rollback) so its evidence stays; drift detection is on. PURE.
 */
import type { Answers } from '../answers/schema';
import type { Tree } from '../values/tree';
import { chartSource } from './chart-source';
import { VALUES_KEY, valuesSecretName } from './secrets';
import type { ExportFile, ExportOptions } from './types';
import { manifest, manifests } from './yaml-out';

export const FLUX_FILE = 'flux.yaml';
export const chartRepoName = (a: Answers) => `${a.release.name}-chart`;

export function ociRepository(a: Answers): Tree {
  const c = chartSource(a);
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: { name: chartRepoName(a), namespace: a.release.namespace },
    spec: {
      interval: '1h',
      url: c.url,
      ref: { tag: c.version },
      layerSelector: {
        mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
        operation: 'copy',
      },
    },
  };
}

/** No retry (a retried install is an uninstall first) and no remediation of the last failure. */
export const REMEDIATION = { retries: 0, remediateLastFailure: false };

export function helmRelease(a: Answers, withSecretValues: boolean): Tree {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: a.release.name, namespace: a.release.namespace },
    spec: {
      interval: '10m',
      timeout: '15m',
      releaseName: a.release.name,
      chartRef: { kind: 'OCIRepository', name: chartRepoName(a) },
      install: { remediation: REMEDIATION },
      upgrade: { remediation: { ...REMEDIATION, strategy: 'rollback' } },
      driftDetection: { mode: 'enabled' },
      ...(withSecretValues
        ? { valuesFrom: [{ kind: 'Secret', name: valuesSecretName(a), valuesKey: VALUES_KEY }] }
        : {}),
    },
  };
}

export function fluxYaml(a: Answers, values: Tree, withSecretValues: boolean): string {
  return manifests([
    manifest(ociRepository(a), {
      comment: " Lightrun's chart, from its OCI registry (docs/gitops.md).",
    }),
    manifest(helmRelease(a, withSecretValues), {
      comment:
        ' The release. remediation: a failed install or upgrade stays as it failed (no uninstall,\n no rollback): inspect it, fix the values, commit.',
      values: [[['spec', 'values'], values]],
    }),
  ]);
}

/**
 * The kustomization.yaml Flux applies: the git-bound manifests, and with SOPS the encrypted
 * Secret files too (decrypted by the Kustomization's sops provider); never .sops.yaml or a
 * plain secret file.
 */
export function kustomization(files: ExportFile[], opts: ExportOptions): ExportFile {
  const resources = files
    .filter((f) => f.path.endsWith('.yaml') && !f.path.startsWith('.'))
    .filter((f) => !f.secret || opts.secrets === 'sops')
    .map((f) => f.path);
  return {
    path: 'kustomization.yaml',
    content: manifest(
      { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources },
      { comment: ' What Flux applies from this directory (docs/gitops.md).' },
    ),
    secret: false,
  };
}
