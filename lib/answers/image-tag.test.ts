import { describe, expect, it } from 'vitest';
import { LIGHTRUN_VERSION } from './constants';
import { imageTagWarning } from './warnings';

describe('imageTagWarning: the Keycloak probes switch on the tag (docs/chart-3.9.4.md §2.1)', () => {
  it.each([
    ['the paired version', LIGHTRUN_VERSION, null],
    ['empty (an error elsewhere)', '', null],
    ['no leading X.Y.Z', 'latest', /no leading version.*treats Keycloak as 1\.38\.0/],
    ['1.37.9: below 1.38.0', '1.37.9-release.x', /below 1\.38\.0.*KC_HOSTNAME_URL/],
    ['1.38.0: below 1.42.0', '1.38.0', /below 1\.42\.0.*port 9080/],
    ['1.41.99: below 1.42.0', '1.41.99', /below 1\.42\.0/],
    ['1.42.0: new probes, other version', '1.42.0', /^The tag differs/],
    ['1.100.0 compares numerically', '1.100.0', /^The tag differs/],
  ])('%s', (_n, tag, expected) => {
    const w = imageTagWarning(tag);
    if (expected === null) expect(w).toBeNull();
    else expect(w).toMatch(expected);
  });
});
