import { getEventListeners } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  encodeSseBytes,
  encodeSseMessage,
  sharedEncoder,
  toSseStream,
  type SseMessage,
} from './sse';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let out = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out += dec.decode(value);
  }
}
async function* from(msgs: SseMessage[]): AsyncGenerator<SseMessage> {
  for (const m of msgs) yield m;
}

describe('encodeSseMessage', () => {
  it.each([
    [{ data: 'x' }, 'data: x\n\n'],
    [{ id: 7, event: 'pod', data: '{"a":1}' }, 'id: 7\nevent: pod\ndata: {"a":1}\n\n'],
    [{ data: 'one\ntwo\r\nthree\rfour' }, 'data: one\ndata: two\ndata: three\ndata: four\n\n'],
    [{ data: '' }, 'data: \n\n'],
    [{ data: 'a\n' }, 'data: a\ndata: \n\n'],
    [{ id: '1\n2', event: 'e\r\nvil', data: 'x' }, 'id: 1 2\nevent: e vil\ndata: x\n\n'],
  ] as const)('%j', (m, text) => {
    expect(encodeSseMessage(m)).toBe(text);
  });
});

describe('toSseStream', () => {
  it('writes retry first, then every message, and closes when the source ends', async () => {
    const text = await readAll(
      toSseStream(
        from([
          { id: 1, event: 'step', data: 'a' },
          { id: 2, event: 'pod', data: 'b\nc' },
        ]),
        { retryMs: 1500 },
      ),
    );
    expect(text).toBe(
      'retry: 1500\n\nid: 1\nevent: step\ndata: a\n\nid: 2\nevent: pod\ndata: b\ndata: c\n\n',
    );
  });

  it('sends a heartbeat during silence and does not lose the message that arrives after it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* slow(): AsyncGenerator<SseMessage> {
      await gate;
      yield { id: 1, data: 'late' };
    }
    const reader = toSseStream(slow(), { heartbeatMs: 20 }).getReader();
    const dec = new TextDecoder();
    const chunks: string[] = [];
    chunks.push(dec.decode((await reader.read()).value)); // retry
    chunks.push(dec.decode((await reader.read()).value)); // heartbeat
    chunks.push(dec.decode((await reader.read()).value)); // heartbeat again
    release();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(dec.decode(value));
    }
    expect(chunks.slice(0, 3)).toEqual(['retry: 2000\n\n', ':\n\n', ':\n\n']);
    expect(chunks.filter((c) => c !== ':\n\n').slice(1)).toEqual(['id: 1\ndata: late\n\n']);
  });

  it('abort ends a stream that waits on a silent source', async () => {
    const ac = new AbortController();
    async function* silent(): AsyncGenerator<SseMessage> {
      yield { id: 1, data: 'first' };
      await new Promise(() => undefined);
    }
    const reader = toSseStream(silent(), { signal: ac.signal, heartbeatMs: 10_000 }).getReader();
    const dec = new TextDecoder();
    expect(dec.decode((await reader.read()).value)).toBe('retry: 2000\n\n');
    expect(dec.decode((await reader.read()).value)).toBe('id: 1\ndata: first\n\n');
    const next = reader.read();
    ac.abort();
    expect(await next).toEqual({ value: undefined, done: true });
  });

  it("abort runs the source's finally (a watch unsubscribes)", async () => {
    let cleaned = false;
    async function* parked(): AsyncGenerator<SseMessage> {
      try {
        yield { data: 'x' };
        yield { data: 'y' };
      } finally {
        cleaned = true;
      }
    }
    const ac = new AbortController();
    const reader = toSseStream(parked(), { signal: ac.signal }).getReader();
    await reader.read();
    await reader.read();
    ac.abort();
    expect(await reader.read()).toEqual({ value: undefined, done: true });
    await Promise.resolve();
    expect(cleaned).toBe(true);
  });

  it('an already-aborted signal yields only the retry line', async () => {
    const ac = new AbortController();
    ac.abort();
    expect(await readAll(toSseStream(from([{ data: 'x' }]), { signal: ac.signal }))).toBe(
      'retry: 2000\n\n',
    );
  });

  it('cancel by the reader stops the source', async () => {
    let cleaned = false;
    async function* gen(): AsyncGenerator<SseMessage> {
      try {
        yield { data: 'a' };
        yield { data: 'b' };
      } finally {
        cleaned = true;
      }
    }
    const reader = toSseStream(gen()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    await Promise.resolve();
    expect(cleaned).toBe(true);
  });

  it('a source error errors the stream', async () => {
    async function* bad(): AsyncGenerator<SseMessage> {
      yield { data: 'ok' };
      throw new Error('watch failed');
    }
    await expect(readAll(toSseStream(bad()))).rejects.toThrow('watch failed');
  });
});

