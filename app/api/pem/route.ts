import { inspectPem } from '@/lib/pem/inspect';
import { isSameOrigin } from '../same-origin';
import { pemRequestSchema } from './schema';

export const runtime = 'nodejs';

/** Inspects an uploaded certificate (and key); the key travels in the body only and is never logged. */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return Response.json({ error: 'Cross-origin request refused.' }, { status: 403 });
  const parsed = pemRequestSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) {
    return Response.json({ issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) }, { status: 422 });
  }
  const report = inspectPem(parsed.data);
  return Response.json(report, { status: 'error' in report ? 422 : 200, headers: { 'Cache-Control': 'no-store' } });
}
