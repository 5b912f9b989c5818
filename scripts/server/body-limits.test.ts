import { describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../lib/http/body-limits';
// @ts-expect-error plain ESM module without types
import { bodyRefusal, ROUTE_BODY_LIMITS } from './body-limits.mjs';

describe('server body limits', () => {
  it('are the routes’ own limits, for every route that reads a body', () => {
    expect(ROUTE_BODY_LIMITS).toEqual(
      Object.fromEntries(Object.entries(BODY_LIMITS).map(([path, l]) => [path, l.maxBytes])),
    );
  });
  it.each([
    ['GET', '/', undefined, false, null],
    ['POST', '/api/validate', String(2 * 1_048_576), false, null],
    [
      'POST',
      '/api/validate?x=1',
      String(2 * 1_048_576 + 1),
      false,
      { status: 413, message: 'The request is larger than 2 MiB, the most /api/validate takes.' },
    ],
    [
      'POST',
      '/api/pem',
      '163841',
      false,
      { status: 413, message: 'The request is larger than 160 KiB, the most /api/pem takes.' },
    ],
    ['POST', '/api/login', '4096', false, null],
    ['POST', '/api/releases/rollback', '32768', false, null],
    [
      'POST',
      '/api/releases/rollback',
      '32769',
      false,
      {
        status: 413,
        message: 'The request is larger than 32 KiB, the most /api/releases/rollback takes.',
      },
    ],
    [
      'POST',
      '/api/login',
      '4097',
      false,
      { status: 413, message: 'The request is larger than 4 KiB, the most /api/login takes.' },
    ],
    [
      'POST',
      '/',
      '65537',
      false,
      { status: 413, message: 'The request is larger than 64 KiB, the most / takes.' },
    ],
    ['POST', '/api/install', String(2 * 1_048_576), false, null],
    [
      'POST',
      '/api/install',
      String(2 * 1_048_576 + 1),
      false,
      { status: 413, message: 'The request is larger than 2 MiB, the most /api/install takes.' },
    ],
    [
      'POST',
      '/api/validate',
      undefined,
      true,
      { status: 411, message: 'Send the body with a Content-Length.' },
    ],
    [
      'POST',
      '/api/validate',
      undefined,
      false,
      { status: 411, message: 'Send the body with a Content-Length.' },
    ],
    ['PUT', '/x', undefined, true, null],
    [
      'POST',
      '/api/validate',
      '1e3',
      false,
      { status: 411, message: 'Send the body with a valid Content-Length.' },
    ],
  ])('%s %s length %s chunked %s', (m, u, cl, ch, expected) => {
    expect(bodyRefusal(m, u, cl, ch)).toEqual(expected);
  });
});
