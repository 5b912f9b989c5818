import { BODY_LIMITS } from '@/lib/http/body-limits';
import { ndjson } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { requestSource } from '@/lib/http/server-state';
import { toNdjsonStream } from '@/lib/preflight/ndjson';
import { preflightRequestSchema, preflightStream, resolvePreflight } from '@/lib/preflight/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Runs every preflight check for the answers against the chosen context. NDJSON: the first line
 * is the plan (`{plan: [{id, title, timeoutMs}]}`), then one check result per line in the order
 * they finish. 422 with the field issues for bad input.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/preflight'],
  schema: preflightRequestSchema,
  run: resolvePreflight,
  // Probes of the answers' hosts are limited per caller (lib/preflight/probe-limit.ts).
  respond: (request, req) =>
    ndjson(toNdjsonStream(preflightStream(request, requestSource(req), req.signal), req.signal)),
});
