import { BODY_LIMITS } from '@/lib/http/body-limits';
import { jsonRoute } from '@/lib/http/route';
import { uninstallPreview } from '@/lib/install/release-actions';
import { leftoversRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** What an uninstall of the release would leave (claims with their size, Secrets, the namespace). */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/releases/leftovers'],
  schema: leftoversRequestSchema,
  run: uninstallPreview,
});
