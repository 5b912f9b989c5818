import { safeIssue } from '@/lib/answers/issues';
import { BODY_LIMITS } from '@/lib/http/body-limits';
import { readJsonBody } from '@/lib/http/read-json';
import { inspectPem } from '@/lib/pem/inspect';
import { isSameOrigin } from '@/lib/http/same-origin';
import { pemRequestSchema } from './schema';

export const runtime = 'nodejs';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Inspects an uploaded certificate (and key); the key travels in the body only and is never
 * logged. 200 with the report; 422 when the fields or the certificate are unusable; 400/413/415
 * for a malformed request (128 KiB at most: a 64 KiB chain and a 16 KiB key, JSON-escaped).
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req))
    return Response.json(
      { error: 'Cross-origin request refused.' },
      { status: 403, headers: NO_STORE },
    );
  const body = await readJsonBody(req, BODY_LIMITS.pem);
  if (!body.ok)
    return Response.json({ error: body.error }, { status: body.status, headers: NO_STORE });
  const parsed = pemRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => safeIssue(i as Parameters<typeof safeIssue>[0]));
    return Response.json({ error: issues[0]?.message, issues }, { status: 422, headers: NO_STORE });
  }
  const report = inspectPem(parsed.data);
  return Response.json(report, { status: 'error' in report ? 422 : 200, headers: NO_STORE });
}
