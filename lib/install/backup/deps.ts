import 'server-only';
// The real client-node calls of a backup, through the kubeconfig's context (the CLI and the
// routes share them).
import * as k8s from '@kubernetes/client-node';
import { apiClient } from '../../cluster/client';
import { kubeConfigFor } from '../../cluster/kubeconfig';
import type { PodExecDeps } from './pod-exec';

/** Listing with the usual request timeout; the exec as long as the dump runs. */
export function apiPodExecDeps(context: string | null): PodExecDeps {
  const kc = kubeConfigFor(context ?? undefined);
  const core = apiClient(kc, k8s.CoreV1Api);
  const exec = new k8s.Exec(kc);
  return {
    listPods: async (namespace, labelSelector) =>
      (await core.listNamespacedPod({ namespace, labelSelector })).items,
    exec: (...args) => exec.exec(...args),
  };
}
