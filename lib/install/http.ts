import 'server-only';
/**
 * The install routes' shared HTTP handling: body size cap, zod parse into `{issues:[{path,message}]}`
 * (422), the lib errors mapped to statuses, `Cache-Control: no-store` on everything. Messages
 * never carry a secret: they name fields and say what to do.
 */
import type { z } from 'zod';
import { KubeconfigError } from '../cluster/kubeconfig';
import { HelmNotFoundError } from '../helm/find-helm';
import { RequestProblems } from '../target';
import { ConflictError, NotFoundError } from './release-actions';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** The largest body an install route reads (answers with certificates and a license fit in far less). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

type Issue = { path: (string | number)[]; message: string };

/** A 403 for a POST from another origin (the route calls isSameOrigin). */
export const crossOrigin = () =>
  Response.json({ error: 'Cross-origin request refused.' }, { status: 403, headers: NO_STORE });

export const json = (data: unknown, status = 200) =>
  Response.json(data, { status, headers: NO_STORE });
const issues = (list: Issue[], status = 422) => json({ issues: list }, status);

/** Reads and parses a JSON body with `schema`; a Response (4xx) when it is not acceptable. The route checks the origin first. */
export async function readBody<T extends z.ZodType>(
  req: Request,
  schema: T,
): Promise<z.infer<T> | Response> {
  const len = Number(req.headers.get('content-length') ?? '0');
  if (len > MAX_BODY_BYTES)
    return json({ error: `The body is larger than ${MAX_BODY_BYTES} bytes.` }, 413);
  const text = await req.text().catch(() => '');
  if (text.length > MAX_BODY_BYTES)
    return json({ error: `The body is larger than ${MAX_BODY_BYTES} bytes.` }, 413);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return issues([{ path: [], message: 'Send a JSON object.' }], 400);
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    return issues(
      r.error.issues.slice(0, 50).map((i) => ({
        path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: i.message,
      })),
    );
  return r.data;
}

/** Maps the install lib's errors to responses; anything else is a 500 without details. */
export function errorResponse(e: unknown): Response {
  if (e instanceof RequestProblems)
    return issues(e.problems.map((p) => ({ path: p.path.split('.'), message: p.message })));
  if (e instanceof KubeconfigError)
    return json({ error: e.problem.message, fix: e.problem.fix }, 400);
  if (e instanceof HelmNotFoundError) return json({ error: e.message }, 503);
  if (e instanceof NotFoundError) return json({ error: e.message }, 404);
  if (e instanceof ConflictError) return json({ error: e.message }, 409);
  console.error('install route failed:', (e as Error).name);
  return json({ error: 'The server failed to handle the request; see the server log.' }, 500);
}
