import { BODY_LIMITS } from '@/lib/http/body-limits';
import { download } from '@/lib/http/respond';
import { jsonRoute } from '@/lib/http/route';
import { bundleFor, bundleRequestSchema } from '@/lib/support/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * A support bundle (.tar.gz) as a download. POST, same-origin: the answers (whose secret values
 * the bundle is redacted of) travel only in the body, never in a URL.
 */
export const POST = jsonRoute({
  limits: BODY_LIMITS['/api/support-bundle'],
  schema: bundleRequestSchema,
  run: bundleFor,
  respond: (bundle) =>
    download(new Uint8Array(bundle.bytes), `${bundle.name}.tar.gz`, 'application/gzip'),
});
