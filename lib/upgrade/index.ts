export { translateTo350, type Translated } from './translate';
export { mustStayIdentical, type CarryOverProblem } from './carry-over';
export { oneWay, type OneWay } from './one-way';
export type { Fate, FateKind, StepId } from './types';
export { objectsPlan, type ObjectsPlan, type LiveClaim, type ClaimFate } from './objects';
export { upgradePlan, type UpgradePlan, type PlanManifests } from './plan';
