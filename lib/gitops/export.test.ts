import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { VENDOR_CHART } from '../images/mirror';
import { renderValues } from '../values/render';
import { answers350, examples } from '../values/__fixtures__/examples-350';
import { deepMerge, type Tree } from '../values/tree';
import { exportGitops, type ExportFile, type ExportOptions } from '.';
import { valuesRef } from './argocd';

// The objects the export writes (docs/gitops.md), parsed back with `yaml` and checked field by
// field, for both chart profiles.
const byName = (n: string) => examples().find((e) => e.name === n)!;
// A parsed manifest, read field by field: any field may be read, and a missing one fails the test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML has no static type
type Loose = any;
type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string };
  spec: Record<string, Loose>;
} & Record<string, Loose>;

const file = (files: ExportFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f;
};
const docs = (f: ExportFile) => parseAllDocuments(f.content).map((d) => d.toJS() as Obj);
const ok = (a: Parameters<typeof exportGitops>[0], o: ExportOptions) => {
  const r = exportGitops(a, o);
  expect(r.refusals).toEqual([]);
  return r.files;
};
const STORE = { name: 'vault', kind: 'ClusterSecretStore' as const, keyPrefix: 'lightrun/' };

const profiles = [
  { chart: '3.9.4', plan: (n: string) => structuredClone(byName(n).answers) },
  { chart: '3.50.0', plan: (n: string) => answers350(byName(n)) },
];

// Each test exports inside its own body (never while the suite is collected): code run at
// collection time runs unmutated under Stryker (scripts/mutate), and its mutants would survive.
describe.each(profiles)('Flux export, chart $chart', ({ chart, plan }) => {
  const exported = () => {
    const a = plan('quick-default');
    const files = ok(a, { for: 'flux', secrets: 'secret-manifest' });
    const [repo, release] = docs(file(files, 'flux.yaml'));
    return { a, files, repo, release };
  };

  it('an OCIRepository of the vendor chart at the plan’s version, its Helm layer copied', () => {
    const { a, repo } = exported();
    expect(repo).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'lightrun-chart', namespace: a.release.namespace },
      spec: {
        interval: '1h',
        url: VENDOR_CHART.ref,
        ref: { tag: chart },
        layerSelector: {
          mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
          operation: 'copy',
        },
      },
    });
  });

  it('a HelmRelease through chartRef, no uninstall or rollback on failure, drift detection on', () => {
    const { a, release } = exported();
    const { values, ...spec } = release!.spec;
    expect(values).toBeTypeOf('object');
    expect({ ...release, spec }).toEqual({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: a.release.name, namespace: a.release.namespace },
      spec: {
        interval: '10m',
        timeout: '15m',
        releaseName: a.release.name,
        chartRef: { kind: 'OCIRepository', name: 'lightrun-chart' },
        install: { remediation: { retries: 0, remediateLastFailure: false } },
        upgrade: { remediation: { retries: 0, remediateLastFailure: false, strategy: 'rollback' } },
        driftDetection: { mode: 'enabled' },
        valuesFrom: [{ kind: 'Secret', name: 'lightrun-gitops-values', valuesKey: 'values.yaml' }],
      },
    });
  });

  it('flux.yaml says what each object is, for the admin reading it', () => {
    const text = file(exported().files, 'flux.yaml').content;
    expect(text).toMatch(/^# Lightrun's chart, from its OCI registry \(docs\/gitops\.md\)\.$/m);
    expect(text).toContain(
      '# The release. remediation: a failed install or upgrade stays as it failed (no uninstall,\n# no rollback): inspect it, fix the values, commit.',
    );
  });

  it('Secrets outside the chart: no values Secret, so no valuesFrom', () => {
    const a = plan('quick-default');
    a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    a.certificate = { source: 'existing', secretName: 'lightrun-tls' };
    const files = ok(a, { for: 'flux', secrets: 'secret-manifest' });
    const [, release] = docs(file(files, 'flux.yaml'));
    expect(release!.spec).not.toHaveProperty('valuesFrom');
    expect(files.map((f) => f.path)).not.toContain('secret-values.yaml');
  });

  it('SOPS: the file to encrypt is, byte for byte, the Secret manifest the Flux run applies', () => {
    // sops encrypts only data/stringData and kustomize-controller decrypts it back to this text:
    // test/gitops/flux.cluster.test.ts reconciles the same file unencrypted.
    const a = plan('quick-default');
    const sops = ok(a, { for: 'flux', secrets: 'sops' });
    const plain = ok(a, { for: 'flux', secrets: 'secret-manifest' });
    expect(file(sops, 'secret-values.yaml')).toEqual(file(plain, 'secret-values.yaml'));
    expect(file(sops, 'flux.yaml')).toEqual(file(plain, 'flux.yaml'));
    expect(sops.filter((f) => f.secret).map((f) => f.path)).toEqual(['secret-values.yaml']);
  });

  it('SOPS: the kustomization applies the encrypted Secret file too, never .sops.yaml', () => {
    const files = ok(plan('quick-default'), { for: 'flux', secrets: 'sops' });
    expect(file(files, 'kustomization.yaml').content).toBe(
      [
        '# What Flux applies from this directory (docs/gitops.md).',
        '',
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        '  - flux.yaml',
        '  - secret-values.yaml',
        '',
      ].join('\n'),
    );
  });

  it('the inline values and the Secret’s values.yaml together are the wizard’s values', () => {
    const { a, files, release } = exported();
    const secret = docs(file(files, 'secret-values.yaml'))[0]!;
    expect(secret).toMatchObject({ kind: 'Secret', metadata: { name: 'lightrun-gitops-values' } });
    const secretValues = parse(secret.stringData['values.yaml'] as string) as Tree;
    expect(Object.keys(secretValues).sort()).toEqual(['certificate', 'secrets']);
    expect(deepMerge(secretValues, release!.spec.values)).toEqual(renderValues(a).values);
    expect(JSON.stringify(release!.spec.values)).not.toContain(a.database.password);
  });

  it('the secret file is marked secret and git-ignored; a kustomization lists the rest', () => {
    const { files } = exported();
    expect(files.filter((f) => f.secret).map((f) => f.path)).toEqual(['secret-values.yaml']);
    expect(file(files, '.gitignore').content).toMatch(/^\/secret-values\.yaml$/m);
    expect(parse(file(files, 'kustomization.yaml').content)).toMatchObject({
      kind: 'Kustomization',
      resources: ['flux.yaml'],
    });
  });

  it('the README says how to commit, how Flux takes it and which file stays out of git', () => {
    const { files } = exported();
    const readme = file(files, 'README.md').content;
    expect(readme).toContain('git commit');
    expect(readme).toContain('flux create kustomization');
    expect(readme).toMatch(/secret-values\.yaml.*out of git/);
    expect(readme.split('\n').length).toBeLessThanOrEqual(16);
  });
});

