export {
  answersSchema,
  answersShapeSchema,
  passthroughSchema,
  validateAnswers,
  type Answers,
  type AnswersIssue,
} from './schema';
export { defaultAnswers, withGeneratedSecrets, HPA_DEFAULTS } from './defaults';
export { LIGHTRUN_VERSION, SIZING_PROFILES, type SizingProfile } from './constants';
export { isYamlAmbiguous } from './yaml-ambiguous';
export { STEPS, stepOfPath, type Step, type StepId } from './steps';
export { warningsFor, type Warning } from './warnings';
export { SECRET_ANSWER_PATHS } from './secret-fields';
export { stripSecrets } from './strip-secrets';
export { BRANCHES, branchDefault, completeAnswers } from './branches';
export { hasAnswersShape } from './shape';
export { exposureSummary, type Exposure } from './exposure';
