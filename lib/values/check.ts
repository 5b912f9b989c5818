import type { CertificateInspector } from '../answers/certificate-check';
import { booleans, identity, secrets, type Finding, type RuleInput } from './check-rules';
import { READ_WITHOUT_DEFAULT_350, removedKeyMessage, RULES_350_ONLY } from './check-rules-350';
import {
  access,
  data,
  internalTls,
  networkPolicy,
  routerExposure,
  sizing,
} from './check-rules-platform';
import chartDefaults350 from './chart-defaults-350.json';
import {
  detectChartProfile,
  evidenceText,
  mixedProfileNote,
  ONLY_394,
  type ChartVersion,
} from './chart-profile';
import { classifyKept } from './import-report';
import { CHART_DEFAULTS } from './render';
import { deepMerge, isMap, type Tree } from './tree';

export type { Finding };

type Rule = (input: RuleInput, add: (path: string, message: string) => void) => void;

/** The rules both charts share, then each chart's own (docs/chart-3.50.md says what changed). */
const SHARED: Rule[] = [booleans, identity, secrets, data, networkPolicy, internalTls, sizing];
const PROFILES: Record<ChartVersion, { defaults: Tree; rules: Rule[]; pairing: string }> = {
  '3.9.4': {
    defaults: CHART_DEFAULTS,
    rules: [...SHARED, access],
    pairing: 'chart 3.9.4 pairs with 1.50.1-release.ef66f0e08e',
  },
  '3.50.0': {
    defaults: chartDefaults350 as Tree,
    rules: [...SHARED, ({ v }, add) => routerExposure(v, add), ...RULES_350_ONLY],
    pairing: 'chart 3.50.0 pairs with 1.91.0-release.943266f167',
  },
};

/** Which chart a check judges against, and why (the keys that said so, or the admin's choice). */
export type CheckedChart = { version: ChartVersion; why: string };

/**
 * The chart a file is judged against: the one the admin names, else the only one the file shows
 * signs of (docs/chart-3.50.md, "Which chart a file is for"), else 3.9.4 — for a file with signs
 * of both too, as import reads it.
 */
export function chartToCheck(user: Tree, chosen?: ChartVersion): CheckedChart {
  if (chosen) return { version: chosen, why: 'as asked' };
  const guess = detectChartProfile(user);
  if (guess.version)
    return {
      version: guess.version,
      why: `the file sets ${evidenceText(guess.evidence, guess.version)}`,
    };
  return {
    version: '3.9.4',
    why: guess.evidence.length
      ? 'the file shows signs of both charts'
      : 'the file shows signs of neither chart',
  };
}

/**
 * Every rule of docs/chart-3.9.4.md — or of docs/chart-3.50.md for a 3.50 file — that a values
 * file breaks **as written**: what Helm and the vendor chart would do with it, with no correction
 * (where import would fix a value, this reports it). Pure: the CLI `check` command and the import
 * screen share it. `files` are merged like `helm -f a -f b` (maps deep-merge, lists replace), over
 * the chart's defaults. Keys the chart does not have are reported too: Helm ignores them silently.
 */
export function checkValues(
  files: unknown[],
  opts: { inspectCertificate?: CertificateInspector; chart?: ChartVersion } = {},
): Finding[] {
  const user = files.reduce<Tree>((acc, f) => (isMap(f) ? (deepMerge(acc, f) as Tree) : acc), {});
  const version = chartToCheck(user, opts.chart).version;
  const profile = PROFILES[version];
  const input: RuleInput = {
    v: deepMerge(profile.defaults, user) as Tree,
    user,
    defaults: profile.defaults,
    inspectCertificate: opts.inspectCertificate,
    pairing: profile.pairing,
  };
  const findings: Finding[] = [];
  const add = (path: string, message: string) => findings.push({ path, message });
  const mixed = version === '3.9.4' ? mixedProfileNote(detectChartProfile(user)) : null;
  if (mixed) findings.push(mixed);
  for (const rule of profile.rules) rule(input, add);
  for (const u of classifyKept(user, profile.defaults).unknown) {
    const path = u.path.join('.');
    if (version === '3.50.0' && READ_WITHOUT_DEFAULT_350.includes(path)) continue;
    const removed = version === '3.50.0' ? removedKeyMessage(path, ONLY_394) : null;
    if (removed) add(path, removed);
    else
      add(
        path,
        `Chart ${version} has no such key: Helm ignores it${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}.`,
      );
  }
  return findings;
}
