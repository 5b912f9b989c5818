import 'server-only';
import { apiClient } from '../cluster/client';
import { ApiregistrationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Answers } from '../answers';
import { fail, pass, type Verdict } from './result';
import { httpStatus } from './k8s';

export type MetricsApiFacts =
  { registered: false } | { registered: true; available: boolean; reason: string; message: string };

/** Which autoscalers the answers turn on. */
export function hpaComponents(a: Answers): string[] {
  return (['backend', 'frontend'] as const).filter((c) => a.sizing[c].hpa.enabled);
}

/** An HPA on CPU needs `metrics.k8s.io` served (the APIService Available), or it never scales. */
export function decideMetrics(components: string[], f: MetricsApiFacts): Verdict {
  const who = `the ${components.join(' and ')} autoscaler${components.length === 1 ? '' : 's'}`;
  if (!f.registered)
    return fail(
      `The metrics API (metrics.k8s.io) is not registered: ${who} cannot read CPU use.`,
      'Install metrics-server, or turn autoscaling off on the Sizing step.',
    );
  if (!f.available)
    return fail(
      `The metrics API is registered but not available (${f.reason || 'no reason given'}${f.message ? `: ${f.message}` : ''}).`,
      'Fix metrics-server (kubectl -n kube-system get pods), or turn autoscaling off on the Sizing step.',
    );
  return pass(`The metrics API is available for ${who}.`);
}

export async function gatherMetricsApi(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<MetricsApiFacts> {
  try {
    const s = await apiClient(kc, ApiregistrationV1Api, { signal }).readAPIService({
      name: 'v1beta1.metrics.k8s.io',
    });
    const c = s.status?.conditions?.find((x) => x.type === 'Available');
    return {
      registered: true,
      available: c?.status === 'True',
      reason: c?.reason ?? '',
      message: c?.message ?? '',
    };
  } catch (e) {
    if (httpStatus(e) === 404) return { registered: false };
    throw e;
  }
}
