/**
 * Chart 3.50's node selection as an admin types it (docs/chart-3.50.md §8.9): node labels as
 * `key=value` lines, as `kubectl label nodes` takes them, and tolerations as the taints they
 * tolerate, `key[=value][:Effect]`, as `kubectl taint nodes` writes them. PURE.
 */

export { WORKLOADS_DEFAULT } from './constants';

/** A label name: letters, digits, "-", "_", "." inside, at most 63 (Kubernetes' qualified name). */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type Toleration = {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect?: (typeof TAINT_EFFECTS)[number];
};

/** Why `key` is no label key (`[prefix/]name`), or null. */
export function labelKeyProblem(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const [prefix, name] = slash < 0 ? ['', key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (slash >= 0 && (prefix.length > 253 || !PREFIX.test(prefix)))
    return `"${prefix}" is no label prefix: a DNS name in lowercase, e.g. example.com/pool.`;
  if (name.length > 63 || !NAME.test(name))
    return `"${key}" is no label key: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`;
  return null;
}

/** Why `value` is no label value, or null (an empty value is one). */
export function labelValueProblem(value: string): string | null {
  if (value === '' || (value.length <= 63 && NAME.test(value))) return null;
  return `"${value}" is no label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`;
}

/** `key=value` -> [key, value], or a sentence saying what is wrong. */
export function parseSelectorLine(line: string): [string, string] | string {
  const eq = line.indexOf('=');
  if (eq < 0) return `"${line}": write a node label as key=value, e.g. pool=lightrun.`;
  const [key, value] = [line.slice(0, eq), line.slice(eq + 1)];
  return labelKeyProblem(key) ?? labelValueProblem(value) ?? [key, value];
}

const TAINT = /^([^=:]+)(?:=([^=:]*))?(?::([A-Za-z]+))?$/;

/** `key[=value][:Effect]` -> the toleration of that taint, or a sentence saying what is wrong. */
export function parseTolerationLine(line: string): Toleration | string {
  const m = TAINT.exec(line);
  if (!m)
    return `"${line}": write a taint as key=value:Effect or key:Effect, e.g. dedicated=lightrun:NoSchedule.`;
  const [, key, value, effect] = m as unknown as [string, string, string?, string?];
  const problem = labelKeyProblem(key) ?? (value === undefined ? null : labelValueProblem(value));
  if (problem) return problem;
  if (effect !== undefined && !(TAINT_EFFECTS as readonly string[]).includes(effect))
    return `"${effect}" is no taint effect: use NoSchedule, PreferNoSchedule or NoExecute, or leave it out for all three.`;
  return {
    key,
    operator: value === undefined ? 'Exists' : 'Equal',
    ...(value === undefined ? {} : { value }),
    ...(effect === undefined ? {} : { effect: effect as Toleration['effect'] }),
  };
}

/** The answer's lines as general.nodeSelector (lines already valid). */
export function selectorMap(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const p = parseSelectorLine(l);
    if (Array.isArray(p)) out[p[0]] = p[1];
  }
  return out;
}

/** The answer's lines as general.tolerations (lines already valid). */
export function tolerationList(lines: readonly string[]): Toleration[] {
  return lines.map(parseTolerationLine).filter((t): t is Toleration => typeof t !== 'string');
}

/** A values file's nodeSelector as lines, or null when one entry is not a label the answer can say. */
export function selectorLines(map: unknown): string[] | null {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return null;
  const lines = Object.entries(map).map(([k, v]) => (typeof v === 'string' ? `${k}=${v}` : ''));
  return lines.every((l) => Array.isArray(parseSelectorLine(l))) ? lines : null;
}

/**
 * A values file's tolerations as taint lines, or null when one of them says more than a taint
 * line can (tolerationSeconds, an empty key that tolerates every taint, a value with Exists).
 */
export function tolerationLines(list: unknown): string[] | null {
  if (!Array.isArray(list)) return null;
  const lines: string[] = [];
  for (const t of list) {
    if (typeof t !== 'object' || t === null) return null;
    const { key, operator = 'Equal', value, effect, ...rest } = t as Record<string, unknown>;
    if (Object.keys(rest).length > 0 || typeof key !== 'string') return null;
    if (operator === 'Exists' && value !== undefined && value !== '') return null;
    if (operator === 'Equal' && typeof value !== 'string') return null;
    if (effect !== undefined && effect !== '' && typeof effect !== 'string') return null;
    const line =
      key +
      (operator === 'Equal' ? `=${String(value)}` : '') +
      (effect ? `:${String(effect)}` : '');
    if (operator !== 'Equal' && operator !== 'Exists') return null;
    if (typeof parseTolerationLine(line) === 'string') return null;
    lines.push(line);
  }
  return lines;
}
