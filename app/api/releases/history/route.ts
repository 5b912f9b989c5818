import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { releaseHistory } from '@/lib/install/release-actions';
import { historyRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The release's revisions (newest first) and, for `revision`, its values against the current ones (masked). */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/history'],
  schema: historyRequestSchema,
  run: releaseHistory,
});
