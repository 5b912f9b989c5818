/** What `helm list --output json` says about the releases of a cluster (PURE). */

export interface ListedRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  /** As helm names it: `<chart name>-<chart version>`, e.g. `lightrun-0.1.0`. */
  chart: string;
  appVersion: string;
  updated: string;
  /** The chart is Lightrun's (the bundled `lightrun` or the vendor's `lightrun-helm-chart`). */
  lightrun: boolean;
}

/** The chart names of Lightrun Server: the bundled chart's and the vendor's OCI chart's. */
const LIGHTRUN_CHARTS = ['lightrun', 'lightrun-helm-chart'];

/** `lightrun-helm-chart-3.9.4` → `lightrun-helm-chart`: the name before the version. */
export function chartName(chart: string): string {
  // the first "-" followed by a version (chart names hold "-", versions may too: "1.0.0-rc-1")
  for (let i = chart.indexOf('-'); i > 0; i = chart.indexOf('-', i + 1)) {
    if (/^v?\d+\.\d+\.\d+/.test(chart.slice(i + 1))) return chart.slice(0, i);
  }
  return chart;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Parses helm list JSON (helm 3 and 4; an empty cluster prints `[]` or nothing); throws on
 * anything that is not a list. Entries without a name or namespace are dropped.
 */
export function parseReleaseList(json: string): ListedRelease[] {
  const v: unknown = json.trim() === '' ? [] : JSON.parse(json);
  if (!Array.isArray(v)) throw new Error('helm list did not return a list');
  return v
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .filter((e) => text(e.name) !== '' && text(e.namespace) !== '')
    .map((e) => {
      const chart = text(e.chart);
      return {
        name: text(e.name),
        namespace: text(e.namespace),
        revision: Number(e.revision) || 0,
        status: text(e.status),
        chart,
        appVersion: text(e.app_version),
        updated: text(e.updated),
        lightrun: LIGHTRUN_CHARTS.includes(chartName(chart)),
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
