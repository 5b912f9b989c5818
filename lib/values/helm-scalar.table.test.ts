import { describe, expect, it } from 'vitest';
import { HELM_SCALAR_ROWS } from './__fixtures__/helm-scalar-rows';
import { helmScalar } from './helm-scalar';

// Each plain scalar of the shared table, read as Helm reads it.

describe('helmScalar: how Helm reads a plain scalar', () => {
  it.each(HELM_SCALAR_ROWS)('%j', (source, read) => {
    const got = helmScalar(source);
    expect(got).toEqual(read);
    // toEqual takes -0 for 0: the sign of a zero is pinned apart
    if ('value' in read && typeof read.value === 'number')
      expect(Object.is((got as { value: number }).value, read.value)).toBe(true);
  });
});
