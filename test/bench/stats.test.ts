import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, summarize } from '../../bench/lib/stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
  it('p95 of 1..100 is 95, p50 is 50, p100 is the max, p0 the min', () => {
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });
  it('rounds the rank up: p95 of 10 samples is the 10th, p90 the 9th, p91 the 10th', () => {
    const ten = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 91)).toBe(10);
    expect(percentile(ten, 95)).toBe(10);
    expect(percentile(ten, 10)).toBe(1);
    expect(percentile(ten, 11)).toBe(2);
  });
  it('a single sample is every percentile; the input is not reordered', () => {
    expect(percentile([7], 1)).toBe(7);
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });
  it('sorts numerically, not as text', () => {
    expect(percentile([10, 9, 100], 50)).toBe(10);
  });
  it('refuses no samples and p outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], -1)).toThrow(/0\.\.100/);
    expect(percentile([1, 2], 100)).toBe(2);
  });
});

describe('summarize', () => {
  it('n, min, p50, p95, max, mean', () => {
    expect(summarize([4, -2, 10, 0])).toEqual({ n: 4, min: -2, p50: 0, p95: 10, max: 10, mean: 3 });
    expect(median([5, 1, 3])).toBe(3);
  });
  it('refuses no samples, in its own words', () =>
    expect(() => summarize([])).toThrow(/^summary of no samples$/));
});

describe('ratio', () => {
  it('a / b, NaN for a zero or negative baseline', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(3, -1)).toBeNaN();
    expect(ratio(0, 0.5)).toBe(0);
  });
});
