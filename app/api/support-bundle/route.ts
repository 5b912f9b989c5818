import { isSameOrigin } from '@/lib/http/same-origin';
import { crossOrigin, errorResponse, NO_STORE, readBody } from '@/lib/install/http';
import { bundleFor, bundleRequestSchema } from '@/lib/support/service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * A support bundle (.tar.gz) as a download. POST, same-origin: the answers (whose secret values
 * the bundle is redacted of) travel only in the body, never in a URL.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossOrigin();
  const body = await readBody(req, bundleRequestSchema);
  if (body instanceof Response) return body;
  try {
    const bundle = await bundleFor(body);
    const bytes = new Uint8Array(bundle.bytes);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 64 * 1024)
          c.enqueue(bytes.subarray(i, i + 64 * 1024));
        c.close();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        ...NO_STORE,
        'Content-Type': 'application/gzip',
        'Content-Length': String(bytes.length),
        'Content-Disposition': `attachment; filename="${bundle.name}.tar.gz"`,
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}
