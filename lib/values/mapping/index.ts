import type { Answers } from '../../answers/schema';
import { databaseMapping, messageQueueMapping } from './data';
import { externalAccessMapping, internalTlsMapping, networkPolicyMapping } from './access';
import {
  apiKeysMapping,
  certificateMapping,
  generalMapping,
  licenseMapping,
  pullSecretMapping,
} from './identity';
import { secretsMapping, securityMapping, sizingMapping } from './platform';
import { registryMapping } from './registry';
import type { SectionMapping } from './context';

/** Every modelled section, in the order the wizard asks (and the minimal file groups) them. */
export const MAPPINGS = [
  generalMapping,
  licenseMapping,
  certificateMapping,
  pullSecretMapping,
  registryMapping,
  databaseMapping,
  messageQueueMapping,
  externalAccessMapping,
  internalTlsMapping,
  securityMapping,
  networkPolicyMapping,
  secretsMapping,
  apiKeysMapping,
  sizingMapping,
] as { [K in keyof Answers]-?: SectionMapping<K> }[keyof Answers][];

export { ValuesReader, ValuesWriter, type ImportNote } from './context';
