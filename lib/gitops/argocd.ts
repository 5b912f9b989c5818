/**
 * The Argo CD `Application` (argoproj.io/v1alpha1) of the plan (docs/gitops.md): Lightrun's chart
 * from its OCI registry at the plan's version, the values inline (`helm.valuesObject`) or from
 * the repository the export is committed to (a second source with `ref: values`, read as
 * `$values/<path>/values.yaml`). PURE.
 */
import type { Answers } from '../answers/schema';
import type { Tree } from '../values/tree';
import { chartSource } from './chart-source';
import type { ExportOptions } from './types';
import { manifest } from './yaml-out';

export const APPLICATION_FILE = 'application.yaml';
export const VALUES_FILE = 'values.yaml';
/** Where Argo CD's own objects live, as Argo CD installs by default. */
export const ARGOCD_NAMESPACE = 'argocd';

export const SYNC_OPTIONS = ['ServerSideApply=true', 'CreateNamespace=true'];

const HOOKS_COMMENT = [
  ' Argo CD Application of the Lightrun Server (docs/gitops.md).',
  " Hooks: Argo CD runs the chart's Helm hooks as its own sync hooks (pre-install and",
  ' pre-upgrade become PreSync) on every sync, not only at install; the export refuses the',
  ' answers whose hook objects would change on each sync (self-signed internal TLS).',
  ' The chart comes from an OCI registry: register it in Argo CD as a Helm repository with',
  ' enableOCI (see README.md).',
].join('\n');

/** `<path>/values.yaml` inside the repository, as `$values/…` names it. */
export function valuesRef(path: string | undefined): string {
  const dir = (path ?? '')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
  return `$values/${dir ? `${dir}/` : ''}${VALUES_FILE}`;
}

export function applicationYaml(a: Answers, values: Tree, opts: ExportOptions): string {
  const c = chartSource(a);
  const chart = { repoURL: c.registry, chart: c.chart, targetRevision: c.version };
  const fromRepo = opts.values === 'repo';
  const helm = fromRepo
    ? { releaseName: a.release.name, valueFiles: [valuesRef(opts.path)] }
    : { releaseName: a.release.name };
  const spec: Tree = {
    project: 'default',
    ...(fromRepo
      ? {
          sources: [
            { ...chart, helm },
            { repoURL: opts.repoUrl, targetRevision: 'HEAD', ref: 'values' },
          ],
        }
      : { source: { ...chart, helm } }),
    destination: { server: 'https://kubernetes.default.svc', namespace: a.release.namespace },
    syncPolicy: { syncOptions: SYNC_OPTIONS },
  };
  return manifest(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: a.release.name, namespace: ARGOCD_NAMESPACE },
      spec,
    },
    {
      comment: HOOKS_COMMENT,
      values: fromRepo ? [] : [[['spec', 'source', 'helm', 'valuesObject'], values]],
    },
  );
}
