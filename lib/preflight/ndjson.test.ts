import { describe, expect, it } from 'vitest';
import { readNdjson, toNdjsonStream } from './ndjson';

async function* gen(xs: unknown[]) {
  for (const x of xs) yield x;
}

const collect = async (s: ReadableStream<Uint8Array>) => {
  const out: unknown[] = [];
  for await (const v of readNdjson(s)) out.push(v);
  return out;
};

describe('ndjson', () => {
  it('round-trips values, one line each', async () => {
    const xs = [{ id: 'a', message: 'line\nbreak' }, { id: 'b' }, 3];
    expect(await collect(toNdjsonStream(gen(xs)))).toEqual(xs);
    const text = await new Response(toNdjsonStream(gen(xs))).text();
    expect(text).toBe('{"id":"a","message":"line\\nbreak"}\n{"id":"b"}\n3\n');
  });

  it('reads lines split across chunks', async () => {
    const enc = new TextEncoder();
    const chunks = ['{"a":', '1}\n{"b"', ':2}\n', '{"c":3}'];
    const s = new ReadableStream<Uint8Array>({
      start(c) {
        chunks.forEach((x) => c.enqueue(enc.encode(x)));
        c.close();
      },
    });
    expect(await collect(s)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('an aborted request ends the source', async () => {
    let finished = false;
    async function* slow() {
      try {
        yield 1;
        await new Promise((r) => setTimeout(r, 50));
        yield 2;
      } finally {
        finished = true;
      }
    }
    const ac = new AbortController();
    const reader = toNdjsonStream(slow(), ac.signal).getReader();
    expect((await reader.read()).done).toBe(false);
    ac.abort();
    await new Promise((r) => setTimeout(r, 80));
    expect(finished).toBe(true);
  });
});
