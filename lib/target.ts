/**
 * Where a release goes — kube context, namespace, release name — as every entry (route, CLI) gives
 * it, validated before anything reaches helm or the cluster (lib/helm/names), and the request
 * problems every entry reports field by field. Shared by install, preflight and the release actions.
 */
import { z } from 'zod';
import { completeAnswers, validateAnswers, type Answers } from './answers';
import { validateContext, validateNamespace, validateRelease } from './helm/names';

export const DEFAULT_NAMESPACE = 'lightrun';
export const DEFAULT_RELEASE = 'lightrun';

const name = z.string().max(1024);

export const targetSchema = z.strictObject({
  context: name.optional(),
  namespace: name.optional(),
  release: name.optional(),
});

export interface Problem {
  path: string;
  message: string;
}

export class RequestProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'RequestProblems';
  }
}

export interface Target {
  context: string | null;
  namespace: string;
  release: string;
}

/** Validates context / namespace / release (defaults filled); throws RequestProblems. */
export function resolveTarget(t: z.infer<typeof targetSchema>): Target {
  const problems: Problem[] = [];
  const check = (path: string, r: { ok: true; value: string } | { ok: false; message: string }) => {
    if (!r.ok) problems.push({ path, message: r.message });
    return r.ok ? r.value : '';
  };
  const context =
    t.context === undefined || t.context === ''
      ? null
      : check('context', validateContext(t.context));
  const namespace = check('namespace', validateNamespace(t.namespace ?? DEFAULT_NAMESPACE));
  const release = check('release', validateRelease(t.release ?? DEFAULT_RELEASE));
  if (problems.length) throw new RequestProblems(problems);
  return { context, namespace, release };
}

/**
 * Completes and validates the answers of a cluster action (install, preflight, release actions);
 * throws RequestProblems naming each field. A plan for either chart (3.9.4 or 3.50.0) is accepted:
 * the install and the preflight pick the chart of its profile (lib/install/request resolveChart).
 */
export function resolveAnswers(raw: unknown): Answers {
  const parsed = validateAnswers(completeAnswers(raw));
  if (!parsed.success)
    throw new RequestProblems(
      parsed.issues
        .slice(0, 100)
        .map((i) => ({ path: `answers.${i.path.join('.')}`, message: i.message })),
    );
  return parsed.data;
}
