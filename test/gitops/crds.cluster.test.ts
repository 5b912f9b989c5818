// The CRDs of Argo CD, Flux and External Secrets are installed from the controllers' sources and
// validate objects on the real API server: a well-formed object of each kind passes a server-side
// dry run, and one that breaks the CRD's schema is refused naming the field. What the GitOps
// export writes is dry-run the same way (export.cluster.test.ts).
import { describe, expect, it } from 'vitest';
import { dryRunCreate, gitopsSuite } from './crds';

const suite = gitopsSuite('lw-gitops-crds');
const NS = suite.namespace;

const helmRelease = (interval: unknown) => ({
  apiVersion: 'helm.toolkit.fluxcd.io/v2',
  kind: 'HelmRelease',
  metadata: { name: 'lightrun' },
  spec: {
    interval,
    chartRef: { kind: 'OCIRepository', name: 'lightrun' },
    values: { general: { name: 'acme' } },
  },
});
const ociRepository = (url: string) => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'OCIRepository',
  metadata: { name: 'lightrun' },
  spec: { interval: '10m', url, ref: { tag: '3.50.0' }, layerSelector: undefined },
});
const application = (sources: unknown) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'lightrun' },
  spec: {
    project: 'default',
    destination: { server: 'https://kubernetes.default.svc', namespace: 'lightrun' },
    sources,
  },
});
const externalSecret = (refreshInterval: unknown) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'lightrun-values' },
  spec: {
    refreshInterval,
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
    target: { name: 'lightrun-values' },
    data: [{ secretKey: 'license', remoteRef: { key: 'lightrun/license' } }],
  },
});

describe('GitOps CRDs on the local cluster', () => {
  it('a well-formed object of each kind passes a server-side dry run', () => {
    const r = dryRunCreate(suite.kubeconfig(), NS, [
      ociRepository('oci://registry-1.docker.io/lightruncom/lightrun-helm-chart'),
      helmRelease('10m'),
      application([
        {
          repoURL: 'registry-1.docker.io/lightruncom',
          chart: 'lightrun-helm-chart',
          targetRevision: '3.50.0',
        },
      ]),
      externalSecret('1h'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'ocirepository.source.toolkit.fluxcd.io/lightrun',
      'helmrelease.helm.toolkit.fluxcd.io/lightrun',
      'application.argoproj.io/lightrun',
      'externalsecret.external-secrets.io/lightrun-values',
    ]);
  });

  it.each([
    [
      'an OCIRepository url that is not oci://',
      [ociRepository('https://example.com/chart')],
      'spec.url',
    ],
    ['a HelmRelease interval that is no duration', [helmRelease('often')], 'spec.interval'],
    ['an Application source without repoURL', [application([{ chart: 'x' }])], 'repoURL'],
    ['an ExternalSecret refresh that is no duration', [externalSecret(12)], 'refreshInterval'],
  ])('%s is refused, naming the field', (_what, objects, field) => {
    const r = dryRunCreate(suite.kubeconfig(), NS, objects);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(field);
  });
});
