import { z } from 'zod';
import { LIMITS } from '@/lib/answers/limits';

const pem = (max: number, what: string) =>
  z.string().max(max, {
    message: `${what} has at most ${max / 1024} KiB: is this the right file?`,
    abort: true,
  });

/** POST /api/pem: a certificate chain, optionally its private key, and the endpoint to cover. */
export const pemRequestSchema = z.strictObject({
  crt: pem(LIMITS.pemChain, 'A PEM certificate chain'),
  key: pem(LIMITS.pemKey, 'A PEM private key').optional(),
  endpoint: z
    .string()
    .max(LIMITS.host, { message: 'A host name has at most 253 characters.', abort: true }),
});
export type PemRequest = z.infer<typeof pemRequestSchema>;
