import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { listReleases } from '@/lib/install/release-list';
import { listRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The releases of the cluster (names, namespaces, chart, status; never values), for "Upgrade this
 * release" from the start page and the install panel. POST from the wizard's own origin, as the
 * other release routes.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/list'],
  schema: listRequestSchema,
  run: listReleases,
});
