import { jsonDepth } from './json-depth';
import type { ErrorCode } from './respond';

export type BodyLimits = { maxBytes: number; maxDepth: number; what: string };
export type BodyResult =
  | { ok: true; value: unknown }
  | {
      ok: false;
      code: Extract<ErrorCode, 'bad_request' | 'too_large' | 'unsupported_type'>;
      error: string;
    };

const size = (n: number) =>
  n >= 1_048_576 ? `${n / 1_048_576} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} bytes`;

/**
 * The one JSON reader of every API route. Reads the body as a stream and stops at `maxBytes` bytes
 * (too_large), so an oversized body is never buffered whole; refuses a content type other than
 * application/json (unsupported_type), invalid UTF-8 or JSON and nesting deeper than `maxDepth`
 * (bad_request) before `JSON.parse` or a schema walks it. Messages never quote the body: it may
 * hold secrets.
 */
export async function readJsonBody(req: Request, limits: BodyLimits): Promise<BodyResult> {
  const tooLarge = {
    ok: false,
    code: 'too_large',
    error: `The request is larger than ${size(limits.maxBytes)}, the most ${limits.what} can take.`,
  } as const;
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    return {
      ok: false,
      code: 'unsupported_type',
      error: 'Send the request as Content-Type: application/json.',
    };
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) return tooLarge;
  const bytes = await readCapped(req, limits.maxBytes);
  if (bytes === null) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, code: 'bad_request', error: 'The request body is not valid UTF-8.' };
  }
  if (jsonDepth(text) > limits.maxDepth)
    return {
      ok: false,
      code: 'bad_request',
      error: `The JSON is nested deeper than ${limits.maxDepth} level${limits.maxDepth === 1 ? '' : 's'}.`,
    };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // JSON.parse's own message quotes part of the body: never repeat it
    return { ok: false, code: 'bad_request', error: 'The request body is not valid JSON.' };
  }
}

/** The body's bytes, or null as soon as more than `max` arrive (the rest is never read). */
async function readCapped(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
