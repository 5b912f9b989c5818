import type { Answers } from '../answers/schema';
import { translateTo350 } from '../upgrade/translate';
import { setPath, type Tree } from './tree';

/** Where chart 3.50 reads the encryption key (docs/chart-3.50.md §4, §10). */
export const USER_ENCRYPTION_KEY = ['secrets', 'keysEncryption', 'userEncryptionKey'];

/**
 * The chart 3.50 values of a plan, from its chart 3.9.4 override file (what `helm get values`
 * would give for it): translated as docs/chart-3.50.md §13.2 says, then the 3.50-only answers
 * applied. The translation writes `rotateKey: false` (§10); the wizard adds the key it generated
 * once, so every render of the same plan carries the same key (G9, T10). With the Secrets outside
 * the chart the key belongs in the admin's backend Secret as encryption-key-0 (§9), not here.
 */
export function values350(values394: Tree, a: Answers): Tree {
  const out = translateTo350(values394).values;
  if (a.secrets.mode === 'chart' && a.secrets.encryptionKey)
    setPath(out, USER_ENCRYPTION_KEY, a.secrets.encryptionKey);
  return out;
}
