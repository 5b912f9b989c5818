import 'server-only';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { apiClient } from '../cluster/client';
import type { ClaimFacts } from './dumps-claim-decide';
import { httpStatus, k8sErrorText } from './k8s';

/** Reads one PersistentVolumeClaim's access modes and phase. */
export async function gatherClaim(
  kc: KubeConfig,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<ClaimFacts> {
  try {
    const c = await apiClient(kc, CoreV1Api, { signal }).readNamespacedPersistentVolumeClaim({
      name,
      namespace,
    });
    return {
      name,
      found: true,
      accessModes: c.spec?.accessModes ?? [],
      phase: c.status?.phase ?? '',
    };
  } catch (e) {
    if (httpStatus(e) === 404) return { name, found: false };
    return { name, found: 'unknown', error: k8sErrorText(e) };
  }
}
