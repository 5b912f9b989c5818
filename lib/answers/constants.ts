/** Figures the schema, the defaults and the wizard share; no zod here, so the browser can load them at first paint. */

/** The Lightrun charts the wizard writes values for (docs/chart-3.50.md). */
export const CHART_VERSIONS = ['3.9.4', '3.50.0'] as const;
export type ChartVersion = (typeof CHART_VERSIONS)[number];

/**
 * The project's own chart of each profile, as a directory of the repository (docs/chart-3.50.md):
 * what the server installs as "bundled" and what the printed commands name as `./<dir>`.
 */
export const PROJECT_CHART_DIR: Readonly<Record<ChartVersion, string>> = {
  '3.9.4': 'chart',
  '3.50.0': 'chart-3.50',
};

/** The Lightrun version the vendor pairs with chart 3.9.4 (docs/chart-3.9.4.md G3). */
export const LIGHTRUN_VERSION = '1.50.1-release.ef66f0e08e';

/** The Lightrun version chart 3.50.0 is paired with (docs/chart-3.50.md G3). */
export const LIGHTRUN_350 = '1.91.0-release.943266f167';

export const SIZING_PROFILES = {
  minimum: {
    backend: { cpu: '3000m', memory: '7Gi' },
    frontend: { cpu: '100m', memory: '128Mi' },
    keycloak: { cpu: '1000m', memory: '2Gi' },
  },
  medium: {
    backend: { cpu: '4000m', memory: '12Gi' },
    frontend: { cpu: '250m', memory: '256Mi' },
    keycloak: { cpu: '2000m', memory: '3Gi' },
  },
  large: {
    backend: { cpu: '8000m', memory: '16Gi' },
    frontend: { cpu: '500m', memory: '512Mi' },
    keycloak: { cpu: '2000m', memory: '4Gi' },
  },
} as const;
export type SizingProfile = keyof typeof SIZING_PROFILES;

/**
 * A chart 3.50 plan's workloads before anything is chosen: what the chart does by default
 * (docs/chart-3.50.md §8.9; the parsing of its lines is lib/answers/node-selection.ts).
 */
export const WORKLOADS_DEFAULT = {
  crons: true,
  heapDumps: { mode: 'off' },
  nodeSelector: [],
  tolerations: [],
};
