import type { Answers } from '@/lib/answers';
import { hasAnswersShape } from '@/lib/answers/shape';
import { SECRET_ANSWER_PATHS, stripSecrets } from '@/lib/answers/strip-secrets';

const KEY = 'lightrun-wizard:v1';

/**
 * `filled`: the names (never the values) of the secret fields that held a value, so that after a
 * reload the wizard can say exactly which secrets must be entered again.
 */
export type SavedSession = { answers: Answers; visited: string[]; step: string; filled?: string[] };

/**
 * Saves the session without a single secret: `stripSecrets` empties every secret field (license,
 * passwords, private key, AES key) and the secrets of kept keys before anything touches storage.
 */
export function saveSession(s: SavedSession): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...s, answers: stripSecrets(s.answers) }));
  } catch {
    // storage full or disabled: the plan still lives in the page
  }
}

/** The saved session, or null when there is none or it no longer fits the answers shape. */
export function loadSession(): SavedSession | null {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<SavedSession> | null;
    if (!raw) return null;
    // A session saved before the registry answer existed pulled from the public registries.
    if (raw.answers && typeof raw.answers === 'object' && !('registry' in raw.answers))
      raw.answers = { ...(raw.answers as object), registry: { mode: 'public' } } as Answers;
    // One saved before a private registry had its preflight answers: not insecure, no token host.
    const reg = (raw.answers as { registry?: Record<string, unknown> } | undefined)?.registry;
    if (reg?.mode === 'private' && !('insecure' in reg) && !('tokenHost' in reg))
      Object.assign(reg, { insecure: false, tokenHost: '' });
    // structure only (zod-free): invalid values come back and the server's validation shows them
    if (!hasAnswersShape(raw.answers)) return null;
    const filled = Array.isArray(raw.filled)
      ? raw.filled.map(String).filter((p) => SECRET_ANSWER_PATHS.includes(p))
      : [];
    return {
      answers: raw.answers,
      visited: Array.isArray(raw.visited) ? raw.visited.map(String) : [],
      step: String(raw.step ?? 'endpoint'),
      filled,
    };
  } catch {
    return null;
  }
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
