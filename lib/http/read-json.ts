import { jsonDepth } from './json-depth';

export type BodyLimits = { maxBytes: number; maxDepth: number; what: string };
export type BodyResult =
  { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

const size = (n: number) =>
  n >= 1_048_576 ? `${n / 1_048_576} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} bytes`;

/**
 * Reads a JSON request body as a stream and stops at `maxBytes` (413), so an oversized body is
 * never buffered whole; refuses a non-JSON content type (415), invalid UTF-8 or JSON and nesting
 * deeper than `maxDepth` (400). Messages never quote the body: it may hold secrets.
 */
export async function readJsonBody(req: Request, limits: BodyLimits): Promise<BodyResult> {
  const tooLarge = {
    ok: false,
    status: 413,
    error: `The request is larger than ${size(limits.maxBytes)}, the most ${limits.what} can take.`,
  } as const;
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    return { ok: false, status: 415, error: 'Send the request as Content-Type: application/json.' };
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limits.maxBytes) return tooLarge;
  const bytes = await readCapped(req, limits.maxBytes);
  if (bytes === null) return tooLarge;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, status: 400, error: 'The request body is not valid UTF-8.' };
  }
  if (jsonDepth(text) > limits.maxDepth)
    return {
      ok: false,
      status: 400,
      error: `The JSON is nested deeper than ${limits.maxDepth} levels.`,
    };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // JSON.parse's own message quotes part of the body: never repeat it
    return { ok: false, status: 400, error: 'The request body is not valid JSON.' };
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