describe.each(profiles)('Argo CD export, chart $chart', ({ chart, plan }) => {
  const a = plan('secrets-outside');

  it('inline: one source, the vendor chart at the version, valuesObject the wizard’s values', () => {
    const files = ok(a, { for: 'argocd', values: 'inline', secrets: 'secret-manifest' });
    const [app] = docs(file(files, 'application.yaml'));
    expect(app).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      spec: {
        source: {
          repoURL: 'registry-1.docker.io/lightruncom',
          chart: 'lightrun-helm-chart',
          targetRevision: chart,
          helm: { releaseName: a.release.name },
        },
        destination: { namespace: a.release.namespace },
        syncPolicy: { syncOptions: ['ServerSideApply=true', 'CreateNamespace=true'] },
      },
    });
    expect(app!.spec.source.helm.valuesObject).toEqual(renderValues(a).values);
    expect(file(files, 'application.yaml').content).toMatch(/Helm hooks .* sync hooks/);
  });

  it('repo: two sources, the chart reads $values/<path>/values.yaml, which holds the values', () => {
    const files = ok(a, {
      for: 'argocd',
      values: 'repo',
      repoUrl: 'https://git.example.com/ops.git',
      path: 'clusters/a/lightrun/',
      secrets: 'sops',
    });
    const [app] = docs(file(files, 'application.yaml'));
    expect(app!.spec.source).toBeUndefined();
    expect(app!.spec.sources).toEqual([
      {
        repoURL: 'registry-1.docker.io/lightruncom',
        chart: 'lightrun-helm-chart',
        targetRevision: chart,
        helm: {
          releaseName: a.release.name,
          valueFiles: ['$values/clusters/a/lightrun/values.yaml'],
        },
      },
      { repoURL: 'https://git.example.com/ops.git', targetRevision: 'HEAD', ref: 'values' },
    ]);
    expect(parse(file(files, 'values.yaml').content)).toEqual(renderValues(a).values);
  });

  it('Secrets outside the chart, External Secrets: each contract key from the store', () => {
    const files = ok(a, { for: 'argocd', secrets: 'external-secrets', externalStore: STORE });
    const es = docs(file(files, 'external-secrets.yaml'));
    expect(files.some((f) => f.secret)).toBe(false);
    const backend = es.find((o) => o.metadata.name === 'lightrun-backend-secrets')!;
    expect(backend).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      spec: {
        secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
        target: { name: 'lightrun-backend-secrets' },
      },
    });
    const keys = (backend.spec.data as { secretKey: string; remoteRef: { key: string } }[]).map(
      (d) => [d.secretKey, d.remoteRef.key],
    );
    expect(keys).toContainEqual(['SPRING_DATASOURCE_PASSWORD', 'lightrun/db-password']);
    expect(keys).toContainEqual(['LICENSE_CONTENT', 'lightrun/license-content']);
    if (chart === '3.50.0')
      expect(keys).toContainEqual(['encryption-key-0', 'lightrun/encryption-key']);
    else expect(keys.map((k) => k[0])).not.toContain('encryption-key-0');
    const keycloak = es.find((o) => o.metadata.name === 'lightrun-keycloak-secrets')!;
    expect(keycloak.spec.target.template.data).toEqual({ KEYCLOAK_USER: 'admin' });
    expect(es.some((o) => o.metadata.name === 'lightrun-aes-key')).toBe(chart === '3.9.4');
  });

  it('Secrets outside the chart, SOPS: the Secrets to fill in, and .sops.yaml for data/stringData', () => {
    const files = ok(a, { for: 'argocd', secrets: 'sops' });
    const secrets = docs(file(files, 'secrets.yaml'));
    expect(file(files, 'secrets.yaml').secret).toBe(true);
    expect(secrets.map((s) => s.metadata.name)).toContain('lightrun-keycloak-secrets');
    expect(secrets.every((s) => s.kind === 'Secret')).toBe(true);
    expect(parse(file(files, '.sops.yaml').content)).toEqual({
      creation_rules: [
        { path_regex: '(secret-values|secrets)\\.yaml$', encrypted_regex: '^(data|stringData)$' },
      ],
    });
    expect(files.map((f) => f.path)).not.toContain('.gitignore');
  });
});

