import { isSameOrigin } from '@/app/api/same-origin';
import { crossOrigin, errorResponse, json, readBody } from '@/lib/install/http';
import { rollbackRelease } from '@/lib/install/release-actions';
import { rollbackRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Rolls back (to `revision`, else the previous deployed one) as a job whose events stream. */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, rollbackRequestSchema);
  if (body instanceof Response) return body;
  try {
    const { job } = await rollbackRelease(body);
    return json({ jobId: job.id }, 202);
  } catch (e) {
    return errorResponse(e);
  }
}
