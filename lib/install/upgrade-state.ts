import 'server-only';
/**
 * The guided upgrade's state of one release, kept in the cluster so that a restarted wizard (or
 * the CLI, another process) reads it back: Secret `<release>-wizard-upgrade` in the release's
 * namespace, key `state.json` (lib/upgrade/run.ts `UpgradeState`): the backups the wizard took
 * (their digest and size, never their content) and, once the job passed its gate, what must
 * survive (claim UIDs, the sha256 of each key of the release's Secrets) and what it decided. A
 * Secret, not a ConfigMap: the digests of short passwords must not be readable more widely than
 * the passwords. Helm does not own it, so no upgrade or rollback touches it.
 */
import { createHash } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import { kubeConfigFor } from '../cluster/kubeconfig';
import { findHelm } from '../helm/find-helm';
import { makeRedactor } from '../helm/redact';
import { getMetadataArgs } from '../helm/args';
import type { BackupManifest } from '../upgrade/backup/manifest';
import {
  parseUpgradeState,
  withBackup,
  type SecretDigests,
  type UpgradeState,
} from '../upgrade/run';
import { helmCli } from './helm-cli';

const KEY = 'state.json';
export const upgradeStateName = (release: string) => `${release}-wizard-upgrade`;
const statusOf = (e: unknown) => (e as { code?: number } | null)?.code;

/** The release's upgrade state; an empty one when none was recorded. */
export async function readUpgradeState(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
): Promise<UpgradeState> {
  const core = apiClient(kc, k8s.CoreV1Api);
  try {
    const s = await core.readNamespacedSecret({ name: upgradeStateName(release), namespace });
    const raw = s.data?.[KEY];
    return parseUpgradeState(raw ? Buffer.from(raw, 'base64').toString('utf8') : undefined);
  } catch (e) {
    if (statusOf(e) === 404) return { backups: [] };
    throw e;
  }
}

/** Writes the release's upgrade state (creates the Secret, or replaces its data). */
export async function writeUpgradeState(
  kc: k8s.KubeConfig,
  namespace: string,
  release: string,
  state: UpgradeState,
): Promise<void> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const body: k8s.V1Secret = {
    metadata: {
      name: upgradeStateName(release),
      namespace,
      labels: {
        'app.kubernetes.io/managed-by': 'lightrun-install-wizard',
        'lightrun.com/upgrade-state-of': release,
      },
    },
    type: 'Opaque',
    stringData: { [KEY]: JSON.stringify(state) },
  };
  try {
    await core.createNamespacedSecret({ namespace, body });
  } catch (e) {
    if (statusOf(e) !== 409) throw e;
    await core.replaceNamespacedSecret({ name: body.metadata!.name!, namespace, body });
  }
}

/** The sha256 of each key of each named Secret that exists (never a value). */
export async function secretDigests(
  kc: k8s.KubeConfig,
  namespace: string,
  names: readonly string[],
): Promise<SecretDigests> {
  const core = apiClient(kc, k8s.CoreV1Api);
  const out: SecretDigests = {};
  for (const name of names) {
    try {
      const s = await core.readNamespacedSecret({ name, namespace });
      out[name] = Object.fromEntries(
        Object.entries(s.data ?? {}).map(([k, v]) => [
          k,
          createHash('sha256').update(v).digest('hex'),
        ]),
      );
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
  }
  return out;
}

/**
 * Records a database backup the wizard took (the page's download once complete, `cli backup`)
 * against the release's current revision: the upgrade job's gate reads it. Returns the revision.
 */
export async function recordBackup(
  t: { context: string | null; namespace: string; release: string },
  m: BackupManifest,
  by: 'page' | 'cli',
): Promise<number> {
  const helm = helmCli(await findHelm(), makeRedactor([]));
  const r = await helm.run(getMetadataArgs(t, t.release));
  const revision =
    r.code === 0 ? Number((JSON.parse(r.stdout) as { revision?: unknown }).revision) : NaN;
  if (!Number.isInteger(revision) || revision < 1)
    throw new Error(
      `The revision of release ${t.release} could not be read: the backup is not recorded.`,
    );
  const kc = kubeConfigFor(t.context ?? undefined);
  const state = await readUpgradeState(kc, t.namespace, t.release);
  const record = {
    revision,
    sha256: m.sha256,
    bytes: m.bytes,
    tables: m.tables,
    database: m.database,
    takenAt: m.takenAt,
    by,
  };
  await writeUpgradeState(kc, t.namespace, t.release, withBackup(state, record));
  return revision;
}
