import { describe, expect, it } from 'vitest';
import { formatBytes, milliCpu, parseQuantity } from './quantity';

describe('quantities', () => {
  it.each([
    ['3000m', 3],
    ['2', 2],
    ['0.5', 0.5],
    ['7Gi', 7 * 2 ** 30],
    ['6500Mi', 6500 * 2 ** 20],
    ['128M', 128e6],
    ['1k', 1000],
    ['1e3', 1000],
    ['32Gi', 32 * 2 ** 30],
    ['100Ki', 102400],
    ['bad', NaN],
    ['', NaN],
  ])('parseQuantity(%s) = %s', (q, n) => {
    expect(parseQuantity(q)).toBe(n);
  });

  it.each([
    ['3000m', 3000],
    ['8', 8000],
    ['0.1', 100],
    ['1.0005', 1001],
    ['250m', 250],
  ])('milliCpu(%s) = %s', (q, n) => {
    expect(milliCpu(q)).toBe(n);
  });

  it.each([
    [7 * 2 ** 30, '7Gi'],
    [1.5 * 2 ** 30, '1.5Gi'],
    [512 * 2 ** 20, '512Mi'],
    [2 ** 40, '1Ti'],
    [100, '100'],
    [6500 * 2 ** 20, '6500Mi'],
    [8 * 2 ** 30 - 1, '8589934591'],
  ])('formatBytes(%s) = %s', (b, s) => {
    expect(formatBytes(b)).toBe(s);
  });
});
