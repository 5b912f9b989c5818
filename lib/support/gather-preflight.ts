import 'server-only';
/**
 * The preflight in the support bundle: every check but the dry run (it takes up to 90 s and is
 * what the install just did), run while the rest is gathered, written in display order.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Answers } from '../answers';
import { preflightChecks } from '../preflight';
import type { CheckResult } from '../preflight/result';
import { runChecks } from '../preflight/runner';
import { checkLine } from '../preflight/text';
import { preflightText } from './plan';
import type { Gathering } from './gathering';

export async function gatherPreflight(
  g: Gathering,
  req: { answers: Answers; context: string | null; namespace: string; release: string },
  kube: { kc: KubeConfig } | { error: string },
): Promise<void> {
  const checks = preflightChecks(req, { kube }).filter((c) => c.id !== 'dry-run');
  const results: CheckResult[] = [];
  for await (const r of runChecks(checks, g.signal)) results.push(r);
  const order = checks.map((c) => c.id);
  results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  g.put('preflight.txt', preflightText(results, checkLine));
}
