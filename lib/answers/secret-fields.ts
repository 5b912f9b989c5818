import { z } from 'zod';
import { answersShapeSchema, type Answers } from './schema';

type Def = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; in?: z.ZodType; out?: z.ZodType; innerType?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const isSecret = (s: z.ZodType) => z.globalRegistry.get(s)?.secret === true;

/** Every answers path (object keys only) whose field is marked secret in the schema. */
function collect(s: z.ZodType, path: string[], out: Set<string>): void {
  if (isSecret(s)) {
    out.add(path.join('.'));
    return;
  }
  const d = defOf(s);
  if (d.type === 'object' && d.shape) for (const [k, v] of Object.entries(d.shape)) collect(v, [...path, k], out);
  else if ((d.type === 'union' || d.type === 'discriminatedUnion') && d.options) d.options.forEach((o) => collect(o, path, out));
  else if (d.type === 'pipe') [d.in, d.out].forEach((x) => x && collect(x, path, out));
  else if (d.innerType) collect(d.innerType, path, out);
}

/** The dotted answers paths of secret fields (license, passwords, private key, AES key …). */
export const SECRET_ANSWER_PATHS: readonly string[] = (() => {
  const out = new Set<string>();
  collect(answersShapeSchema, [], out);
  return [...out].sort();
})();

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
