/**
 * The install request as every entry (route, CLI) gives it, and its validation into a plan (PURE
 * apart from the injected path probe). Names that reach helm are checked here (lib/helm/names).
 */
import { z } from 'zod';
import type { Answers } from '../answers';
import type { ChartVersion } from '../answers/sections';
import { validateChartRef, validateChartVersion, type PathProbe } from '../helm/names';
import { VENDOR_CHART as VENDOR } from '../images/mirror';
import { RequestProblems, targetSchema, type Problem } from '../target';
import type { SecretsChoice } from './secrets-step';

export const DEFAULT_TIMEOUT_SECONDS = 600;
/**
 * Lightrun's published chart: what a request that names no chart installs (nothing in this
 * project's tests can reach it, so they name the bundled chart). One constant (lib/images/mirror)
 * holds its reference and version.
 */
export const VENDOR_CHART = VENDOR.ref;
export const VENDOR_CHART_VERSION = VENDOR.version;

const name = z.string().max(1024);

export const chartSourceSchema = z.strictObject({
  source: z.enum(['bundled', 'oci', 'dir', 'tgz']),
  ref: name.optional(),
  version: z.string().max(64).optional(),
});

export const installRequestSchema = targetSchema.extend({
  answers: z.unknown(),
  chart: chartSourceSchema.optional(),
  overrides: z.array(z.string().min(1).max(128)).max(100).optional(),
  timeoutSeconds: z.number().int().min(30).max(3600).optional(),
  /** Only with secrets kept outside the chart: who creates them. */
  secrets: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('manifest') }),
      z.strictObject({
        mode: z.literal('create'),
        values: z.record(
          z.string().max(253),
          z.record(z.string().max(253), z.string().max(1_000_000)),
        ),
      }),
    ])
    .optional(),
});
export type InstallRequest = z.infer<typeof installRequestSchema>;

export interface ResolvedChart {
  chart: string;
  chartVersion?: string;
}

/**
 * The version of Lightrun's published chart a plan installs when the request names none: the
 * plan's `chart` answer (its profile), 3.9.4 when absent.
 */
export function vendorChartVersion(profile: ChartVersion | undefined): string {
  return profile ?? VENDOR_CHART_VERSION;
}

/**
 * The chart reference helm gets (absolute path or oci://), validated; throws RequestProblems.
 * `bundledDir` is the project's test chart of the plan's profile (chart/ or chart-3.50/), and
 * `vendorVersion` the published chart's version a request naming no version gets.
 */
export function resolveChart(
  c: z.infer<typeof chartSourceSchema> | undefined,
  bundledDir: string,
  fs: PathProbe,
  vendorVersion: string = VENDOR_CHART_VERSION,
): ResolvedChart {
  // No chart named: Lightrun's published chart at its version, never the project's own copy.
  const source = c?.source ?? 'oci';
  const ref = validateChartRef(source, c ? (c.ref ?? '') : VENDOR_CHART, bundledDir, fs);
  const version = validateChartVersion(
    c?.version ??
      (source === 'oci' && (c?.ref ?? VENDOR_CHART) === VENDOR_CHART ? vendorVersion : ''),
  );
  const problems: Problem[] = [];
  if (!ref.ok) problems.push({ path: 'chart.ref', message: ref.message });
  if (!version.ok) problems.push({ path: 'chart.version', message: version.message });
  if (version.ok && version.value && (source === 'dir' || source === 'bundled'))
    problems.push({
      path: 'chart.version',
      message: 'A version applies to an oci:// chart only; a directory is the version it holds.',
    });
  if (problems.length || !ref.ok || !version.ok) throw new RequestProblems(problems);
  return { chart: ref.value, ...(version.value ? { chartVersion: version.value } : {}) };
}

/** The Secrets choice: required to be explicit only when secrets are kept outside the chart. */
export function resolveSecrets(answers: Answers, s: InstallRequest['secrets']): SecretsChoice {
  return s ?? { mode: 'manifest' };
}
