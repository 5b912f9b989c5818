import { describe, expect, it } from 'vitest';
import { blockingFails, fail, listing, pass, warn, worst, type CheckResult } from './result';
import { runChecks, runOne, type Check } from './runner';

const after =
  (ms: number, v = pass(`after ${ms}`)) =>
  (signal: AbortSignal) =>
    new Promise<ReturnType<typeof pass>>((resolve, reject) => {
      const t = setTimeout(() => resolve(v), ms);
      signal.addEventListener('abort', () => {
        clearTimeout(t);
        reject(new Error('aborted'));
      });
    });
const check = (id: string, timeoutMs: number, run: Check['run']): Check => ({
  id,
  title: id.toUpperCase(),
  timeoutMs,
  run,
});

describe('runChecks', () => {
  it('yields results in the order they finish, a slow check does not hold the others', async () => {
    const ids: string[] = [];
    for await (const r of runChecks([
      check('slow', 1000, after(300)),
      check('fast', 1000, after(10)),
      check('mid', 1000, after(100)),
    ]))
      ids.push(r.id);
    expect(ids).toEqual(['fast', 'mid', 'slow']);
  });

  it('turns a timeout into a fail within the check budget and aborts the work', async () => {
    let aborted = false;
    const r = await runOne(
      check(
        'db',
        50,
        (signal) =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('x'));
            }),
          ),
      ),
    );
    expect(r).toMatchObject({
      id: 'db',
      title: 'DB',
      status: 'fail',
      message: 'No answer within 0.1 s.',
    });
    expect(aborted).toBe(true);
  });

  it('a check that answers within its budget passes', async () => {
    const r = await runOne(check('x', 200, after(20)));
    expect(r.status).toBe('pass');
  });

  it('turns a thrown error into a fail with its first line', async () => {
    const r = await runOne(
      check('boom', 1000, async () => {
        throw new Error('bad thing\nstack');
      }),
    );
    expect(r).toMatchObject({ status: 'fail', message: 'The check itself failed: bad thing' });
  });

  it('an outer abort stops the checks', async () => {
    const ac = new AbortController();
    const p = runOne(check('x', 5000, after(2000)), ac.signal);
    ac.abort();
    expect((await p).status).toBe('fail');
  });
});

describe('result helpers', () => {
  const res = (id: string, status: CheckResult['status']): CheckResult => ({
    id,
    title: id,
    status,
    message: '',
    fix: '',
  });
  it('blockingFails lists fails not overridden', () => {
    expect(
      blockingFails(
        [res('a', 'fail'), res('b', 'warn'), res('c', 'fail'), res('d', 'pass')],
        ['c', 'b'],
      ),
    ).toEqual(['a']);
    expect(blockingFails([res('a', 'fail')], ['a'])).toEqual([]);
  });
  it('worst keeps the first of the highest rank', () => {
    expect(worst([pass('p'), warn('w1', ''), fail('f1', ''), fail('f2', '')]).message).toBe('f1');
    expect(worst([pass('p'), warn('w1', ''), warn('w2', '')]).message).toBe('w1');
    expect(worst([pass('p')]).message).toBe('p');
  });
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('listing(%j)', (xs, s) => {
    expect(listing(xs)).toBe(s);
  });
});
