import { describe, expect, it } from 'vitest';
import { PROBE_RUNS_PER_MINUTE, probeLimiter } from './probe-limit';

describe('probeLimiter: external probes per caller per minute', () => {
  it('allows the limit, refuses the next with the seconds to wait, and allows again once the minute rolls on', () => {
    const l = probeLimiter(3, 60_000);
    expect([l.take('a', 0), l.take('a', 1_000), l.take('a', 2_000)]).toEqual([0, 0, 0]);
    expect(l.take('a', 2_500)).toBe(58); // the first run leaves the window at 60 s
    expect(l.take('a', 59_999)).toBe(1);
    expect(l.take('a', 60_001)).toBe(0); // the first run is out of the window
    expect(l.take('a', 60_002)).toBe(1); // three in the window again (1 s, 2 s, 60 s)
  });
  it('a refused run is not counted: waiting out the window is enough', () => {
    const l = probeLimiter(1, 10_000);
    expect(l.take('a', 0)).toBe(0);
    for (let t = 1; t < 10; t++) expect(l.take('a', t * 1000)).toBeGreaterThan(0);
    expect(l.take('a', 10_001)).toBe(0);
  });
  it('each caller has its own budget: one exhausting it slows nobody else', () => {
    const l = probeLimiter(2, 60_000);
    l.take('attacker', 0);
    l.take('attacker', 0);
    expect(l.take('attacker', 1)).toBeGreaterThan(0);
    expect(l.take('admin', 1)).toBe(0);
    expect(l.take('cli', 1)).toBe(0);
  });
  it('the default is PROBE_RUNS_PER_MINUTE a minute', () => {
    const l = probeLimiter();
    for (let i = 0; i < PROBE_RUNS_PER_MINUTE; i++) expect(l.take('a', i)).toBe(0);
    expect(l.take('a', PROBE_RUNS_PER_MINUTE)).toBe(60);
  });
});
