/**
 * Server-Sent Events wire encoding: an async iterable of messages → a `ReadableStream` for a route
 * handler's `Response`, built with the Next docs' `pull()` pattern (one message per pull, so a slow
 * client applies back-pressure to the producer). PURE apart from timers: runs in Node and tests.
 */

export interface SseMessage {
  /** The event id the browser echoes back as `Last-Event-ID` on reconnect. */
  id?: string | number;
  /** The event name (`addEventListener(name, …)`); omitted → "message". */
  event?: string;
  /** The payload; multi-line text is split into one `data:` line per line. */
  data: string;
}

export interface SseOptions {
  /** Aborting (the route passes `request.signal`) ends the stream and the source iterator. */
  signal?: AbortSignal;
  /** Reconnect delay the browser should use, sent first as `retry:`. Default 2000 ms. */
  retryMs?: number;
  /** A `:` comment line is sent after this much silence, so proxies keep the connection. Default 15000 ms. */
  heartbeatMs?: number;
}

const encoder = new TextEncoder();
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

/** One message in the SSE text format (ends with the blank line that dispatches it). */
export function encodeSseMessage(m: SseMessage): string {
  let out = '';
  if (m.id !== undefined) out += `id: ${oneLine(String(m.id))}\n`;
  if (m.event !== undefined) out += `event: ${oneLine(m.event)}\n`;
  for (const line of m.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** One message as the bytes a stream sends. */
export function encodeSseBytes(m: SseMessage): Uint8Array {
  return encoder.encode(encodeSseMessage(m));
}

/**
 * An encoder that encodes each message object once and hands every later caller the same bytes:
 * with N dashboards following one job, an event is serialised once, not N times (the per-viewer
 * strings and buffers were what grew the server's memory with the number of viewers). Keyed
 * weakly by the object the message is made from, so nothing outlives its job log.
 */
export function sharedEncoder<T extends object>(
  toMessage: (item: T) => SseMessage,
): (item: T) => Uint8Array {
  const cache = new WeakMap<T, Uint8Array>();
  return (item) => {
    let bytes = cache.get(item);
    if (bytes === undefined) {
      bytes = encodeSseBytes(toMessage(item));
      cache.set(item, bytes);
    }
    return bytes;
  };
}

const HEARTBEAT = Symbol('heartbeat');
const ABORTED = Symbol('aborted');

/**
 * Turn messages (or messages already encoded, see sharedEncoder) into an SSE byte stream: a `retry:` line first, then each message, a `:` heartbeat
 * during silences; it closes when the source ends, and on abort or cancel it stops and calls the
 * source's `return()` (so a generator's `finally` unsubscribes its watch).
 */
export function toSseStream(
  source: AsyncIterable<SseMessage | Uint8Array>,
  opts: SseOptions = {},
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const signal = opts.signal;
  let pending: Promise<IteratorResult<SseMessage | Uint8Array>> | undefined;
  let finished = false;
  const finish = (controller?: ReadableStreamDefaultController<Uint8Array>) => {
    if (finished) return;
    finished = true;
    void iterator.return?.()?.catch(() => undefined);
    controller?.close();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`retry: ${opts.retryMs ?? 2000}\n\n`));
    },
    async pull(controller) {
      if (finished) return;
      if (signal?.aborted) return finish(controller);
      pending ??= iterator.next();
      // Everything this pull waits on is its own and let go when it ends: a timer, an abort
      // listener removed in finally, and one reaction on `pending`. (Racing a promise that lives
      // as long as the stream — "aborted" — added a reaction to it on every pull that was never
      // released: a stream's memory grew with every event it sent, ~0.5 KiB each.)
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<typeof HEARTBEAT | typeof ABORTED>((resolve) => {
        timer = setTimeout(() => resolve(HEARTBEAT), heartbeatMs);
        onAbort = () => resolve(ABORTED);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const winner = await Promise.race([pending, stop]);
        if (winner === HEARTBEAT) return controller.enqueue(encoder.encode(':\n\n'));
        if (winner === ABORTED) return finish(controller);
        pending = undefined;
        if (winner.done) return finish(controller);
        // Already-encoded messages (sharedEncoder) are sent as they are; never written to after.
        controller.enqueue(
          winner.value instanceof Uint8Array ? winner.value : encodeSseBytes(winner.value),
        );
      } catch (err) {
        finished = true;
        controller.error(err);
      } finally {
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      }
    },
    cancel() {
      finish();
    },
  });
}

/** The response headers of an SSE route. */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
});
