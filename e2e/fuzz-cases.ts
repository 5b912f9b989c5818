import { defaultAnswers } from '../lib/answers/defaults';

/** A deterministic PRNG (mulberry32): the same seed sends the same requests. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
export type Rng = ReturnType<typeof rng>;

/** Values that have broken parsers and validators somewhere. */
export function hostileValue(r: Rng): unknown {
  const big = () =>
    r
      .pick(['a', ':', '-----BEGIN CERTIFICATE-----', 'a-', '\\', '"', '\u2028', 'é'])
      .repeat(r.pick([1000, 70_000, 300_000]));
  const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
  return r.pick<() => unknown>([
    big,
    () => deep(r.pick([10, 63, 65, 200])),
    () => Array.from({ length: r.pick([300, 10_000]) }, (_, i) => `10.0.${i & 255}.0/24`),
    () => ({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } }),
    () => null,
    () => -1e308,
    () => true,
    () => '\u0000\ud800\udfff\u202e',
    () => ({ toString: 'x', valueOf: 'y', hasOwnProperty: 1 }),
    () => '',
    () => [],
    () => ({}),
  ])();
}

/** Every leaf path of an object (objects and arrays). */
function paths(o: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (o === null || typeof o !== 'object') return [at];
  const entries = Array.isArray(o) ? o.map((v, i) => [i, v] as const) : Object.entries(o);
  return [at, ...entries.flatMap(([k, v]) => paths(v, [...at, k]))];
}

/** Default answers with one to three places replaced by hostile values (or unknown keys added). */
export function mutatedAnswers(r: Rng): unknown {
  const a = JSON.parse(JSON.stringify(defaultAnswers())) as Record<string, unknown>;
  const all = paths(a).filter((p) => p.length > 0);
  for (let i = 0, n = 1 + r.int(3); i < n; i++) {
    const p = r.pick(all);
    let o = a as Record<string | number, unknown>;
    for (const k of p.slice(0, -1)) o = (o[k] ?? {}) as Record<string | number, unknown>;
    const key = r.next() < 0.2 ? `MIIsecret${r.int(1e6)}` : p[p.length - 1]!;
    if (typeof o === 'object' && o !== null) o[key] = hostileValue(r);
  }
  return a;
}

/** Raw bodies that are not what any route expects. */
export function hostileBody(r: Rng): string | Buffer {
  return r.pick<() => string | Buffer>([
    () => Buffer.from(Array.from({ length: r.pick([1, 100, 5000]) }, () => r.int(256))),
    () => JSON.stringify(mutatedAnswers(r)).slice(0, r.int(2000)),
    () => '['.repeat(r.pick([65, 1000, 500_000])),
    () => '{"a":'.repeat(10_000),
    () => '"' + 'x'.repeat(100) + '\\',
    () => '',
    () => 'null',
    () => '42',
    () => '"string"',
    () => '[1,2,3]',
    () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    () => '{"token":' + JSON.stringify('x'.repeat(r.pick([10, 2000, 5000]))) + '}',
    () =>
      '{"crt":"-----BEGIN CERTIFICATE-----' +
      'A'.repeat(r.pick([100, 60_000, 200_000])) +
      '","endpoint":"x"}',
    () => JSON.stringify(mutatedAnswers(r)),
  ])();
}

export const ROUTES = [
  '/',
  '/login',
  '/api/validate',
  '/api/pem',
  '/api/login',
  '/api/nope',
  '/no-such-page',
  '/_next/static/none.js',
  '/%ff',
  '/..%2f..%2fetc%2fpasswd',
  '/api/validate?x=' + 'a'.repeat(4000),
];
export const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'POST',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'PATCH',
];
