import 'server-only';
import { ApiException } from '@kubernetes/client-node';

/** HTTP status of a client-node error, or null for a network error. */
export function httpStatus(e: unknown): number | null {
  return e instanceof ApiException ? e.code : null;
}

/** The API server's own message for a failed call (its Status.message), else the network error. */
export function k8sErrorText(e: unknown): string {
  if (e instanceof ApiException) {
    const body = typeof e.body === 'string' ? safeJson(e.body) : e.body;
    const msg = (body as { message?: string } | null)?.message;
    return `HTTP ${e.code}${msg ? `: ${msg}` : ''}`;
  }
  if (e instanceof Error) {
    const code =
      (e as NodeJS.ErrnoException).code ?? (e.cause as NodeJS.ErrnoException | undefined)?.code;
    return code && !e.message.includes(code) ? `${e.message} (${code})` : e.message.split('\n')[0]!;
  }
  return String(e);
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
