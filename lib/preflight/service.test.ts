// Where preflight requests enter (service.ts): the per-caller budget of runs that connect to hosts
// the answers name (probe-limit.ts). Over it, those checks warn without connecting; other callers
// are not slowed.
import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { branchDefault } from '../answers/branches';
import type { Answers } from '../answers';
import { decideThrottled, PROBE_RUNS_PER_MINUTE } from './probe-limit';
import type { CheckResult } from './result';
import { externalProbes, preflightStream } from './service';

/** External message queue on loopback's amqps port (nothing there: refused at once). */
function withExternalMq(): Answers {
  const a = validAnswers();
  a.messageQueue = {
    ...branchDefault('messageQueue', 'external'),
    endpoint: '127.0.0.1',
    port: '5671',
    user: 'mq',
    password: 'mq-pa55word',
  } as Answers['messageQueue'];
  return a;
}

/** The message-queue check's result for `caller`, the rest of the run aborted. */
async function mqResult(caller: string): Promise<CheckResult> {
  const ac = new AbortController();
  const req = { answers: withExternalMq(), context: null, namespace: 'lr', release: 'lr' };
  try {
    for await (const r of preflightStream(req, caller, ac.signal, {
      NODE_ENV: 'test',
      KUBECONFIG: '/nonexistent/kubeconfig',
    }))
      if ('id' in r && r.id === 'message-queue') return r;
  } finally {
    ac.abort();
  }
  throw new Error('no message-queue result');
}

describe('preflightStream: external probes per caller', () => {
  it('a caller over its budget gets the external checks skipped; another caller does not', async () => {
    const now = Date.now();
    for (let i = 0; i < PROBE_RUNS_PER_MINUTE; i++) externalProbes.take('scanner', now);
    const skipped = await mqResult('scanner');
    expect(skipped).toMatchObject({ status: 'warn', message: decideThrottled(60).message });
    expect(skipped.fix).toMatch(/^Run the preflight again in \d+ s\.$/);
    const admin = await mqResult('admin');
    expect(admin.message).not.toBe(decideThrottled(60).message);
    expect(admin.message).toMatch(/^No AMQP server answered at 127\.0\.0\.1:5671/);
  });
  it('the budget counts runs: the last allowed one still connects', async () => {
    const now = Date.now();
    for (let i = 0; i < PROBE_RUNS_PER_MINUTE - 1; i++) externalProbes.take('edge', now);
    expect((await mqResult('edge')).message).toMatch(/^No AMQP server answered/);
    expect((await mqResult('edge')).message).toBe(decideThrottled(60).message);
  });
});
