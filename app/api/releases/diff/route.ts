import { isSameOrigin } from '@/lib/http/same-origin';
import { crossOrigin, errorResponse, json, readBody } from '@/lib/install/http';
import { releaseDiff } from '@/lib/install/release-actions';
import { diffRequestSchema } from '../schema';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The release's current values (`helm get values`) against the new answers' values, secrets masked. */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, diffRequestSchema);
  if (body instanceof Response) return body;
  try {
    return json(await releaseDiff(body));
  } catch (e) {
    return errorResponse(e);
  }
}
