// What the GitOps export writes (lib/gitops, docs/gitops.md) passes a server-side dry run against
// the real CRDs of Argo CD, Flux and External Secrets (test/gitops/crds.ts) and the core API: for
// both chart profiles, each controller, each way of carrying the secrets. The namespace each
// object names is the admin's to choose; the run puts every object in a test namespace.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { exportGitops, type ExportOptions } from '../../lib/gitops';
import type { Answers } from '../../lib/answers';
import { answers350, examples } from '../../lib/values/__fixtures__/examples-350';
import { dryRunCreate, gitopsSuite } from './crds';

const suite = gitopsSuite('lw-gitops-export');
const NS = suite.namespace;

const example = (name: string) => examples().find((e) => e.name === name)!;
const plans: Record<string, (n: string) => Answers> = {
  '3.9.4': (n) => structuredClone(example(n).answers),
  '3.50.0': (n) => answers350(example(n)),
};
const STORE = { name: 'vault', kind: 'ClusterSecretStore' as const, keyPrefix: 'lightrun/' };
// Argo CD takes no values from a Secret: its plans keep the Secrets outside the chart.
const CASES: [string, string, ExportOptions][] = [
  [
    'argocd, values inline',
    'secrets-outside',
    { for: 'argocd', values: 'inline', secrets: 'secret-manifest' },
  ],
  [
    'argocd, values in the repository',
    'secrets-outside',
    {
      for: 'argocd',
      values: 'repo',
      repoUrl: 'https://git.example.com/ops/lightrun.git',
      path: 'clusters/prod',
      secrets: 'secret-manifest',
    },
  ],
  [
    'argocd, External Secrets',
    'secrets-outside',
    { for: 'argocd', values: 'inline', secrets: 'external-secrets', externalStore: STORE },
  ],
  ['flux, a Secret manifest', 'quick-default', { for: 'flux', secrets: 'secret-manifest' }],
  [
    'flux, External Secrets',
    'quick-default',
    { for: 'flux', secrets: 'external-secrets', externalStore: STORE },
  ],
  ['flux, SOPS-ready', 'quick-default', { for: 'flux', secrets: 'sops' }],
  [
    'flux, Secrets outside the chart',
    'secrets-outside',
    { for: 'flux', secrets: 'external-secrets', externalStore: STORE },
  ],
];

/** Every Kubernetes object of the export (not kustomization.yaml, .sops.yaml or the README). */
function objectsOf(files: { path: string; content: string }[]): Record<string, unknown>[] {
  return files
    .filter(
      (f) => f.path.endsWith('.yaml') && f.path !== 'kustomization.yaml' && !f.path.startsWith('.'),
    )
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Record<string, unknown>))
    .filter((o) => o && typeof o.kind === 'string' && typeof o.apiVersion === 'string')
    .map((o) => ({ ...o, metadata: { ...(o.metadata as object), namespace: NS } }));
}

describe.each(Object.keys(plans))('the export of a chart %s plan', (chart) => {
  it.each(CASES)('%s: every object passes a server-side dry run', (_name, ex, opts) => {
    const r = exportGitops(plans[chart]!(ex), opts);
    expect(r.refusals).toEqual([]);
    const objects = objectsOf(r.files);
    const kinds = new Set(objects.map((o) => o.kind));
    expect(kinds.has(opts.for === 'argocd' ? 'Application' : 'HelmRelease')).toBe(true);
    if (opts.for === 'flux') expect(kinds.has('OCIRepository')).toBe(true);
    if (opts.secrets === 'external-secrets') expect(kinds.has('ExternalSecret')).toBe(true);
    const d = dryRunCreate(suite.kubeconfig(), NS, objects);
    expect(d.stderr).toBe('');
    expect(d.code).toBe(0);
    expect(d.stdout.trim().split('\n')).toHaveLength(objects.length);
  });
});
