import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { releaseDiff } from '@/lib/install/release-actions';
import { diffRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The release's current values (`helm get values`) against the new answers' values, secrets masked. */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/diff'],
  schema: diffRequestSchema,
  run: releaseDiff,
});
