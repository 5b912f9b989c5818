import { isSameOrigin } from '@/lib/http/same-origin';
import { crossOrigin, errorResponse, json, readBody } from '@/lib/install/http';
import { startInstall } from '@/lib/install/service';
import { installRequestSchema } from './schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts an install/upgrade job, or joins the one running for the same context/namespace/release. */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, installRequestSchema);
  if (body instanceof Response) return body;
  try {
    const { job, joined } = await startInstall(body);
    return json({ jobId: job.id, joined }, joined ? 200 : 202);
  } catch (e) {
    return errorResponse(e);
  }
}
