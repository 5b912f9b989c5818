import { describe, expect, it } from 'vitest';
import { JobLog, MAX_EVENTS, MAX_LIVE_EVENTS } from './job-log';

const t0 = new Date('2026-12-01T20:00:00.000Z');
const step = (message: string) => ({
  type: 'step' as const,
  step: 'helm' as const,
  state: 'running' as const,
  message,
});

describe('JobLog', () => {
  it('numbers events from 1 and stamps the time', () => {
    const log = new JobLog(() => t0);
    log.append(step('a'));
    log.append(step('b'));
    expect(log.since(0)).toEqual([
      { ...step('a'), id: 1, at: '2026-12-01T20:00:00.000Z' },
      { ...step('b'), id: 2, at: '2026-12-01T20:00:00.000Z' },
    ]);
    expect(log.since(1).map((e) => e.id)).toEqual([2]);
    expect(log.since(2)).toEqual([]);
    expect(log.lastId).toBe(2);
  });

  it('replays after an id, follows new events, and ends when closed', async () => {
    const log = new JobLog(() => t0);
    log.append(step('a'));
    log.append(step('b'));
    const got: number[] = [];
    const reader = (async () => {
      for await (const e of log.follow(1)) got.push(e.id);
    })();
    await new Promise((r) => setTimeout(r, 5));
    log.append(step('c'));
    log.close();
    await reader;
    expect(got).toEqual([2, 3]);
    expect(log.append(step('late'))).toBeNull();
  });

  it('stops following when the reader aborts', async () => {
    const log = new JobLog(() => t0);
    const ac = new AbortController();
    const got: number[] = [];
    const reader = (async () => {
      for await (const e of log.follow(0, ac.signal)) got.push(e.id);
    })();
    log.append(step('a'));
    await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await reader;
    expect(got).toEqual([1]);
  });

  it('drops helm output past MAX_EVENTS but keeps every other event', () => {
    const log = new JobLog(() => t0);
    for (let i = 0; i < MAX_EVENTS; i++)
      log.append({ type: 'helm-output', stream: 'stdout', line: String(i) });
    expect(log.append({ type: 'helm-output', stream: 'stdout', line: 'x' })).toBeNull();
    expect(log.droppedLines).toBe(1);
    expect(log.append(step('still logged'))?.id).toBe(MAX_EVENTS + 1);
  });
});

describe('JobLog after the job ended (the live tail)', () => {
  it('appendLive numbers on after close; only live followers get it, others stop at close', async () => {
    const log = new JobLog(() => t0);
    log.append(step('a'));
    log.close();
    const plain: number[] = [];
    await (async () => {
      for await (const e of log.follow(0)) plain.push(e.id);
    })();
    expect(plain).toEqual([1]);
    expect(log.append(step('job is over'))).toBeNull();
    const ac = new AbortController();
    const live: number[] = [];
    const reader = (async () => {
      for await (const e of log.follow(0, ac.signal, { live: true })) live.push(e.id);
    })();
    await new Promise((r) => setTimeout(r, 5));
    expect(
      log.appendLive({
        type: 'k8s-event',
        uid: 'u',
        eventType: 'Warning',
        object: { kind: 'Pod', name: 'p' },
        reason: 'Failed',
        message: 'm',
        count: 1,
        lastTimestamp: t0.toISOString(),
      })?.id,
    ).toBe(2);
    await new Promise((r) => setTimeout(r, 5));
    expect(live).toEqual([1, 2]);
    ac.abort();
    await reader;
  });

  it('stops taking live events at MAX_LIVE_EVENTS', () => {
    const log = new JobLog(() => t0);
    log.close();
    const body = {
      type: 'step' as const,
      step: 'wait' as const,
      state: 'done' as const,
      message: 'x',
    };
    for (let i = 0; i < MAX_LIVE_EVENTS; i++) expect(log.appendLive(body)).not.toBeNull();
    expect(log.appendLive(body)).toBeNull();
    expect(log.lastId).toBe(MAX_LIVE_EVENTS);
  });
});
