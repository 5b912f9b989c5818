/**
 * The export's options as a request carries them (the web Review's POST /api/gitops-export): the
 * same shape as ExportOptions, each field bounded, and what the options need of each other said
 * at the field (the CLI says it at the flag, refusals.ts optionProblems). PURE.
 */
import { z } from 'zod';
import type { ExportOptions } from './types';

/** A store's name as Kubernetes names objects (RFC 1123 subdomain); the CLI's --store too. */
export const STORE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
export const STORE_NAME_MESSAGE =
  'Name the store as Kubernetes names it: lowercase letters, digits, - and ., starting and ending with a letter or digit.';

const storeSchema = z.strictObject({
  name: z.string().regex(STORE_NAME, { message: STORE_NAME_MESSAGE }),
  kind: z.enum(['SecretStore', 'ClusterSecretStore']),
  keyPrefix: z.string().max(253, { message: 'A key prefix has at most 253 characters.' }),
});

/** The options; a request that leaves one out gets the CLI's default. */
export const exportOptionsSchema = z
  .strictObject({
    for: z.enum(['argocd', 'flux']),
    values: z.enum(['inline', 'repo']).optional(),
    secrets: z.enum(['secret-manifest', 'external-secrets', 'sops']).default('secret-manifest'),
    externalStore: storeSchema.optional(),
    repoUrl: z
      .string()
      .max(2048, { message: 'A repository URL has at most 2048 characters.' })
      .optional(),
    path: z.string().max(1024, { message: 'A path has at most 1024 characters.' }).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.for === 'flux' && o.values === 'repo')
      ctx.addIssue({
        code: 'custom',
        path: ['values'],
        message:
          'Flux takes the values in the HelmRelease; values from the repository are for Argo CD.',
      });
    if (o.for === 'argocd' && o.values === 'repo' && !o.repoUrl?.trim())
      ctx.addIssue({
        code: 'custom',
        path: ['repoUrl'],
        message:
          'With values from the repository, name the git repository the export is committed to.',
      });
    if (o.secrets === 'external-secrets' && !o.externalStore)
      ctx.addIssue({
        code: 'custom',
        path: ['externalStore'],
        message: 'With External Secrets, name your SecretStore or ClusterSecretStore.',
      });
  }) satisfies z.ZodType<ExportOptions, unknown>;
