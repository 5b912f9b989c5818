import { validateAnswers } from '@/lib/answers';
import { BODY_LIMITS } from '@/lib/http/body-limits';
import { readJsonBody } from '@/lib/http/read-json';
import { crossOrigin, json, problem } from '@/lib/http/respond';
import { isSameOrigin } from '@/lib/http/same-origin';
import { inspectCertificate, inspectCaCertificate } from '@/lib/pem/inspect';

export const runtime = 'nodejs';

/**
 * Validates the wizard's answers with the shared schema: every issue at once (at most 100 and a
 * count), cross-field rules included. A well-formed request is answered 200 `{issues}` — empty
 * when the answers are valid: an incomplete form is a successful validation, not a failed
 * request. Malformed requests get 4xx `{error}` (400 not JSON / too deep / not an object, 413
 * over 2 MiB, 415 not JSON). The answers carry secrets: same-origin POST only, never cached,
 * never logged.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readJsonBody(req, BODY_LIMITS['/api/validate']);
  if (!body.ok) return problem(body.code, body.error);
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value))
    return problem('bad_request', 'Send the answers as one JSON object.');
  const r = validateAnswers(body.value, { inspectCertificate, inspectCaCertificate });
  return json({ issues: r.success ? [] : r.issues });
}
