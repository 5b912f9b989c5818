import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { releaseValues } from '@/lib/install/release-actions';
import { valuesRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The installed release's values (secrets included) for "start from this release": POST so they
 * never sit in a URL, same-origin only, no-store; the page keeps them in memory.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/values'],
  schema: valuesRequestSchema,
  run: releaseValues,
});
