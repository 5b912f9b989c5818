import { describe, expect, it } from 'vitest';
import { parseHelmVersion } from './version';

describe('parseHelmVersion', () => {
  it.each([
    ['v4.3.1\n', { major: 4, minor: 3, patch: 1, raw: 'v4.3.1' }],
    ['v4.0.0', { major: 4, minor: 0, patch: 0, raw: 'v4.0.0' }],
    ['v3.22.0+g1234abc\n', { major: 3, minor: 22, patch: 0, raw: 'v3.22.0+g1234abc' }],
    ['v3.12.0', { major: 3, minor: 12, patch: 0, raw: 'v3.12.0' }],
  ])('accepts %j', (out, version) => {
    expect(parseHelmVersion(out)).toEqual({ ok: true, version });
  });

  it.each([
    ['v3.11.3', 'helm v3.11.3 is not supported: install helm 3.12 or later (helm 4 works too).'],
    ['v2.17.0', 'helm v2.17.0 is not supported: install helm 3.12 or later (helm 4 works too).'],
    ['v5.0.0', 'helm v5.0.0 is not supported: install helm 3.12 or later (helm 4 works too).'],
    [
      'Client: &version.Version{}',
      'helm printed an unexpected version ("Client: &version.Version{}"): install helm 3.12+ or helm 4.',
    ],
    ['', 'helm printed an unexpected version (""): install helm 3.12+ or helm 4.'],
  ])('refuses %j', (out, message) => {
    expect(parseHelmVersion(out)).toEqual({ ok: false, message });
  });
});
