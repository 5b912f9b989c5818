import type { Answers } from '@/lib/answers';
import { hasAnswersShape } from '@/lib/answers/shape';
import { stripSecrets } from '@/lib/answers/strip-secrets';

const KEY = 'lightrun-wizard:v1';

export type SavedSession = { answers: Answers; visited: string[]; step: string };

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
    // structure only (zod-free): invalid values come back and the server's validation shows them
    if (!hasAnswersShape(raw.answers)) return null;
    return { answers: raw.answers, visited: Array.isArray(raw.visited) ? raw.visited.map(String) : [], step: String(raw.step ?? 'endpoint') };
  } catch {
    return null;
  }
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}
