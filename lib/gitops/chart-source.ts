/**
 * Lightrun's published chart at the plan's version (docs/gitops.md): the one reference the project
 * uses (lib/images/mirror.ts, VENDOR_CHART), the version from the `chart` answer. PURE.
 */
import type { Answers } from '../answers/schema';
import { VENDOR_CHART } from '../images/mirror';

export type ChartSource = {
  /** oci://registry-1.docker.io/lightruncom/lightrun-helm-chart */
  url: string;
  /** registry-1.docker.io/lightruncom: the repository as Argo CD's Helm OCI source names it */
  registry: string;
  /** lightrun-helm-chart */
  chart: string;
  version: string;
};

export function chartSource(a: Answers): ChartSource {
  const url = VENDOR_CHART.ref;
  const bare = url.replace(/^oci:\/\//, '');
  const cut = bare.lastIndexOf('/');
  return { url, registry: bare.slice(0, cut), chart: bare.slice(cut + 1), version: a.chart };
}
