/**
 * Which chart an install uses, as the install panel offers it (PURE: the browser and tests share
 * it). The default is Lightrun's published chart at its version; the chart in this repository is
 * the project's own test and demo chart and is labelled so wherever it appears.
 */
// constants, not sections: this module is on the first page, and sections brings zod (30 kB gzip)
import { CHART_VERSIONS, type ChartVersion } from '../answers/constants';
import { VENDOR_CHART } from '../images/vendor-chart';
import { DEFAULT_CHART, type ChartSource } from './chart-default';

export { DEFAULT_CHART, type ChartSource } from './chart-default';

/** The published chart's version a plan installs: its `chart` answer (absent: 3.9.4). */
const versionOf = (profile: ChartVersion | undefined): string => profile ?? VENDOR_CHART.version;

/** What the panel offers for a plan's profile: Lightrun's published chart at the plan's version. */
export function defaultChartFor(profile: ChartVersion | undefined) {
  return { ...DEFAULT_CHART, version: versionOf(profile) };
}

/**
 * The chart choice as it applies to a plan: Lightrun's published chart at one of the profiles'
 * versions follows the plan's profile (switching the plan to 3.50 on step 1 installs chart 3.50.0,
 * not the 3.9.4 the panel started with); any other reference or version stays the admin's.
 */
export function chartForPlan<T extends { source: ChartSource; ref: string; version: string }>(
  choice: T,
  profile: ChartVersion | undefined,
): T {
  const follows =
    choice.source === 'oci' &&
    choice.ref.trim() === VENDOR_CHART.ref &&
    (CHART_VERSIONS as readonly string[]).includes(choice.version.trim());
  return follows ? { ...choice, version: versionOf(profile) } : choice;
}

/** The bundled chart's name wherever it is shown: what it is, and that it is not Lightrun's. */
export const BUNDLED_CHART_LABEL = 'The wizard’s test and demo chart (not Lightrun’s)';

export const CHART_OPTIONS: Readonly<Record<ChartSource, string>> = {
  oci: 'Lightrun’s chart from an OCI registry',
  tgz: 'Lightrun’s chart as a .tgz on the wizard server',
  dir: 'Lightrun’s chart as a directory on the wizard server',
  bundled: BUNDLED_CHART_LABEL,
};

/** The hint under the chart picker, for the plan's profile (its version, its bundled chart). */
export function chartHint(source: ChartSource, profile: ChartVersion | undefined): string {
  const v = versionOf(profile);
  const bundled =
    profile === '3.50.0'
      ? 'this project’s chart-3.50/ folder (lightrun 0.2.0, the values layout of chart 3.50.0)'
      : 'this project’s chart/ folder (lightrun 0.1.0, the values layout of chart 3.9.4)';
  switch (source) {
    case 'oci':
      return `Lightrun’s published chart is ${VENDOR_CHART.ref} at ${v}; a mirror of it in your registry works the same.`;
    case 'tgz':
      return `The .tgz Lightrun sent you, or one made by helm pull ${VENDOR_CHART.ref} --version ${v}, on the wizard’s server.`;
    case 'dir':
      return `An unpacked chart ${v} directory (with Chart.yaml) that Lightrun sent you, on the wizard’s server.`;
    case 'bundled':
      return `The chart in ${bundled}, a re-implementation of Lightrun’s chart written for the wizard’s tests and demos. It is not Lightrun’s chart and Lightrun does not support a server installed with it.`;
  }
}

/** Hosts of clusters that run on the admin's own machine (kind, minikube, Docker Desktop, k3d…). */
const LOCAL_HOSTS =
  /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|host\.docker\.internal|kubernetes\.docker\.internal|[^.]+\.local|192\.168\.49\.\d+)$/i;
/** Context names the local cluster tools give. */
const LOCAL_CONTEXTS =
  /^(kind-|minikube|k3d-|docker-desktop|rancher-desktop|colima|orbstack|microk8s)/i;

/**
 * Whether the cluster looks like one that serves users: its API server is not on this machine (nor
 * a local cluster tool's) and its context is not one a local tool made. Only a hint for a warning.
 */
export function looksLikeProduction(c: { server: string | null; context: string | null }): boolean {
  if (c.context && LOCAL_CONTEXTS.test(c.context)) return false;
  if (!c.server) return false;
  let host: string;
  try {
    host = new URL(c.server).hostname;
  } catch {
    return false;
  }
  return !LOCAL_HOSTS.test(host);
}
