import { z } from 'zod';

const pem = z.string().max(200_000, 'The file is too large for a PEM certificate or key.');

/** POST /api/pem: a certificate chain, optionally its private key, and the endpoint to cover. */
export const pemRequestSchema = z.object({ crt: pem, key: pem.optional(), endpoint: z.string().max(253) });
export type PemRequest = z.infer<typeof pemRequestSchema>;
