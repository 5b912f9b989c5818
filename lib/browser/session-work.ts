import type { Answers } from '@/lib/answers';
import { defaultAnswers } from '@/lib/answers/defaults';
import { stripSecrets } from '@/lib/answers/strip-secrets';
import { filledSecretPaths, read } from './secret-ledger';

/** Deep equality of two answer trees; a key holding `undefined` counts as absent. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
  const [ka, kb] = [keys(a), keys(b)];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => same(ra[k], rb[k]));
}

/**
 * True when the answers hold something a person entered or brought in: an answer other than a new
 * plan's default, or a secret this page did not make up (`generated`) — so replacing them (an
 * import, a release's values) would lose work and must be asked first. A new plan holds none.
 */
export function holdsWork(a: Answers, generated: (value: string) => boolean): boolean {
  if (!same(stripSecrets(a), stripSecrets(defaultAnswers()))) return true;
  return filledSecretPaths(a).some((p) => {
    const v = read(a, p) as string;
    return !generated(v) && !(p.endsWith('.user') && v === 'lightrun');
  });
}
