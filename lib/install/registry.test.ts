import { describe, expect, it } from 'vitest';
import { TooManyJobsError } from './errors';
import { getJob, startJob } from './registry';
import { MAX_RUNNING_CHANGES } from './retention';

let n = 0;
const target = () => ({ context: null, namespace: 'reg-test', release: `r${n++}` });

describe('the job registry', () => {
  it('24 watch-only jobs after an install leave the install in the history (issue 26 #2)', async () => {
    const { job: install } = startJob({ kind: 'install', ...target() }, async () => 'succeeded');
    await install.done;
    for (let i = 0; i < 24; i++) {
      const { job } = startJob({ kind: 'status', ...target() }, async () => 'succeeded');
      await job.done;
    }
    expect(getJob(install.id)?.outcome).toBe('succeeded');
  });

  it(`refuses a change beyond ${MAX_RUNNING_CHANGES} running at once, and joins one already running for its release`, async () => {
    const release: Array<() => void> = [];
    const hold = () => new Promise<'succeeded'>((res) => release.push(() => res('succeeded')));
    const first = target();
    const jobs = [startJob({ kind: 'install', ...first }, hold).job];
    for (let i = 1; i < MAX_RUNNING_CHANGES; i++)
      jobs.push(startJob({ kind: 'uninstall', ...target() }, hold).job);
    expect(() => startJob({ kind: 'rollback', ...target() }, hold)).toThrow(TooManyJobsError);
    expect(startJob({ kind: 'install', ...first }, hold).joined).toBe(true);
    // a watch still starts: it does not count against the changes
    const watch = startJob({ kind: 'status', ...target() }, async () => 'succeeded');
    expect(watch.joined).toBe(false);
    release.forEach((r) => r());
    await Promise.all(jobs.map((j) => j.done));
    expect(startJob({ kind: 'rollback', ...target() }, async () => 'succeeded').joined).toBe(false);
  });
});
