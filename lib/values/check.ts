import type { CertificateInspector } from '../answers/certificate-check';
import { booleans, identity, secrets, type Finding, type RuleInput } from './check-rules';
import { access, data, internalTls, networkPolicy, sizing } from './check-rules-platform';
import { detectChartProfile, mixedProfileNote, profileRefusal } from './chart-profile';
import { classifyKept } from './import-report';
import { CHART_DEFAULTS } from './render';
import { deepMerge, isMap, type Tree } from './tree';

export type { Finding };

const RULES = [booleans, identity, secrets, data, access, networkPolicy, internalTls, sizing];

/**
 * Every rule of docs/chart-3.9.4.md that a values file breaks **as written** — what Helm and the
 * vendor chart 3.9.4 would do with it, with no correction (where import would fix a value, this
 * reports it). Pure: the CLI `check` command and the import screen share it. `files` are merged
 * like `helm -f a -f b` (maps deep-merge, lists replace), over the chart defaults. Keys 3.9.4
 * does not have are reported too: Helm ignores them silently.
 */
export function checkValues(
  files: unknown[],
  opts: { inspectCertificate?: CertificateInspector } = {},
): Finding[] {
  const user = files.reduce<Tree>((acc, f) => (isMap(f) ? (deepMerge(acc, f) as Tree) : acc), {});
  const input: RuleInput = {
    v: deepMerge(CHART_DEFAULTS, user) as Tree,
    user,
    defaults: CHART_DEFAULTS,
    inspectCertificate: opts.inspectCertificate,
  };
  const findings: Finding[] = [];
  const add = (path: string, message: string) => findings.push({ path, message });
  const profile = detectChartProfile(user);
  const refusal = profileRefusal(profile, 'check');
  if (refusal) return [refusal];
  const mixed = mixedProfileNote(profile);
  if (mixed) findings.push(mixed);
  for (const rule of RULES) rule(input, add);
  for (const u of classifyKept(user, CHART_DEFAULTS).unknown) {
    add(
      u.path.join('.'),
      `Chart 3.9.4 has no such key: Helm ignores it${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ''}.`,
    );
  }
  return findings;
}
