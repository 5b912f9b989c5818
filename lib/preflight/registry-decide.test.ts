import { describe, expect, it } from 'vitest';
import { decideRegistryImages, type ManifestOutcome } from './registry-decide';

const ctx = { registry: 'reg.io:5000', credentials: 'inline' as const };
const found = (image: string): ManifestOutcome => ({ image, kind: 'found' });

describe('decideRegistryImages', () => {
  it('passes when every image is found', () => {
    expect(decideRegistryImages([found('a'), found('b')], ctx)).toEqual({
      status: 'pass',
      message: 'All 2 images resolve in reg.io:5000.',
      fix: '',
    });
  });
  it('fails naming each missing image (one and several)', () => {
    expect(decideRegistryImages([found('a'), { image: 'b', kind: 'missing' }], ctx).message).toBe(
      'One image is not in reg.io:5000: b.',
    );
    const v = decideRegistryImages(
      [
        { image: 'a', kind: 'missing' },
        { image: 'b', kind: 'missing' },
      ],
      ctx,
    );
    expect([v.status, v.message]).toEqual(['fail', '2 images are not in reg.io:5000: a and b.']);
  });
  it('unreachable for every image is a skip (warn), never a failure', () => {
    const v = decideRegistryImages(
      [
        { image: 'a', kind: 'unreachable', reason: 'connection refused' },
        { image: 'b', kind: 'unreachable', reason: 'connection refused' },
      ],
      ctx,
    );
    expect([v.status, v.message]).toEqual([
      'warn',
      'Skipped: reg.io:5000 is not reachable from this machine (connection refused).',
    ]);
  });
  it('unreachable for some, found for the rest: a warning naming them', () => {
    const v = decideRegistryImages(
      [found('a'), { image: 'b', kind: 'unreachable', reason: 'no answer within 4 s' }],
      ctx,
    );
    expect([v.status, v.message]).toEqual([
      'warn',
      'One image could not be checked in reg.io:5000: b (no answer within 4 s).',
    ]);
  });
  it('denied: with credentials a failure, with a Secret in the cluster a warning, without any a failure', () => {
    const d = (withCredentials: boolean): ManifestOutcome => ({
      image: 'a',
      kind: 'denied',
      withCredentials,
    });
    expect(decideRegistryImages([d(true)], ctx)).toMatchObject({
      status: 'fail',
      message: "reg.io:5000 refused the pull secret's credentials for a.",
    });
    expect(decideRegistryImages([d(false)], { ...ctx, credentials: 'existing' }).status).toBe(
      'warn',
    );
    expect(decideRegistryImages([d(false)], { ...ctx, credentials: 'none' })).toMatchObject({
      status: 'fail',
      message: 'reg.io:5000 needs credentials for a, and there is no pull secret.',
    });
  });
  it('missing wins over denied and errors', () => {
    expect(
      decideRegistryImages(
        [
          { image: 'x', kind: 'error', reason: 'HTTP 500' },
          { image: 'a', kind: 'denied', withCredentials: true },
          { image: 'b', kind: 'missing' },
        ],
        ctx,
      ).message,
    ).toBe('One image is not in reg.io:5000: b.');
  });
  it('a server error is a warning naming it', () => {
    expect(
      decideRegistryImages([found('a'), { image: 'x', kind: 'error', reason: 'HTTP 500' }], ctx),
    ).toMatchObject({
      status: 'warn',
      message: 'One image could not be checked in reg.io:5000: x (HTTP 500).',
    });
  });
});
