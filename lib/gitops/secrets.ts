/**
 * Where the export puts the secrets, so that none reaches a git-bound file (docs/gitops.md): the
 * values' secret text is split off (lib/values/secret-paths.ts) into one Secret the HelmRelease
 * reads through `valuesFrom`, or the admin's own Secrets (Secrets kept outside the chart) are
 * described key by key. Each goes out as a Secret manifest (kept out of git), External Secrets
 * `ExternalSecret` objects, or a SOPS-ready Secret manifest. PURE.
 */
import type { Answers } from '../answers/schema';
import { isSecretPath } from '../values/secret-paths';
import { toYaml } from '../values/to-yaml';
import { clone, deletePath, getPath, leafPaths, setPath, type Tree } from '../values/tree';
import { contractSecrets, type ContractSecret } from './contract-keys';
import type { ExportFile, ExportOptions, ExternalStore } from './types';
import { literal, manifest, manifests } from './yaml-out';

/** The key of the values Secret that holds the secret values as one YAML document. */
export const VALUES_KEY = 'values.yaml';
export const valuesSecretName = (a: Answers) => `${a.release.name}-gitops-values`;
export const SECRET_VALUES_FILE = 'secret-values.yaml';
export const SECRETS_FILE = 'secrets.yaml';
export const EXTERNAL_SECRETS_FILE = 'external-secrets.yaml';

/**
 * Splits the values: every secret path that holds text leaves the git-bound values for the
 * secret ones. (A boolean such as 3.50's `rotateKey: false`, or an empty text, is no secret and
 * stays.)
 */
export function splitSecretValues(values: Tree): { git: Tree; secret: Tree } {
  const git = clone(values);
  const secret: Tree = {};
  for (const p of secretTextPaths(values)) {
    setPath(secret, p, getPath(values, p));
    deletePath(git, p);
  }
  return { git, secret };
}

/** The secret paths of the values that hold a non-empty text. */
export function secretTextPaths(values: Tree): string[][] {
  return leafPaths(values).filter((p) => {
    const v = getPath(values, p);
    return isSecretPath(p) && typeof v === 'string' && v !== '';
  });
}

const meta = (name: string, a: Answers) => ({ name, namespace: a.release.namespace });

function valuesSecretManifest(a: Answers, secret: Tree): string {
  return manifest(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(valuesSecretName(a), a),
      type: 'Opaque',
      stringData: { [VALUES_KEY]: literal(toYaml(secret)) },
    },
    { comment: ' The secret chart values; the HelmRelease reads them (valuesFrom). Not for git.' },
  );
}

const storeRef = (s: ExternalStore) => ({ name: s.name, kind: s.kind });
const ESO_API = 'external-secrets.io/v1';

/** The ExternalSecret that builds the values Secret: each secret value from one store key. */
function valuesExternalSecret(a: Answers, secret: Tree, store: ExternalStore): string {
  const paths = secretTextPaths(secret);
  const tpl = clone(secret);
  paths.forEach((p, i) => setPath(tpl, p, `__eso_${i}__`));
  const text = toYaml(tpl).replace(/(["'])__eso_(\d+)__\1/g, (_m, _q, i: string) => {
    const key = paths[Number(i)]!.join('.');
    return `{{ index . ${JSON.stringify(key)} | toJson }}`;
  });
  return manifest(
    {
      apiVersion: ESO_API,
      kind: 'ExternalSecret',
      metadata: meta(valuesSecretName(a), a),
      spec: {
        refreshInterval: '1h',
        secretStoreRef: storeRef(store),
        target: {
          name: valuesSecretName(a),
          creationPolicy: 'Owner',
          template: { engineVersion: 'v2', data: { [VALUES_KEY]: literal(text) } },
        },
        data: paths.map((p) => ({
          secretKey: p.join('.'),
          remoteRef: { key: `${store.keyPrefix}${p.join('.')}` },
        })),
      },
    },
    {
      comment: ' The secret chart values, from your store: each `toJson` keeps a value text.',
    },
  );
}

function contractSecretManifest(a: Answers, s: ContractSecret): string {
  const data: Tree = {};
  for (const k of s.keys) data[k.key] = 'fixed' in k ? k.fixed : '';
  return manifest(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(s.name, a),
      type: 'Opaque',
      stringData: data,
    },
    { comment: ` ${s.role}: fill in every empty value before applying it.` },
  );
}

function contractExternalSecret(a: Answers, s: ContractSecret, store: ExternalStore): string {
  const fixed: Tree = {};
  for (const k of s.keys) if ('fixed' in k) fixed[k.key] = k.fixed;
  return manifest(
    {
      apiVersion: ESO_API,
      kind: 'ExternalSecret',
      metadata: meta(s.name, a),
      spec: {
        refreshInterval: '1h',
        secretStoreRef: storeRef(store),
        target: {
          name: s.name,
          creationPolicy: 'Owner',
          ...(Object.keys(fixed).length
            ? { template: { engineVersion: 'v2', mergePolicy: 'Merge', data: fixed } }
            : {}),
        },
        data: s.keys.flatMap((k) =>
          'store' in k
            ? [{ secretKey: k.key, remoteRef: { key: `${store.keyPrefix}${k.store}` } }]
            : [],
        ),
      },
    },
    { comment: ` ${s.role}` },
  );
}

const SOPS_CONFIG = `# sops encrypts only the Secrets' values (docs/gitops.md). Add your key: age, pgp or a KMS.
creation_rules:
  - path_regex: (secret-values|secrets)\\.yaml$
    encrypted_regex: ^(data|stringData)$
`;

/** The files that carry the secrets, and the .gitignore of the plain ones. */
export function secretFiles(a: Answers, secret: Tree, opts: ExportOptions): ExportFile[] {
  const owned = contractSecrets(a);
  const hasValues = secretTextPaths(secret).length > 0;
  if (opts.secrets === 'external-secrets') {
    const store = opts.externalStore!;
    const docs = [
      ...(hasValues ? [valuesExternalSecret(a, secret, store)] : []),
      ...owned.map((s) => contractExternalSecret(a, s, store)),
    ];
    return docs.length
      ? [{ path: EXTERNAL_SECRETS_FILE, content: manifests(docs), secret: false }]
      : [];
  }
  const files: ExportFile[] = [];
  if (hasValues)
    files.push({
      path: SECRET_VALUES_FILE,
      content: valuesSecretManifest(a, secret),
      secret: true,
    });
  if (owned.length)
    files.push({
      path: SECRETS_FILE,
      content: manifests(owned.map((s) => contractSecretManifest(a, s))),
      secret: true,
    });
  if (opts.secrets === 'sops')
    files.push({ path: '.sops.yaml', content: SOPS_CONFIG, secret: false });
  else if (files.length)
    files.push({
      path: '.gitignore',
      content: `# Secret values: never commit them (docs/gitops.md)\n${files.map((f) => `/${f.path}`).join('\n')}\n`,
      secret: false,
    });
  return files;
}
