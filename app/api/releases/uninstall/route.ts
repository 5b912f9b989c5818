import { isSameOrigin } from '@/app/api/same-origin';
import { crossOrigin, errorResponse, json, readBody } from '@/lib/install/http';
import { uninstallRelease } from '@/lib/install/release-actions';
import { uninstallRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Uninstalls the release (after the dashboard's confirmation) as a job whose events stream. */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, uninstallRequestSchema);
  if (body instanceof Response) return body;
  try {
    const { job } = await uninstallRelease(body);
    return json({ jobId: job.id }, 202);
  } catch (e) {
    return errorResponse(e);
  }
}
