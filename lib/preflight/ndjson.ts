/** An async iterable as an NDJSON byte stream: one JSON value per line, pulled one at a time. PURE. */
export function toNdjsonStream<T>(
  source: AsyncIterable<T>,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  const enc = new TextEncoder();
  const end = () => void it.return?.(undefined);
  signal?.addEventListener('abort', end, { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (signal?.aborted) return controller.close();
      const { value, done } = await it.next();
      if (done) {
        signal?.removeEventListener('abort', end);
        return controller.close();
      }
      controller.enqueue(enc.encode(`${JSON.stringify(value)}\n`));
    },
    cancel: end,
  });
}

/** Reads NDJSON lines from a byte stream as they arrive (the browser side of the same wire). */
export async function* readNdjson(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buf += dec.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) yield JSON.parse(line);
    }
    if (done) break;
  }
  if (buf.trim()) yield JSON.parse(buf);
}
