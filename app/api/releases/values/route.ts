import { isSameOrigin } from '@/lib/http/same-origin';
import { crossOrigin, errorResponse, json, readBody } from '@/lib/install/http';
import { releaseValues } from '@/lib/install/release-actions';
import { valuesRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The installed release's values (secrets included) for "start from this release": POST so they
 * never sit in a URL, same-origin only, no-store; the page keeps them in memory.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, valuesRequestSchema);
  if (body instanceof Response) return body;
  try {
    return json(await releaseValues(body));
  } catch (e) {
    return errorResponse(e);
  }
}
