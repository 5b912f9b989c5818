import { validateAnswers } from '@/lib/answers';
import { inspectCertificate } from '@/lib/pem/inspect';
import { isSameOrigin } from '../same-origin';

export const runtime = 'nodejs';

/**
 * Validates the wizard's answers with the shared schema: every issue at once, cross-field rules
 * included. 200 with no issues, 422 with `{issues: [{path, message}]}`. The answers carry secrets:
 * same-origin POST only, never cached, never logged.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return Response.json({ error: 'Cross-origin request refused.' }, { status: 403 });
  const r = validateAnswers(await req.json().catch(() => undefined), { inspectCertificate });
  const issues = r.success ? [] : r.issues;
  return Response.json({ issues }, { status: issues.length === 0 ? 200 : 422, headers: { 'Cache-Control': 'no-store' } });
}
