import { safeIssue } from '@/lib/answers/issues';
import { BODY_LIMITS } from '@/lib/http/body-limits';
import { readJsonBody } from '@/lib/http/read-json';
import { crossOrigin, json, problem } from '@/lib/http/respond';
import { isSameOrigin } from '@/lib/http/same-origin';
import { inspectPem } from '@/lib/pem/inspect';
import { pemRequestSchema } from './schema';

export const runtime = 'nodejs';

/**
 * Inspects an uploaded certificate (and key); the key travels in the body only and is never
 * logged. 200 with the report; 422 when the fields or the certificate are unusable; 400/413/415
 * for a malformed request (128 KiB at most: a 64 KiB chain and a 16 KiB key, JSON-escaped).
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readJsonBody(req, BODY_LIMITS['/api/pem']);
  if (!body.ok) return problem(body.code, body.error);
  const parsed = pemRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => safeIssue(i as Parameters<typeof safeIssue>[0]));
    return problem('invalid', { error: issues[0]?.message, issues });
  }
  const report = inspectPem(parsed.data);
  return 'error' in report ? problem('invalid', report) : json(report);
}