describe('toSseStream holds nothing per message sent', () => {
  // A dashboard stays open for days: what a stream keeps must not grow with the events it sends.
  const drain = async (n: number, signal: AbortSignal) => {
    const chunk = encodeSseBytes({ id: 1, data: 'x' });
    async function* source() {
      for (let i = 0; i < n; i++) yield chunk;
    }
    const reader = toSseStream(source(), { signal, heartbeatMs: 60_000 }).getReader();
    let got = 0;
    while (!(await reader.read()).done) got++;
    return got;
  };

  it('no abort listener is left behind by the pulls', async () => {
    const ac = new AbortController();
    expect(await drain(2000, ac.signal)).toBe(2001); // the retry line, then every message
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
  });

  it('the heap after 60,000 more messages on one open stream is what it was (no per-message reaction kept)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const ac = new AbortController();
    const chunk = encodeSseBytes({ id: 1, data: 'x' });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    async function* source() {
      for (let i = 0; ; i++) {
        if (i === 10_000) await gate;
        if (i === 60_000) await new Promise(() => undefined); // silent from here on
        yield chunk;
      }
    }
    const reader = toSseStream(source(), { signal: ac.signal, heartbeatMs: 60_000 }).getReader();
    const pump = async (n: number) => {
      for (let i = 0; i < n; i++) await reader.read();
    };
    await pump(10_001); // warm up: the retry line and 10,000 messages
    const waiting = reader.read();
    gc();
    const before = process.memoryUsage().heapUsed;
    release();
    await waiting;
    await pump(49_999);
    const last = reader.read();
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    ac.abort();
    await last;
    // Racing the stream-long abort promise kept ~200 B per message: 12 MB here. Allow 3 MB of noise.
    expect(growth).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('sharedEncoder', () => {
  it('encodes an item once: the same bytes for every later caller, equal to encodeSseMessage', () => {
    let calls = 0;
    const enc = sharedEncoder((e: { id: number; v: string }) => {
      calls++;
      return { id: e.id, event: 'install', data: JSON.stringify(e) };
    });
    const a = { id: 3, v: 'x' };
    const b = { id: 3, v: 'x' };
    const first = enc(a);
    expect(enc(a)).toBe(first);
    expect(calls).toBe(1);
    expect(new TextDecoder().decode(first)).toBe(
      encodeSseMessage({ id: 3, event: 'install', data: '{"id":3,"v":"x"}' }),
    );
    // another object with equal content is its own entry (keyed by identity, never by content)
    expect(enc(b)).not.toBe(first);
    expect(calls).toBe(2);
  });

  it('toSseStream sends encoded bytes verbatim, between encoded messages', async () => {
    async function* mixed(): AsyncGenerator<SseMessage | Uint8Array> {
      yield encodeSseBytes({ id: 1, data: 'a' });
      yield { id: 2, data: 'b' };
    }
    expect(await readAll(toSseStream(mixed(), { retryMs: 10 }))).toBe(
      'retry: 10\n\nid: 1\ndata: a\n\nid: 2\ndata: b\n\n',
    );
  });
});
