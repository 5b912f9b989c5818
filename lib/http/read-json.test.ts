import { describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json';

const limits = { maxBytes: 64, maxDepth: 3, what: 'this test route' };
const req = (
  body: BodyInit | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
  new Request('http://127.0.0.1/x', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);

/** A body that never ends: proves the reader stops at the limit instead of buffering it all. */
function endless(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      sent++;
      c.enqueue(new TextEncoder().encode('[1,'.repeat(10)));
      if (sent > 1_000_000) c.close();
    },
  });
}

describe('readJsonBody', () => {
  it.each([
    ['exactly at the limit', req(`"${'x'.repeat(62)}"`), { ok: true, value: 'x'.repeat(62) }],
    [
      'one byte over the limit',
      req(`"${'x'.repeat(63)}"`),
      {
        ok: false,
        code: 'too_large',
        error: 'The request is larger than 64 bytes, the most this test route can take.',
      },
    ],
    [
      'a declared length over the limit',
      req('{}', { 'content-type': 'application/json', 'content-length': '65' }),
      {
        ok: false,
        code: 'too_large',
        error: 'The request is larger than 64 bytes, the most this test route can take.',
      },
    ],
    [
      'an endless stream',
      req(endless()),
      {
        ok: false,
        code: 'too_large',
        error: 'The request is larger than 64 bytes, the most this test route can take.',
      },
    ],
    [
      'another content type',
      req('{}', { 'content-type': 'text/plain' }),
      {
        ok: false,
        code: 'unsupported_type',
        error: 'Send the request as Content-Type: application/json.',
      },
    ],
    [
      'JSON with a charset',
      req('{"a":1}', { 'content-type': 'application/json; charset=utf-8' }),
      { ok: true, value: { a: 1 } },
    ],
    [
      'invalid JSON, not quoted back',
      req('{"secret": hunter2}'),
      { ok: false, code: 'bad_request', error: 'The request body is not valid JSON.' },
    ],
    [
      'invalid UTF-8',
      req(new Uint8Array([0x22, 0xff, 0x22])),
      { ok: false, code: 'bad_request', error: 'The request body is not valid UTF-8.' },
    ],
    ['depth at the limit', req('[[[1]]]'), { ok: true, value: [[[1]]] }],
    [
      'depth over the limit',
      req('[[[[1]]]]'),
      { ok: false, code: 'bad_request', error: 'The JSON is nested deeper than 3 levels.' },
    ],
    [
      'no body',
      req(null),
      { ok: false, code: 'bad_request', error: 'The request body is not valid JSON.' },
    ],
  ])('%s', async (_, r, expected) => {
    expect(await readJsonBody(r, limits)).toEqual(expected);
  });

  it.each([
    ['[1]', { ok: true, value: [1] }],
    ['[[1]]', { ok: false, code: 'bad_request', error: 'The JSON is nested deeper than 1 level.' }],
  ])('a flat object only (maxDepth 1): %s', async (body, expected) => {
    expect(await readJsonBody(req(body), { ...limits, maxDepth: 1 })).toEqual(expected);
  });
});
