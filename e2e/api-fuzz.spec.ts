import http from 'node:http';
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { AUTH_HEADERS } from './access';
import { hostileBody, METHODS, mutatedAnswers, rng, ROUTES, type Rng } from './fuzz-cases';
import { e2ePort, startServer, type ServerProcess } from './server-process';

// A bounded attack on the production server (loopback only, about 3000 requests): malformed,
// oversized, deeply nested and hostile bodies and headers to every route. No answer may be a
// 5xx, the server must keep serving, and its memory must come back near where it started.
const PORT = e2ePort + 53;
const HOST = `127.0.0.1:${PORT}`;
const ORIGIN = `http://${HOST}`;
const LIMIT: Record<string, number> = {
  '/api/validate': 2 * 1_048_576,
  '/api/pem': 163_840,
  '/api/login': 4096,
};

type Reply = { status: number } | { error: string };

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Reply> {
  // as browsers do: a declared length (http.request would otherwise send the body chunked)
  if (body !== undefined && !('Transfer-Encoding' in headers))
    headers = { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
  return new Promise((resolve) => {
    // agent false: one connection per request, so no reply is lost to a keep-alive race
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method, path, headers, timeout: 30_000, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (e) => resolve({ error: e.message }));
      },
    );
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.on('timeout', () => req.destroy(new Error('timeout')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A request written byte by byte as given (things http.request refuses to send). */
function sendRaw(text: string): Promise<Reply> {
  return new Promise((resolve) => {
    const s = net.connect(PORT, '127.0.0.1');
    let got = '';
    s.setTimeout(20_000, () => s.destroy());
    s.on('data', (d) => (got += String(d)));
    s.on('close', () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      resolve(
        m
          ? { status: Number(m[1]) }
          : { error: `no status line: ${JSON.stringify(got.slice(0, 40))}` },
      );
    });
    s.on('error', () => undefined);
    // no half-close: the server may answer a request it rejects only while the socket is open
    s.on('data', () => got.includes('\r\n\r\n') && s.destroy());
    s.write(text);
  });
}

function headersFor(r: Rng): Record<string, string> {
  const h: Record<string, string> = {};
  h['Host'] = r.pick([
    HOST,
    HOST,
    HOST,
    'evil.example',
    `localhost:${PORT}`,
    `[::1]:${PORT}`,
    '127.0.0.1',
    'a'.repeat(300),
  ]);
  const origin = r.pick([
    ORIGIN,
    ORIGIN,
    ORIGIN,
    'http://evil.example',
    `https://${HOST}`,
    'null',
    '',
    'not a url',
  ]);
  if (origin) h['Origin'] = origin;
  // most requests carry the run's token, so the hostile parts reach the routes behind the guard
  if (r.next() < 0.9) h['Authorization'] = AUTH_HEADERS.Authorization;
  const type = r.pick([
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ]);
  if (type) h['Content-Type'] = type;
  if (r.next() < 0.2) h['Sec-Fetch-Site'] = r.pick(['same-origin', 'cross-site', 'none', 'bogus']);
  if (r.next() < 0.2) h['X-Forwarded-Host'] = r.pick(['evil.example', HOST]);
  if (r.next() < 0.2)
    h['Cookie'] = r.pick(['lw_session=x', 'lw_session=' + 'a'.repeat(4000), '=;;=;', 'a=\u00ff']);
  if (r.next() < 0.1) h['X-LW-Peer'] = 'spoofed';
  return h;
}

let server: ServerProcess;
let baselineKiB = 0;
const tally = new Map<string, number>();
const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  server = await startServer({ HOST: '127.0.0.1', PORT: String(PORT) }, ORIGIN);
  for (let i = 0; i < 100; i++)
    await send(
      'POST',
      '/api/validate',
      { Host: HOST, Origin: ORIGIN, 'Content-Type': 'application/json', ...AUTH_HEADERS },
      JSON.stringify(mutatedAnswers(rng(i))),
    );
  baselineKiB = server.rssKiB();
});
test.afterAll(async () => {
  console.log(
    `fuzz: ${[...tally].map(([k, v]) => `${k}×${v}`).join(', ')}; RSS baseline ${Math.round(baselineKiB / 1024)} MiB, after ${Math.round(server.rssKiB() / 1024)} MiB`,
  );
  await server?.stop();
});

