/**
 * What happens to each 3.9.4 key group on the way to chart 3.50 (docs/chart-3.50.md §13.2), and
 * the steps the admin takes before `helm upgrade` (§13.4).
 */

export type FateKind = 'kept' | 'translated' | 'dropped';

/** A step of docs/chart-3.50.md §13.4 that the admin takes before `helm upgrade`. */
export type StepId =
  | 'backup-database'
  | 'upgrade-external-mysql'
  | 'mirror-images'
  | 'delete-mq-statefulset-and-pvc'
  | 'precreate-internal-tls'
  | 'add-keys-to-external-secret'
  | 'add-artifacts-certificate'
  | 'plan-dns-change'
  | 'backup-aes-key'
  | 'backup-encryption-key';

export interface Fate {
  /** the row of docs/chart-3.50.md §13.2 */
  id: string;
  /** the 3.9.4 keys the row reads (dotted; a key covers everything under it) */
  from: string[];
  /** the 3.50 keys it writes */
  to: string[];
  fate: FateKind;
  /** what the admin is told, in plain words */
  tell: string;
  step?: StepId;
  /** the change cannot be undone by `helm rollback` (§13.3) */
  oneWay?: boolean;
}
