/**
 * The API's one responder and its one error table: every refusal or failure a route answers has a
 * code, and each code exactly one status (STYLE 17). Routes and the lib's error mapping (errors.ts)
 * name codes, never numbers. Every answer is JSON with `Cache-Control: no-store`, set here once:
 * the proxy (proxy.ts) sends `no-store, no-transform` on every API answer in front of this, and
 * this copy keeps a route safe when it is called without the proxy (tests, another matcher).
 */
export const STATUS = {
  /** Not JSON, not UTF-8, nested too deep; a kubeconfig that cannot be used. */
  bad_request: 400,
  unauthorized: 401,
  /** Another origin. */
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  /** Not Content-Type: application/json. */
  unsupported_type: 415,
  /** Well-formed, but the fields have problems: `{issues: [{path, message}]}`. */
  invalid: 422,
  too_many_requests: 429,
  /** Anything unexpected: never with details (they could quote a secret). */
  internal: 500,
  /** A tool the server needs is missing (helm). */
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof STATUS;

/** One problem with a field of the request: where, and what to do. */
export type Issue = { path: (string | number)[]; message: string };

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** A JSON answer, never stored by a cache. */
export const json = (data: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(data, { status, headers: { ...NO_STORE, ...headers } });

/** A refusal or failure: `{error}` for a sentence, or the body as given (e.g. `{error, fix}`). */
export const problem = (
  code: ErrorCode,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
) => json(typeof body === 'string' ? { error: body } : body, STATUS[code], headers);

/** 422 naming each field's problem. */
export const invalid = (issues: Issue[]) => problem('invalid', { issues });

/** 403 for a request from another origin. */
export const crossOrigin = () => problem('forbidden', 'Cross-origin request refused.');

/** Nothing (more) to send, e.g. an event stream that has ended. */
export const noContent = () => new Response(null, { status: 204, headers: NO_STORE });

/** An NDJSON stream: one JSON value per line, as each is ready. */
export const ndjson = (body: ReadableStream<Uint8Array>) =>
  new Response(body, {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    },
  });

/** A file to save (`Content-Disposition: attachment`), streamed in 64 KiB chunks. */
export function download(bytes: Uint8Array, filename: string, type: string): Response {
  const chunk = 64 * 1024;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.subarray(i, i + chunk));
      c.close();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      ...NO_STORE,
      'Content-Type': type,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}

/**
 * A file to save whose size is not known yet (a dump as it is made): streamed as it comes; a
 * stream that errors cuts the answer, so the browser never sees it complete.
 */
export function streamDownload(
  body: ReadableStream<Uint8Array>,
  filename: string,
  type: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {
    status: 200,
    headers: {
      ...NO_STORE,
      ...headers,
      'Content-Type': type,
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}
