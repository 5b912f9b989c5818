import 'server-only';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import { httpStatus, k8sErrorText } from './k8s';
import type { SecretFacts } from './secret-keys-decide';
import type { TlsSecretFacts } from './tls-secrets-decide';

/**
 * Reads one Secret's key names, and which of them are empty. The values themselves go no further
 * than this function: not into the result, a message or a log (docs/security.md).
 */
export async function gatherSecretKeys(
  kc: KubeConfig,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<SecretFacts> {
  try {
    const s = await apiClient(kc, CoreV1Api, { signal }).readNamespacedSecret({ name, namespace });
    const data = { ...(s.data ?? {}), ...(s.stringData ?? {}) };
    return {
      name,
      found: true,
      keys: Object.keys(data),
      emptyKeys: Object.entries(data)
        .filter(([, v]) => !v)
        .map(([k]) => k),
    };
  } catch (e) {
    if (httpStatus(e) === 404) return { name, found: false };
    return { name, found: 'unknown', error: k8sErrorText(e) };
  }
}

/** Reads one Secret's type only (internal TLS Secrets: tls-secrets-decide.ts); never its data. */
export async function gatherSecretType(
  kc: KubeConfig,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<TlsSecretFacts> {
  try {
    const s = await apiClient(kc, CoreV1Api, { signal }).readNamespacedSecret({ name, namespace });
    return { name, found: true, type: s.type ?? '' };
  } catch (e) {
    if (httpStatus(e) === 404) return { name, found: false };
    return { name, found: 'unknown', error: k8sErrorText(e) };
  }
}
