export {
  renderValues,
  renderYaml,
  modelledValues,
  CHART_DEFAULTS,
  SECRET_MASK,
  type RenderOptions,
} from './render';
export { importValues, importYaml, ImportError, type ImportResult } from './import';
export { isSecretPath } from './secret-paths';
export { HelmReadError, parseValuesYaml, toYaml } from './to-yaml';
export {
  classifyKept,
  HELM_READS,
  valuesChanges,
  yaml11Conversions,
  type UnknownKey,
  type ValueChange,
} from './import-report';
export { checkValues, type Finding } from './check';
export { readValuesFile, valuesFileProblem, ValuesFileError } from './values-file';
export { yamlErrorWhere } from './yaml-error';
