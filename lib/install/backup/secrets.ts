import 'server-only';
// The release's Secrets as one YAML file, for the plan page's download (docs/upgrade.md, "The
// plan page"): the Secrets its steps name, read through the API, their data as the cluster has
// it. Nothing is written to disk and nothing of a Secret is logged; an error names the Secret and
// the HTTP status only.
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../../cluster/client';
import { kubeConfigFor } from '../../cluster/kubeconfig';
import {
  releaseSecretNames,
  secretsFileName,
  secretsFileText,
  type LiveSecret,
  type ReleaseSecret,
} from '../../upgrade/release-secrets';
import { BackupError } from './pod-exec';

/** Reads one Secret; null when the namespace has none of that name. */
export type ReadSecret = (name: string) => Promise<LiveSecret | null>;

export interface SecretsFile {
  file: string;
  yaml: string;
  /** The Secrets in the file, and those the plan names that the namespace does not have. */
  secrets: ReleaseSecret[];
  missing: string[];
}

/** The file of the Secrets the plan names, read with `read`. */
export async function secretsFile(
  read: ReadSecret,
  values: unknown,
  t: { release: string; namespace: string },
  now: () => Date = () => new Date(),
): Promise<SecretsFile> {
  const wanted = releaseSecretNames(values, t.release);
  const seen = new Set<string>();
  const found: LiveSecret[] = [];
  const secrets: ReleaseSecret[] = [];
  const missing: string[] = [];
  for (const w of wanted) {
    if (seen.has(w.name)) continue; // one Secret may serve two roles: kept once
    seen.add(w.name);
    const s = await read(w.name);
    if (s) {
      found.push(s);
      secrets.push(w);
    } else missing.push(w.name);
  }
  const yaml = secretsFileText({
    ...t,
    takenAt: now().toISOString(),
    found,
    missing,
  });
  return { file: secretsFileName(t.release, t.namespace), yaml, secrets, missing };
}

/** HTTP status of a client-node ApiException, else undefined. */
const statusOf = (e: unknown) => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'number' ? c : undefined;
};

/**
 * Reads Secrets of `namespace` through the kubeconfig's context: 404 is "none"; any other failure
 * a BackupError naming the Secret and the status (client-node's message carries the response).
 */
export function apiSecretReader(context: string | null, namespace: string): ReadSecret {
  const core = apiClient(kubeConfigFor(context ?? undefined), k8s.CoreV1Api);
  return async (name) => {
    try {
      return (await core.readNamespacedSecret({ name, namespace })) as LiveSecret;
    } catch (e) {
      const status = statusOf(e);
      if (status === 404) return null;
      throw new BackupError(
        `Reading Secret ${name} in ${namespace} failed${status ? ` (HTTP ${status})` : ''}: the wizard's kubeconfig must be allowed to get Secrets there.`,
      );
    }
  };
}