/** Runs `n` requests, `parallel` at a time; returns the ones that got a 5xx or no answer. */
async function attack(
  n: number,
  parallel: number,
  one: (i: number) => Promise<{ what: string; reply: Reply; ok: (s: number) => boolean }>,
) {
  const bad: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const { what, reply, ok } = await one(next++);
        if ('error' in reply) bad.push(`${what}: ${reply.error}`);
        else {
          count(String(reply.status));
          if (reply.status >= 500 || !ok(reply.status)) bad.push(`${what}: ${reply.status}`);
        }
      }
    }),
  );
  return bad;
}

test('hostile bodies and headers to every route and method: no 5xx, and malformed requests get 4xx', async () => {
  test.setTimeout(240_000);
  const bad = await attack(2000, 6, async (i) => {
    const r = rng(1000 + i);
    const method = r.pick(METHODS);
    const path = r.pick(ROUTES);
    const headers = headersFor(r);
    const body = method === 'GET' || method === 'HEAD' ? undefined : hostileBody(r);
    if (body !== undefined && r.next() < 0.1) headers['Transfer-Encoding'] = 'chunked';
    let reply = await send(method, path, headers, body);
    // a body over the route's limit is refused before it is read, and the connection closed
    // while the client may still be writing: that reset is the refusal
    const over =
      body !== undefined && Buffer.byteLength(body) > (LIMIT[path.split('?')[0]!] ?? 65_536);
    if (over && 'error' in reply && /ECONNRESET|EPIPE/.test(reply.error)) reply = { status: 413 };
    const guarded =
      headers['Host'] !== HOST &&
      !headers['Host']?.startsWith('localhost:') &&
      !headers['Host']?.startsWith('[::1]:');
    // 200 only for what is well-formed: a page GET, or a JSON object of answers to validate.
    const ok = (s: number) =>
      s < 500 &&
      (s >= 400 ||
        (!guarded &&
          (method === 'GET' ||
            method === 'HEAD' ||
            path.startsWith('/api/validate') ||
            path === '/api/pem')));
    return {
      what: `${method} ${path.slice(0, 40)} ${JSON.stringify(headers).slice(0, 120)}`,
      reply,
      ok,
    };
  });
  expect(bad).toEqual([]);
});

test('well-formed requests with hostile answers reach the schema: 200 with issues, or a 4xx; never a 5xx', async () => {
  test.setTimeout(240_000);
  const bad = await attack(1000, 6, async (i) => {
    const r = rng(9000 + i);
    const pem = r.next() < 0.25;
    const body = pem
      ? JSON.stringify({
          crt: r.pick([
            '',
            'x',
            '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
            '-----BEGIN CERTIFICATE-----'.repeat(r.pick([10, 2000])),
          ]),
          endpoint: r.pick(['', 'a'.repeat(300), 'lightrun.example.com']),
          ...(r.next() < 0.5
            ? { key: r.pick(['', '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----']) }
            : {}),
        })
      : JSON.stringify(mutatedAnswers(r));
    const path = pem ? '/api/pem' : '/api/validate';
    let reply = await send(
      'POST',
      path,
      { Host: HOST, Origin: ORIGIN, 'Content-Type': 'application/json', ...AUTH_HEADERS },
      body,
    );
    const over = Buffer.byteLength(body) > LIMIT[path]!;
    if (over && 'error' in reply && /ECONNRESET|EPIPE/.test(reply.error)) reply = { status: 413 };
    // validate: an object of answers is a completed check (200) unless too large or too deep (413, 400)
    const ok = (s: number) =>
      pem ? [200, 413, 422].includes(s) : over ? s === 413 : [200, 400].includes(s);
    return { what: `${path} ${body.length} bytes`, reply, ok };
  });
  expect(bad).toEqual([]);
});

