import { z } from 'zod';
import { answersShapeSchema } from './schema';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  innerType?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const isSecret = (s: z.ZodType) => z.globalRegistry.get(s)?.secret === true;

/** Every answers path (object keys only) whose field is marked secret in the schema. */
function collect(s: z.ZodType, path: string[], out: Set<string>): void {
  if (isSecret(s)) {
    out.add(path.join('.'));
    return;
  }
  const d = defOf(s);
  if (d.type === 'object' && d.shape)
    for (const [k, v] of Object.entries(d.shape)) collect(v, [...path, k], out);
  else if ((d.type === 'union' || d.type === 'discriminatedUnion') && d.options)
    d.options.forEach((o) => collect(o, path, out));
  else if (d.type === 'pipe') [d.in, d.out].forEach((x) => x && collect(x, path, out));
  else if (d.innerType) collect(d.innerType, path, out);
}

/**
 * The dotted answers paths of secret fields (license, passwords, private key, AES key …), derived
 * from the schema. `secret-paths.json` is this list, generated for the zod-free `stripSecrets`.
 */
export const SECRET_ANSWER_PATHS: readonly string[] = (() => {
  const out = new Set<string>();
  collect(answersShapeSchema, [], out);
  return [...out].sort();
})();

export { stripSecrets } from './strip-secrets';
