import { describe, expect, it } from 'vitest';
import { pool, semaphore } from './pool';

/** Tasks that record how many run at once and the order they start in; each ends after `delays[i]` ms. */
function tracked(delays: number[]) {
  const seen = { running: 0, most: 0, started: [] as number[] };
  const tasks = delays.map((ms, i) => async () => {
    seen.started.push(i);
    seen.running++;
    seen.most = Math.max(seen.most, seen.running);
    await new Promise((r) => setTimeout(r, ms));
    seen.running--;
    return `r${i}`;
  });
  return { seen, tasks };
}

describe('pool', () => {
  it('runs at most n at once and gives the results in input order, not finishing order', async () => {
    const { seen, tasks } = tracked([30, 5, 20, 1, 10]);
    expect(await pool(tasks, 2)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(seen.most).toBe(2);
    expect(seen.started).toEqual([0, 1, 2, 3, 4]);
  });

  it('n = 1 runs the tasks one after the other', async () => {
    const { seen, tasks } = tracked([5, 1, 3]);
    expect(await pool(tasks, 1)).toEqual(['r0', 'r1', 'r2']);
    expect(seen.most).toBe(1);
  });

  it('n larger than the list starts every task at once', async () => {
    const { seen, tasks } = tracked([5, 5, 5]);
    expect(await pool(tasks, 10)).toEqual(['r0', 'r1', 'r2']);
    expect(seen.most).toBe(3);
  });

  it('n equal to the list starts every task at once too', async () => {
    const { seen, tasks } = tracked([5, 5, 5, 5]);
    await pool(tasks, 4);
    expect(seen.most).toBe(4);
  });

  it.each([0, -3, Number.NaN, 1.5])('n = %s still runs every task, one at a time', async (n) => {
    const { seen, tasks } = tracked([1, 1, 1]);
    expect(await pool(tasks, n)).toEqual(['r0', 'r1', 'r2']);
    expect(seen.most).toBe(1);
  });

  it('an empty list gives an empty list', async () => {
    expect(await pool([], 4)).toEqual([]);
  });

  it('a rejecting task rejects the run with its error, and no task starts after it', async () => {
    const boom = new Error('boom');
    const started: number[] = [];
    const tasks = [0, 1, 2, 3].map((i) => async () => {
      started.push(i);
      if (i === 1) throw boom;
      return i;
    });
    await expect(pool(tasks, 1)).rejects.toBe(boom);
    expect(started).toEqual([0, 1]);
  });

  it('with several workers, a rejection stops the others from taking new tasks', async () => {
    const started: number[] = [];
    const tasks = [0, 1, 2, 3, 4, 5].map((i) => async () => {
      started.push(i);
      await new Promise((r) => setTimeout(r, i === 0 ? 1 : 20));
      if (i === 0) throw new Error('first fails');
    });
    await expect(pool(tasks, 2)).rejects.toThrow('first fails');
    await new Promise((r) => setTimeout(r, 50)); // task 1 finishes; its worker must not go on
    expect(started).toEqual([0, 1]);
  });
});

describe('semaphore', () => {
  it('lets n hold at once; the next waits and starts, in order, when one releases', async () => {
    const s = semaphore(2);
    const a = await s.acquire();
    await s.acquire();
    const order: string[] = [];
    const c = s.acquire().then((r) => (order.push('c'), r));
    const d = s.acquire().then((r) => (order.push('d'), r));
    await Promise.resolve();
    expect([s.running, s.waiting, order]).toEqual([2, 2, []]);
    a();
    a(); // a second call does nothing
    const releaseC = await c;
    expect([s.running, s.waiting, order]).toEqual([2, 1, ['c']]);
    releaseC();
    await d;
    expect(order).toEqual(['c', 'd']);
  });
  it('a waiter whose signal aborts leaves the queue; an aborted signal is refused at once', async () => {
    const s = semaphore(1);
    const hold = await s.acquire();
    const ac = new AbortController();
    const waiting = s.acquire(ac.signal);
    ac.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(s.waiting).toBe(0);
    await expect(s.acquire(ac.signal)).rejects.toThrow('gone');
    hold();
    expect(s.running).toBe(0);
  });
  it('a width below 1 or not a number is 1', async () => {
    for (const n of [0, -3, Number.NaN]) {
      const s = semaphore(n);
      await s.acquire();
      const next = s.acquire();
      await Promise.resolve();
      expect(s.waiting).toBe(1);
      void next;
    }
  });
});
