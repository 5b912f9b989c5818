/**
 * The Secrets a 3.9.4 release's plan says to keep before the upgrade (docs/upgrade.md, "The
 * plan page": steps `save-release` and `backup-aes-key`), and the file they are kept in (PURE).
 * The names are those the release's workloads read (docs/chart-3.9.4.md §5, §13): the existing
 * names the values give, else the chart's `<release>-…` ones.
 */
import { stringify } from 'yaml';
import { truthy } from '../values/check-rules';
import { getPath, isMap } from '../values/tree';

export type SecretRole = 'backend' | 'keycloak' | 'certificate' | 'aes';

export interface ReleaseSecret {
  role: SecretRole;
  name: string;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The Secrets to keep, in the plan's order: backend, keycloak and the server certificate always;
 * the AES key's when API-key encryption is on (the upgrade deletes it). With `deploy_secrets` a
 * map, its `existing_secrets` names win; a bare boolean has none.
 */
export function releaseSecretNames(values: unknown, release: string): ReleaseSecret[] {
  const existing = getPath(values, ['general', 'deploy_secrets', 'existing_secrets']);
  const given = (key: string) => (isMap(existing) ? text(existing[key]) : '');
  const name = (key: string, suffix: string) => given(key) || `${release}-${suffix}`;
  const cert = text(getPath(values, ['certificate', 'existing_cert']));
  const aesOn = truthy(getPath(values, ['general', 'api_keys_encryption', 'enabled']));
  return [
    { role: 'backend', name: name('backend', 'backend') },
    { role: 'keycloak', name: name('keycloak', 'keycloak') },
    { role: 'certificate', name: cert || `${release}-certificate` },
    ...(aesOn ? [{ role: 'aes' as const, name: name('api_keys_encryption', 'aes') }] : []),
  ];
}

/** A Secret as the API server returns it (the fields read here). */
export interface LiveSecret {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  type?: string;
  immutable?: boolean;
  data?: Record<string, string>;
}

/**
 * The Secret as it can be applied again: name, namespace, labels, annotations, type and its data
 * exactly as the cluster has it (base64); nothing the API server set (uid, resourceVersion,
 * managedFields, creationTimestamp, ownerReferences…) and not kubectl's last-applied copy.
 */
export function keptSecret(s: LiveSecret): Record<string, unknown> {
  const m = s.metadata ?? {};
  const annotations = { ...(m.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      ...(m.labels && Object.keys(m.labels).length ? { labels: m.labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    ...(s.type ? { type: s.type } : {}),
    ...(s.immutable !== undefined ? { immutable: s.immutable } : {}),
    data: s.data ?? {},
  };
}

export interface SecretsFileInput {
  release: string;
  namespace: string;
  takenAt: string;
  found: LiveSecret[];
  /** Names the plan asks for that the namespace does not have. */
  missing: string[];
}

/** The file the admin keeps: one YAML document per Secret, a header saying what it is. */
export function secretsFileText(f: SecretsFileInput): string {
  const header = [
    `# The Secrets of release ${f.release} in ${f.namespace}, kept before the 3.50 upgrade`,
    `# (${f.takenAt}; docs/upgrade.md). They hold the release's passwords and keys: keep this file`,
    '# where only admins can read it. Put them back with `kubectl apply -f` this file.',
    ...(f.missing.length ? [`# Not in the namespace: ${f.missing.join(', ')}.`] : []),
  ];
  const docs = f.found.map((s) => stringify(keptSecret(s), { lineWidth: 0 }));
  return `${header.join('\n')}\n${docs.map((d) => `---\n${d}`).join('')}`;
}

/** The download's file name. */
export const secretsFileName = (release: string, namespace: string) =>
  `secrets-${release}-${namespace}.yaml`;
