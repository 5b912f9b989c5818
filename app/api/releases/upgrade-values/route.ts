import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { upgradeValuesOfRelease } from '@/lib/install/upgrade-plan';
import { upgradeValuesRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The translated values-3.50.yaml of a live 3.9.4 release (secrets included), for the plan page's
 * download on the admin's click: POST so nothing sits in a URL, same-origin only, no-store; the
 * page hands it to the browser's download and keeps no copy.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/upgrade-values'],
  schema: upgradeValuesRequestSchema,
  run: upgradeValuesOfRelease,
});
