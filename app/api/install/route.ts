import { BODY_LIMITS } from '@/lib/http/body-limits';
import { json } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { startInstall } from '@/lib/install/service';
import { installRequestSchema } from './schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Starts an install/upgrade job (202), or joins the one running for the same context/namespace/release (200). */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/install'],
  schema: installRequestSchema,
  run: startInstall,
  respond: ({ job, joined }) => json({ jobId: job.id, joined }, joined ? 200 : 202),
});
