import { BRANCHES, branchDefault } from './branches';
import { defaultAnswers } from './defaults';
import { WORKLOADS_DEFAULT } from './constants';
import type { Answers } from './schema';

type Obj = Record<string, unknown>;
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function fits(value: unknown, template: unknown, path: string): boolean {
  if (path === 'passthrough') return kind(value) === 'object';
  if (kind(value) !== kind(template)) return false;
  if (Array.isArray(value)) {
    // the model's lists: annotations ({key, value}) and network-policy namespaces / CIDRs (text)
    return /nnotations$/.test(path)
      ? value.every((x) => fits(x, { key: '', value: '' }, `${path}[]`))
      : value.every((x) => typeof x === 'string');
  }
  if (kind(value) !== 'object') return true;
  const v = value as Obj;
  const choice = BRANCHES[path];
  const t = choice ? branchDefault(path, v[choice.key]) : (template as Obj);
  if (!t) return false;
  const at = (k: string) => (path ? `${path}.${k}` : k);
  const optional = Object.keys(v).filter(
    (k) => !Object.hasOwn(t, k) && OPTIONAL[at(k)] !== undefined,
  );
  const keys = [...Object.keys(t), ...optional];
  return (
    Object.keys(v).every((k) => keys.includes(k)) &&
    keys.every((k) =>
      Object.hasOwn(v, k)
        ? fits(v[k], Object.hasOwn(t, k) ? t[k] : OPTIONAL[at(k)], at(k))
        : OPTIONAL[at(k)] !== undefined,
    )
  );
}

/**
 * Keys that may be absent, each with a value of its type: `chart` (answers saved before it
 * existed are chart 3.9.4), the chart 3.50 encryption key, which exists only once generated, and
 * chart 3.50's custom CA, system configuration, workloads, certificate pinning and artifacts
 * certificate, which exist only once answered.
 */
const OPTIONAL: Record<string, unknown> = {
  chart: '',
  'secrets.encryptionKey': '',
  customCa: { mode: 'none' },
  systemConfig: { content: '', signature: '' },
  workloads: WORKLOADS_DEFAULT,
  certificatePinning: { mode: 'off' },
  'internalTls.certificates.artifacts': '',
};

/**
 * True when `raw` has the answers' structure: every key, no unknown key, each value of the right
 * type, each choice on a known branch (values themselves may be invalid: validation says so).
 * Zod-free, from the branch table, so the browser can check a saved session without the schema.
 */
export function hasAnswersShape(raw: unknown): raw is Answers {
  return fits(raw, defaultAnswers(), '');
}
