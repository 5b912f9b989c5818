import { describe, expect, it } from 'vitest';
import { decideMessageQueue, decideMqPort, type MqTarget } from './message-queue-decide';

const t: MqTarget = {
  host: 'mq.example.com',
  port: 5672,
  vhost: '/',
  user: 'lightrun',
  queue: 'mixpanel-events',
  tls: false,
};
const NO_AMQP =
  'No AMQP server answered at mq.example.com:5672: could not connect, or it is not an AMQP server.';

describe('decideMessageQueue', () => {
  it.each([
    [
      { stage: 'ok' as const, queueExisted: true, server: 'RabbitMQ 3.12.1' },
      'pass',
      'Connected to RabbitMQ 3.12.1 at mq.example.com:5672, vhost /, as lightrun; queue mixpanel-events exists.',
    ],
    [
      { stage: 'ok' as const, queueExisted: false, server: '' },
      'pass',
      'Connected to mq.example.com:5672, vhost /, as lightrun; queue mixpanel-events may be declared.',
    ],
    [
      { stage: 'queue' as const, message: 'Operation failed: QueueDeclare; 403 (ACCESS-REFUSED)' },
      'fail',
      'Connected, but queue mixpanel-events cannot be declared in vhost /: Operation failed: QueueDeclare; 403 (ACCESS-REFUSED)',
    ],
    [
      {
        stage: 'connect' as const,
        code: 'ECONNREFUSED',
        message: 'connect ECONNREFUSED 127.0.0.1:5672',
      },
      'fail',
      NO_AMQP,
    ],
    [{ stage: 'connect' as const, code: 'TIMEOUT', message: 'connect timeout' }, 'fail', NO_AMQP],
    [
      { stage: 'connect' as const, code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' },
      'fail',
      NO_AMQP,
    ],
    [
      { stage: 'connect' as const, code: 'ECONNRESET', message: 'read ECONNRESET' },
      'fail',
      NO_AMQP,
    ],
    [
      // an SSH server's banner: amqplib reads "-2.0" as a frame size
      {
        stage: 'connect' as const,
        code: '',
        message: 'Frame size 758263344 exceeds maxFrameSize 67108864',
      },
      'fail',
      NO_AMQP,
    ],
    [
      {
        stage: 'connect' as const,
        code: '',
        message: 'Socket closed abruptly during opening handshake',
      },
      'fail',
      NO_AMQP,
    ],
    [
      // a number that happens to hold 403 or 530 is not RabbitMQ's answer
      { stage: 'connect' as const, code: '', message: 'Frame size 1403530 exceeds maxFrameSize' },
      'fail',
      NO_AMQP,
    ],
    [
      { stage: 'connect' as const, code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' },
      'fail',
      'The message queue host mq.example.com does not resolve (DNS).',
    ],
    [
      {
        stage: 'connect' as const,
        code: '',
        message:
          'Handshake terminated by server: 403 (ACCESS-REFUSED) with message "ACCESS_REFUSED - Login was refused"',
      },
      'fail',
      'mq.example.com:5672 refused user lightrun: wrong user name or password.',
    ],
    [
      {
        stage: 'connect' as const,
        code: '',
        message:
          "Expected ConnectionOpenOk; got <ConnectionClose channel:0 {replyCode:530,replyText:\"NOT_ALLOWED - access to vhost '/' refused for user 'lightrun'\"}>",
      },
      'fail',
      'lightrun may not use vhost / on mq.example.com:5672 (it is missing or the user has no permissions there).',
    ],
    [
      {
        stage: 'connect' as const,
        code: '',
        message: 'Expected ConnectionOpenOk; got <ConnectionClose channel:0>',
      },
      'fail',
      'lightrun may not use vhost / on mq.example.com:5672 (it is missing or the user has no permissions there).',
    ],
    [{ stage: 'connect' as const, code: '', message: 'boom' }, 'fail', NO_AMQP],
  ])('%#', (o, status, message) => {
    expect(decideMessageQueue(t, o)).toMatchObject({ status, message });
  });
});

describe('what the check says about a host', () => {
  it('never repeats what answered, and refused, filtered and open-but-not-AMQP read the same', () => {
    const outcomes = [
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:5672' },
      { code: 'TIMEOUT', message: 'connect timeout' },
      { code: '', message: 'Frame size 758263344 exceeds maxFrameSize 67108864' },
      { code: 'EPROTO', message: 'SSL routines:ssl3_get_record:wrong version number' },
    ].map((o) => decideMessageQueue(t, { stage: 'connect', ...o }));
    expect(new Set(outcomes.map((v) => `${v.status} ${v.message} ${v.fix}`)).size).toBe(1);
    expect(JSON.stringify(outcomes)).not.toMatch(/758263344|SSL routines|ECONNREFUSED|timeout/);
  });
  it('over TLS it says so', () => {
    expect(
      decideMessageQueue(
        { ...t, port: 5671, tls: true },
        { stage: 'ok', queueExisted: true, server: 'RabbitMQ 3.12.1' },
      ).message,
    ).toBe(
      'Connected to RabbitMQ 3.12.1 at mq.example.com:5671 over TLS, vhost /, as lightrun; queue mixpanel-events exists.',
    );
    expect(
      decideMessageQueue(
        { ...t, port: 5671, tls: true },
        { stage: 'connect', code: 'ECONNREFUSED', message: '' },
      ).message,
    ).toBe(
      'No AMQP server answered at mq.example.com:5671 over TLS: could not connect, or it is not an AMQP server.',
    );
  });
});

describe('decideMqPort: the check connects only to AMQP ports', () => {
  it.each([5672, 5671])('%i is connected to', (port) => {
    expect(decideMqPort({ ...t, port })).toBeNull();
  });
  it.each([22, 5670, 5673, 15672, 3306, 443])('%i is not: a warning, no connection', (port) => {
    expect(decideMqPort({ ...t, port })).toEqual({
      status: 'warn',
      message: `Not checked: the preflight connects only to AMQP's ports 5672 and 5671, not ${port}.`,
      fix: `Check from a cluster node that mq.example.com:${port} is your RabbitMQ's AMQP port, or use 5672 (5671 with TLS).`,
    });
  });
});
