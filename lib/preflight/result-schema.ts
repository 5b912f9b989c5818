/** The wire form of a check result as a zod schema (for servers and tests; the browser uses the type). */
import { z } from 'zod';
import type { CheckResult } from './result';

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail']);

export const checkResultSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  status: checkStatusSchema,
  message: z.string(),
  fix: z.string(),
  ms: z.number().nonnegative().optional(),
}) satisfies z.ZodType<CheckResult>;

export const preflightPlanSchema = z.strictObject({
  plan: z.array(
    z.strictObject({ id: z.string(), title: z.string(), timeoutMs: z.number().int().positive() }),
  ),
});
