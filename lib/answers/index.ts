export { answersSchema, answersShapeSchema, passthroughSchema, validateAnswers, type Answers, type AnswersIssue } from './schema';
export { defaultAnswers, withGeneratedSecrets, HPA_DEFAULTS } from './defaults';
export { LIGHTRUN_VERSION, SIZING_PROFILES, type SizingProfile } from './sections';
export { isYamlAmbiguous } from './fields';
export { STEPS, stepOfPath, type Step, type StepId } from './steps';
export { warningsFor, type Warning } from './warnings';
export { SECRET_ANSWER_PATHS, stripSecrets } from './secret-fields';
export { BRANCHES, branchDefault, completeAnswers } from './branches';
