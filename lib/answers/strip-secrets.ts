import type { Answers } from './schema';
import secretPaths from './secret-paths.json';

/**
 * The dotted answers paths of secret fields (license, passwords, private key, AES key …), as
 * generated from the schema's `secret` marks (`npm run gen`): the browser reads them without zod.
 */
export const SECRET_ANSWER_PATHS: readonly string[] = secretPaths;

/**
 * A copy of the answers with every secret field emptied: what may be persisted in the browser.
 * Kept (pass-through) keys lose their `secrets` subtree and `certificate.tls`: an imported file
 * may carry secrets the model does not know (e.g. secrets.redis.password).
 */
export function stripSecrets(a: Answers): Answers {
  const copy = structuredClone(a) as unknown as Record<string, unknown>;
  for (const p of SECRET_ANSWER_PATHS) {
    const keys = p.split('.');
    let cur: Record<string, unknown> | undefined = copy;
    for (const k of keys.slice(0, -1)) cur = cur?.[k] as Record<string, unknown> | undefined;
    const last = keys[keys.length - 1]!;
    if (cur && typeof cur[last] === 'string') cur[last] = '';
  }
  const kept = copy.passthrough as Record<string, unknown>;
  delete kept.secrets;
  const cert = kept.certificate as Record<string, unknown> | undefined;
  if (cert && typeof cert === 'object') delete cert.tls;
  return copy as unknown as Answers;
}
