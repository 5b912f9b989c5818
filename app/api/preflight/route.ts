import { isSameOrigin } from '@/lib/http/same-origin';
import { toNdjsonStream } from '@/lib/preflight/ndjson';
import { preflightRequestSchema, preflightStream, resolvePreflight } from '@/lib/preflight/service';
import { crossOrigin, errorResponse, NO_STORE, readBody } from '@/lib/install/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Runs every preflight check for the answers against the chosen context. NDJSON: the first line
 * is the plan (`{plan: [{id, title, timeoutMs}]}`), then one check result per line in the order
 * they finish. 422 with the field issues for bad input.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, preflightRequestSchema);
  if (body instanceof Response) return body;
  let resolved;
  try {
    resolved = resolvePreflight(body);
  } catch (e) {
    return errorResponse(e);
  }
  return new Response(toNdjsonStream(preflightStream(resolved, req.signal), req.signal), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
