import { validateAnswers } from '@/lib/answers';
import { BODY_LIMITS } from '@/lib/http/body-limits';
import { readJsonBody } from '@/lib/http/read-json';
import { inspectCertificate } from '@/lib/pem/inspect';
import { isSameOrigin } from '@/lib/http/same-origin';

export const runtime = 'nodejs';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Validates the wizard's answers with the shared schema: every issue at once (at most 100 and a
 * count), cross-field rules included. A well-formed request is answered 200 `{issues}` — empty
 * when the answers are valid: an incomplete form is a successful validation, not a failed
 * request. Malformed requests get 4xx `{error}` (400 not JSON / too deep / not an object, 413
 * over 2 MiB, 415 not JSON). The answers carry secrets: same-origin POST only, never cached,
 * never logged.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req))
    return Response.json(
      { error: 'Cross-origin request refused.' },
      { status: 403, headers: NO_STORE },
    );
  const body = await readJsonBody(req, BODY_LIMITS.validate);
  if (!body.ok)
    return Response.json({ error: body.error }, { status: body.status, headers: NO_STORE });
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return Response.json(
      { error: 'Send the answers as one JSON object.' },
      { status: 400, headers: NO_STORE },
    );
  }
  const r = validateAnswers(body.value, { inspectCertificate });
  return Response.json({ issues: r.success ? [] : r.issues }, { status: 200, headers: NO_STORE });
}
