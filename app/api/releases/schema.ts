import { z } from 'zod';
import { targetSchema } from '@/lib/target';

export const diffRequestSchema = targetSchema.extend({ answers: z.unknown() });
export const rollbackRequestSchema = targetSchema.extend({
  revision: z.number().int().min(1).max(1_000_000).optional(),
});
const names = z.array(z.string().min(1).max(253)).max(100);
export const uninstallRequestSchema = targetSchema.extend({
  confirm: z.literal(true, { message: 'Confirm the uninstall (confirm: true).' }),
  /** What to delete along with the release, among what it leaves (default: nothing). */
  delete: z
    .strictObject({
      claims: names,
      secrets: names,
      namespace: z.boolean(),
      keepValues: z.boolean(),
    })
    .optional(),
});
export const historyRequestSchema = rollbackRequestSchema;
export const leftoversRequestSchema = targetSchema;
export const statusRequestSchema = targetSchema;
export const valuesRequestSchema = targetSchema;
/** The releases of one namespace (or of all, without one) in a context: no release name. */
export const listRequestSchema = targetSchema.omit({ release: true });
/** A release to plan the 3.50 upgrade of; `chart: 'bundled'` renders chart-3.50/ (tests). */
export const upgradePlanRequestSchema = targetSchema.extend({
  chart: z.literal('bundled').optional(),
});
export const upgradeValuesRequestSchema = targetSchema;
export const upgradeSecretsRequestSchema = targetSchema;
export const databaseBackupRequestSchema = targetSchema;
/** The guided upgrade: the target chart (bundled chart-3.50/ or Lightrun's 3.50.0), the typed confirmation. */
export const upgradeRunRequestSchema = targetSchema.extend({
  chart: z.literal('bundled').optional(),
  ownBackup: z.string().max(64).optional(),
});
