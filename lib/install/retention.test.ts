import { describe, expect, it } from 'vitest';
import {
  jobsToForget,
  KEEP_FINISHED_CHANGES,
  KEEP_FINISHED_WATCHES,
  MAX_RUNNING_CHANGES,
  MAX_RUNNING_WATCHES,
  startRefusal,
  type JobKind,
} from './retention';

const jobs = (kind: JobKind, n: number, prefix: string, finished = true) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, kind, finished }));

describe('jobsToForget', () => {
  it("the probe's case: 24 watch-only jobs after an install do not push the install out", () => {
    const list = [...jobs('install', 1, 'i'), ...jobs('status', 24, 's')];
    const gone = jobsToForget(list);
    expect(gone).not.toContain('i0');
    expect(gone).toEqual(jobs('status', 24 - KEEP_FINISHED_WATCHES, 's').map((j) => j.id));
  });
  it('changes are kept up to their own count, the oldest forgotten first', () => {
    const list = [
      ...jobs('install', KEEP_FINISHED_CHANGES - 2, 'i'),
      ...jobs('rollback', 2, 'r'),
      ...jobs('uninstall', 1, 'u'),
    ];
    expect(jobsToForget(list)).toEqual(['i0']);
    expect(jobsToForget(list.slice(1))).toEqual([]);
  });
  it('running jobs are never forgotten', () => {
    const list = [...jobs('install', 30, 'run', false), ...jobs('status', 30, 'w', false)];
    expect(jobsToForget(list)).toEqual([]);
  });
});

describe('startRefusal', () => {
  it(`at most ${MAX_RUNNING_CHANGES} changes at once; watches do not count against them`, () => {
    const running = [
      ...jobs('install', MAX_RUNNING_CHANGES - 1, 'i', false),
      ...jobs('status', 10, 's', false),
    ];
    expect(startRefusal('install', running)).toBeNull();
    const full = [...running, ...jobs('uninstall', 1, 'u', false)];
    expect(startRefusal('rollback', full)).toBe(
      `${MAX_RUNNING_CHANGES} installs, upgrades, rollbacks or uninstalls are running, the most this server runs at once: wait for one to end.`,
    );
    expect(startRefusal('status', full)).toBeNull();
  });
  it(`at most ${MAX_RUNNING_WATCHES} watches at once; changes do not count against them`, () => {
    const running = [
      ...jobs('status', MAX_RUNNING_WATCHES - 1, 's', false),
      ...jobs('install', MAX_RUNNING_CHANGES, 'i', false),
    ];
    expect(startRefusal('status', running)).toBeNull();
    expect(startRefusal('status', [...running, ...jobs('status', 1, 'x', false)])).toMatch(
      new RegExp(`^${MAX_RUNNING_WATCHES} releases are being watched already`),
    );
  });
});