describe('Flux with External Secrets, chart Secrets', () => {
  const exported = () => {
    const a = structuredClone(byName('quick-default').answers);
    const files = ok(a, { for: 'flux', secrets: 'external-secrets', externalStore: STORE });
    const [es] = docs(file(files, 'external-secrets.yaml'));
    return { a, files, es };
  };

  it('the ExternalSecret builds the values Secret, every secret value from one store key', () => {
    const { es } = exported();
    expect(es).toMatchObject({
      kind: 'ExternalSecret',
      metadata: { name: 'lightrun-gitops-values' },
      spec: { target: { name: 'lightrun-gitops-values', template: { engineVersion: 'v2' } } },
    });
    const data = es!.spec.data as { secretKey: string; remoteRef: { key: string } }[];
    expect(data).toContainEqual({
      secretKey: 'secrets.db.password',
      remoteRef: { key: 'lightrun/secrets.db.password' },
    });
    const tpl = es!.spec.target.template.data['values.yaml'] as string;
    expect(tpl).toContain('password: {{ index . "secrets.db.password" | toJson }}');
    expect(data.length).toBe(tpl.match(/\{\{ index \. /g)!.length);
  });

  it('filled in as ESO would (toJson of each value), the template gives the secret values back', () => {
    const { a, files, es } = exported();
    const data = es!.spec.data as { secretKey: string }[];
    const merged = renderValues(a).values;
    const lookup = (k: string) => k.split('.').reduce<unknown>((t, p) => (t as Tree)[p], merged);
    const tpl = es!.spec.target.template.data['values.yaml'] as string;
    const filled = tpl.replace(/\{\{ index \. "([^"]+)" \| toJson \}\}/g, (_m, k: string) =>
      JSON.stringify(lookup(k)),
    );
    const values = parse(filled) as Tree;
    expect(deepMerge(values, docs(file(files, 'flux.yaml'))[1]!.spec.values)).toEqual(merged);
    expect(data.length).toBeGreaterThanOrEqual(8);
  });
});

describe('valuesRef', () => {
  it.each([
    [undefined, '$values/values.yaml'],
    ['.', '$values/values.yaml'],
    ['./', '$values/values.yaml'],
    ['a/b', '$values/a/b/values.yaml'],
    ['/a/b/', '$values/a/b/values.yaml'],
  ])('%s → %s', (p, want) => expect(valuesRef(p)).toBe(want));
});
