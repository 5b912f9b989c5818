import { isMap, type Tree } from '../values/tree';
import { accessRule } from './access';
import { Translation, type Rule } from './context';
import { databaseRule, mqRule, queueNameRule, queueRegexRule } from './data';
import {
  aesRule,
  deploySecretsRule,
  encryptionKeyRule,
  hubspotRule,
  internalTlsRule,
} from './secrets';
import type { Fate } from './types';
import {
  asyncProfilerRule,
  imagesRule,
  javaOptionsRule,
  keycloakRolloutRule,
  memoryRule,
  nodeSelectorRule,
  releaseRule,
} from './workloads';

/** The rows of docs/chart-3.50.md §13.2, in the table's order. */
const RULES: Rule[] = [
  accessRule,
  mqRule,
  queueNameRule,
  queueRegexRule,
  aesRule,
  encryptionKeyRule,
  deploySecretsRule,
  internalTlsRule,
  databaseRule,
  memoryRule,
  javaOptionsRule,
  nodeSelectorRule,
  hubspotRule,
  imagesRule,
  asyncProfilerRule,
  keycloakRolloutRule,
  releaseRule,
];

export interface Translated {
  /** the release's values for chart 3.50 (an override file, as `helm get values` gave them) */
  values: Tree;
  /** what happened to each 3.9.4 key group, and what the admin is told */
  rows: Fate[];
}

/**
 * A live 3.9.4 release's values (`helm get values`: what the admin set) as chart 3.50 values
 * (docs/chart-3.50.md §13.2). Keys the table does not name carry over 1:1; every key that does not
 * reach the result is in a row's `from`. Secrets are carried over, never invented (§13.4 step 3).
 */
export function translateTo350(values394: unknown): Translated {
  const t = new Translation(isMap(values394) ? values394 : {});
  for (const rule of RULES) rule(t);
  return { values: t.out, rows: t.rows };
}
