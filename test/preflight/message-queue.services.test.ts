import { describe, expect, it } from 'vitest';
import { checkMessageQueue } from '@/lib/preflight/message-queue';
import { preflightChecks } from '@/lib/preflight';
import { validAnswers } from '@/lib/answers/__fixtures__/valid-answers';
import { branchDefault } from '@/lib/answers/branches';
import type { Answers } from '@/lib/answers';
import { servicesInfo } from './services';

const s = servicesInfo();
const target = (edit: Partial<Parameters<typeof checkMessageQueue>[0]> = {}) => ({
  host: s.mq.host,
  port: s.mq.port,
  vhost: '/',
  user: s.mq.user,
  password: s.mq.password,
  queue: 'mixpanel-events',
  tls: false,
  ...edit,
});

describe('external message queue check against real RabbitMQ', () => {
  it('passes and may declare the queue, leaving nothing behind', async () => {
    const v = await checkMessageQueue(target());
    expect(v.status).toBe('pass');
    expect(v.message).toMatch(
      /^Connected to RabbitMQ 3\.\d+\.\d+ at 127\.0\.0\.5:5672, vhost \/, as lightrun; queue mixpanel-events may be declared\.$/,
    );
    // The declaration was exclusive: a second run still finds no queue.
    expect((await checkMessageQueue(target())).message).toMatch(/may be declared\.$/);
  });

  it('fails for wrong credentials', async () => {
    expect(await checkMessageQueue(target({ password: 'wrong' }))).toMatchObject({
      status: 'fail',
      message: '127.0.0.5:5672 refused user lightrun: wrong user name or password.',
    });
  });

  it('fails for a vhost the user has no access to', async () => {
    expect(
      await checkMessageQueue(target({ user: s.mq.otherUser, password: s.mq.otherPassword })),
    ).toMatchObject({
      status: 'fail',
      message:
        'elsewhere may not use vhost / on 127.0.0.5:5672 (it is missing or the user has no permissions there).',
    });
    expect((await checkMessageQueue(target({ vhost: 'missing' }))).message).toBe(
      'lightrun may not use vhost missing on 127.0.0.5:5672 (it is missing or the user has no permissions there).',
    );
  });

  it('fails when nothing listens, saying no more than that no AMQP server answered', async () => {
    expect(await checkMessageQueue(target({ host: s.nothingHost }))).toMatchObject({
      status: 'fail',
      message:
        'No AMQP server answered at 127.0.0.9:5672: could not connect, or it is not an AMQP server.',
    });
  });

  it('over TLS to a broker without it, the same words (RabbitMQ here serves plain AMQP only)', async () => {
    expect(await checkMessageQueue(target({ tls: true }))).toMatchObject({
      status: 'fail',
      message: `No AMQP server answered at ${s.mq.host}:${s.mq.port} over TLS: could not connect, or it is not an AMQP server.`,
    });
  });
});

describe('the planned check for a chart 3.50 plan with an external queue (docs/chart-3.50.md §8.3)', () => {
  const planned = (chart: Answers['chart'], password = s.mq.password) => {
    const a = validAnswers();
    a.chart = chart;
    a.messageQueue = {
      ...branchDefault('messageQueue', 'external'),
      endpoint: s.mq.host,
      port: String(s.mq.port),
      queueName: 'answered-queue',
      user: s.mq.user,
      password,
    } as Answers['messageQueue'];
    const checks = preflightChecks(
      { answers: a, context: null, namespace: 'lr-ns', release: 'lr' },
      { kube: { error: 'no cluster in the services suite' } },
    );
    return checks.find((c) => c.id === 'message-queue')!.run(new AbortController().signal);
  };

  it('checks both queues the 3.50 server and Keycloak use, not the answered name', async () => {
    const v = await planned('3.50.0');
    expect(v.status).toBe('pass');
    expect(v.message).toMatch(
      /queue mixpanel-events may be declared\..*queue keycloak-events may be declared\.$/,
    );
    expect(v.message).not.toContain('answered-queue');
  });

  it('a 3.9.4 plan checks the answered queue', async () => {
    expect((await planned('3.9.4')).message).toMatch(/; queue answered-queue may be declared\.$/);
  });

  it('fails for wrong credentials, once', async () => {
    expect(await planned('3.50.0', 'wrong')).toMatchObject({
      status: 'fail',
      message: '127.0.0.5:5672 refused user lightrun: wrong user name or password.',
    });
  });
});
