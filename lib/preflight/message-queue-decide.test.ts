import { describe, expect, it } from 'vitest';
import { decideMessageQueue, type MqTarget } from './message-queue-decide';

const t: MqTarget = {
  host: 'mq.example.com',
  port: 5672,
  vhost: '/',
  user: 'lightrun',
  queue: 'mixpanel-events',
};

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
      'Nothing listens on mq.example.com:5672 (connection refused).',
    ],
    [
      { stage: 'connect' as const, code: 'TIMEOUT', message: 'connect timeout' },
      'fail',
      'mq.example.com:5672 did not answer (connect timeout).',
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
    [
      { stage: 'connect' as const, code: '', message: 'boom' },
      'fail',
      'Could not connect to mq.example.com:5672: boom',
    ],
  ])('%#', (o, status, message) => {
    expect(decideMessageQueue(t, o)).toMatchObject({ status, message });
  });
});
