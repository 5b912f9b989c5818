import { STEPS, stepOfPath, type StepId } from '@/lib/answers/steps';

export type StepState = 'untouched' | 'valid' | 'error';
export type Issue = { path: PropertyKey[]; message: string };

/** Issues grouped by the step that owns them. */
export function issuesByStep(issues: readonly Issue[]): Map<StepId, Issue[]> {
  const m = new Map<StepId, Issue[]>();
  for (const i of issues) {
    const id = stepOfPath(i.path);
    m.set(id, [...(m.get(id) ?? []), i]);
  }
  return m;
}

/** A step is untouched until visited; then valid or with errors. Review is valid when all are. */
export function stepStates(
  byStep: Map<StepId, Issue[]>,
  visited: ReadonlySet<string>,
): Record<StepId, StepState> {
  const out = {} as Record<StepId, StepState>;
  for (const s of STEPS) {
    const n =
      s.id === 'review' ? [...byStep.values()].flat().length : (byStep.get(s.id)?.length ?? 0);
    out[s.id] = !visited.has(s.id) ? 'untouched' : n > 0 ? 'error' : 'valid';
  }
  return out;
}
