import { stepOfPath, type StepId } from '@/lib/answers/steps';

/** An issue as the server reports it: the answers path it concerns and what to do. */
export type Issue = { path: PropertyKey[]; message: string };

/** A field on screen that shows the issues at its path (and, for lists, at the paths below it). */
export type Claim = { name: string; children: boolean };

export const pathKey = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * A server refusal as one line: `path: message` per issue, the message alone for an issue that
 * concerns no field (read ": caught" before).
 */
export function issuesLine(issues: readonly { path?: readonly PropertyKey[]; message: string }[]) {
  return issues
    .map((i) => (i.path?.length ? `${pathKey(i.path)}: ${i.message}` : i.message))
    .join(' ');
}

/** True when the claim shows this issue: the same path, or a path below a list field's. */
export function claims(c: Claim, issue: Issue): boolean {
  const key = pathKey(issue.path);
  return key === c.name || (c.children && key.startsWith(`${c.name}.`));
}

/** Issues without a path (the server could not be reached …) concern every step. */
const general = (i: Issue) => i.path.length === 0;

/** The issues of one step, in the server's order; issues without a path are part of every step. */
export function issuesOfStep(issues: readonly Issue[], step: StepId): Issue[] {
  return issues.filter((i) => general(i) || stepOfPath(i.path) === step);
}

/**
 * The issues a step shows: all of them once the step was visited (the rail then marks it red, so
 * the step must say why), before that only those at fields the admin has changed (a fresh form
 * does not greet with "Required"). Issues without a path always show.
 */
export function visibleIssues(
  issues: readonly Issue[],
  step: StepId,
  visited: boolean,
  changed: (name: string) => boolean,
): Issue[] {
  return issuesOfStep(issues, step).filter(
    (i) => visited || general(i) || prefixes(i.path).some(changed),
  );
}

/** `a.b.0` → `a`, `a.b`, `a.b.0`: a change anywhere on the way counts as a change of the field. */
function prefixes(path: readonly PropertyKey[]): string[] {
  return path.map((_, n) => pathKey(path.slice(0, n + 1)));
}

/** The issues no field on screen shows: they go to the step's own list, so none is invisible. */
export function unclaimedIssues(issues: readonly Issue[], fields: readonly Claim[]): Issue[] {
  return issues.filter((i) => !fields.some((c) => claims(c, i)));
}

/**
 * Issues of other steps that appeared while the admin was on this one (a cross-field rule the
 * change here broke), so they are named here and not only by a red dot on the rail.
 */
export function newElsewhere(
  issues: readonly Issue[],
  step: StepId,
  before: ReadonlySet<string>,
): Issue[] {
  return issues.filter(
    (i) => !general(i) && stepOfPath(i.path) !== step && !before.has(issueKey(i)),
  );
}

/** Identity of an issue across checks: its path and message. */
export const issueKey = (i: Issue) => `${pathKey(i.path)}\u0000${i.message}`;