test('oversized bodies (up to 24 MB, declared or streamed) are cut off: 413, or 411 without a length', async () => {
  test.setTimeout(120_000);
  const bad = await attack(60, 3, async (i) => {
    const r = rng(5000 + i);
    const path = r.pick(['/api/validate', '/api/pem', '/api/login']);
    const size = r.pick([3 * 1_048_576, 24 * 1_048_576, 300_000]);
    const chunked = r.next() < 0.3;
    const body = Buffer.alloc(size, r.pick(['[', 'a', ' ']));
    const reply = await send(
      'POST',
      path,
      {
        Host: HOST,
        Origin: ORIGIN,
        'Content-Type': 'application/json',
        ...AUTH_HEADERS,
        ...(chunked ? { 'Transfer-Encoding': 'chunked' } : {}),
      },
      body,
    );
    // declared and over the route's limit: 413 before a byte is read; under it: 400 for the bad
    // JSON; streamed without a length: 411
    const over = size > LIMIT[path]!;
    const ok = (s: number) => (chunked ? s === 411 : over ? s === 413 : s === 400);
    const reset = 'error' in reply && /EPIPE|ECONNRESET/.test(reply.error);
    return {
      what: `${path} ${size}${chunked ? ' chunked' : ''}`,
      reply: reset ? { status: chunked ? 411 : 413 } : reply,
      ok,
    };
  });
  expect(bad).toEqual([]);
});

test('malformed HTTP (bad request lines, huge or broken headers, lying lengths) gets 4xx', async () => {
  test.setTimeout(120_000);
  const raws = [
    `GET / HTTP/1.1\r\nHost: ${HOST}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    `FOO / HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`,
    `GET /\r\n\r\n`,
    `POST /api/validate HTTP/1.1\r\nHost: ${HOST}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST /api/validate HTTP/1.1\r\nHost: ${HOST}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
    `POST /api/validate HTTP/1.1\r\nHost: ${HOST}\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${HOST}\r\nHost: evil.example\r\n\r\n`,
    `GET / HTTP/1.1\r\n\r\n`,
    `GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n`,
    `GET http://evil.example/ HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`,
    `GET //evil.example/ HTTP/1.1\r\nHost: ${HOST}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: ${HOST}\r\nBad Header: x\r\n\r\n`,
  ];
  const bad = await attack(raws.length * 5, 2, async (i) => {
    const raw = raws[i % raws.length]!;
    return {
      what: JSON.stringify(raw.slice(0, 60)),
      reply: await sendRaw(raw),
      ok: (s) => s >= 400 && s < 500,
    };
  });
  expect(bad).toEqual([]);
});

test('afterwards the server still serves, and its memory is back near the baseline', async () => {
  test.setTimeout(90_000);
  expect(await send('GET', '/', { Host: HOST, ...AUTH_HEADERS })).toEqual({ status: 200 });
  expect(
    await send(
      'POST',
      '/api/validate',
      { Host: HOST, Origin: ORIGIN, 'Content-Type': 'application/json', ...AUTH_HEADERS },
      '{}',
    ),
  ).toEqual({ status: 200 });
  // The unbounded server reached 3.7 GB on one 16 MB body; bounded, memory returns to within a
  // few tens of MB of its warm baseline once V8 collects. Right after the fuzz the process still
  // holds ~200 MB of garbage (measured: 197–209 MB for 3–8 s, then 12–18 MB), so the check waits
  // for the collection instead of reading once after 3 s, and holds a bound of 64 MB.
  await expect
    .poll(() => server.rssKiB() - baselineKiB, { timeout: 45_000, intervals: [1000] })
    .toBeLessThan(64 * 1024);
  expect(server.log()).not.toMatch(/at .*\(.*\.js:\d+:\d+\)|Error:/);
});
