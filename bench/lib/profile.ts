/**
 * The chart profile a benchmark runs on (PURE): `npm run bench -- latency diagnosis --chart 3.50.0`
 * installs a 3.50 plan with the project's chart-3.50/ through the wizard's own install path, and
 * writes its sections beside the 3.9.4 ones (ids `latency@3.50.0`, …), so bench/results.md keeps
 * one section per profile, each with its own same-run baselines.
 */
import { randomEncryptionKey } from '../../lib/answers/encryption-key';
import { CHART_VERSIONS, type ChartVersion } from '../../lib/answers/sections';

/** The profile of a run without `--chart`: what every section without a suffix was measured on. */
export const DEFAULT_PROFILE: ChartVersion = '3.9.4';

/** The benchmarks that take `--chart`: the ones that install a release and read its pods. */
export const PROFILED = ['latency', 'diagnosis'] as const;

export interface BenchArgs {
  names: string[];
  profile: ChartVersion;
  build: boolean;
}

/** The command line of bench/run.ts: benchmark names, `--chart VERSION`, `--build`. Throws on a bad one. */
export function parseArgs(args: readonly string[]): BenchArgs {
  const names: string[] = [];
  let profile: ChartVersion = DEFAULT_PROFILE;
  let build = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--build') build = true;
    else if (a === '--chart' || a.startsWith('--chart=')) {
      const v = a === '--chart' ? args[++i] : a.slice('--chart='.length);
      if (!CHART_VERSIONS.includes(v as ChartVersion))
        throw new Error(`--chart takes ${CHART_VERSIONS.join(' or ')}, not ${v ?? 'nothing'}`);
      profile = v as ChartVersion;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  if (profile !== DEFAULT_PROFILE) {
    const other = names.filter((n) => !(PROFILED as readonly string[]).includes(n));
    if (other.length)
      throw new Error(`--chart applies to ${PROFILED.join(' and ')} only, not ${other.join(', ')}`);
  }
  return { names, profile, build };
}

/** A section's id for the profile: the plain id for 3.9.4 (as before), `id@VERSION` otherwise. */
export const sectionId = (id: string, profile: ChartVersion): string =>
  profile === DEFAULT_PROFILE ? id : `${id}@${profile}`;

/** A section's title for the profile: "1. Status latency (chart 3.50.0)". */
export const sectionTitle = (title: string, profile: ChartVersion): string =>
  profile === DEFAULT_PROFILE ? title : `${title} (chart ${profile})`;

/** Every section id in results order: each benchmark, then its other profiles right after it. */
export function sectionOrder(order: readonly string[]): string[] {
  return order.flatMap((id) =>
    (PROFILED as readonly string[]).includes(id)
      ? CHART_VERSIONS.map((p) => sectionId(id, p))
      : [id],
  );
}

/** Random text for a generated credential (the wizard's own are random too). */
function token(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, 'x');
}

/**
 * The answers of a plan for the profile, from the quick-default example: unchanged for 3.9.4; for
 * 3.50 what the wizard gives a plan switched to 3.50 on step 1 (the generated encryption key, a
 * local queue with generated credentials, as 3.50's chart has it on). `passthrough` is values keys
 * the wizard does not model, rendered verbatim (how the benchmark sets a fault on one workload).
 */
export function planFor(
  quick: Record<string, unknown>,
  profile: ChartVersion,
  passthrough: Record<string, unknown> = {},
): Record<string, unknown> {
  const withPassthrough = Object.keys(passthrough).length ? { ...quick, passthrough } : quick;
  if (profile === '3.9.4') return withPassthrough;
  return {
    ...withPassthrough,
    chart: profile,
    secrets: { ...(quick.secrets as object), encryptionKey: randomEncryptionKey() },
    messageQueue: { mode: 'local', user: 'lightrun', password: token() },
  };
}
