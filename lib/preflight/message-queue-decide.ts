/** Decisions of the external message queue check (PURE). */
import { fail, pass, type Verdict } from './result';

export type MqTarget = { host: string; port: number; vhost: string; user: string; queue: string };
export type MqOutcome =
  | { stage: 'connect'; code: string; message: string }
  | { stage: 'queue'; message: string }
  | { stage: 'ok'; queueExisted: boolean; server: string };

/** What went wrong (or right) with the AMQP connection, in words; each cause its own message. */
export function decideMessageQueue(t: MqTarget, o: MqOutcome): Verdict {
  const at = `${t.host}:${t.port}`;
  if (o.stage === 'ok')
    return pass(
      `Connected to ${o.server ? `${o.server} at ` : ''}${at}, vhost ${t.vhost}, as ${t.user}; queue ${t.queue} ${o.queueExisted ? 'exists' : 'may be declared'}.`,
    );
  if (o.stage === 'queue')
    return fail(
      `Connected, but queue ${t.queue} cannot be declared in vhost ${t.vhost}: ${o.message}`,
      `Grant ${t.user} configure/write/read permissions on ${t.queue} (rabbitmqctl set_permissions -p ${t.vhost} ${t.user} '.*' '.*' '.*').`,
    );
  const m = o.message;
  if (o.code === 'ECONNREFUSED')
    return fail(
      `Nothing listens on ${at} (connection refused).`,
      'Check the message queue host and port on the Message queue step.',
    );
  if (o.code === 'ETIMEDOUT' || o.code === 'TIMEOUT')
    return fail(
      `${at} did not answer (connect timeout).`,
      'Check the host, the port and the firewall between the cluster and the broker.',
    );
  if (o.code === 'ENOTFOUND' || o.code === 'EAI_AGAIN')
    return fail(
      `The message queue host ${t.host} does not resolve (DNS).`,
      'Check the host name on the Message queue step.',
    );
  if (/ACCESS[-_]REFUSED|403/.test(m))
    return fail(
      `${at} refused user ${t.user}: wrong user name or password.`,
      'Check the RabbitMQ user and password on the Message queue step.',
    );
  // connection.open is the vhost step: a close in answer to it (RabbitMQ's 530 NOT_ALLOWED, often
  // without text in amqplib's message) means the vhost is missing or closed to this user.
  if (/NOT_ALLOWED|530|Expected ConnectionOpenOk/.test(m))
    return fail(
      `${t.user} may not use vhost ${t.vhost} on ${at} (it is missing or the user has no permissions there).`,
      `Create the vhost or grant the user access: rabbitmqctl set_permissions -p ${t.vhost} ${t.user} '.*' '.*' '.*'.`,
    );
  if (/wrong version|protocol|EPROTO|Unexpected/i.test(m))
    return fail(
      `${at} does not speak AMQP 0-9-1: ${m}`,
      "Point at the broker's AMQP port (5672), not its management or TLS port.",
    );
  return fail(
    `Could not connect to ${at}: ${m}`,
    'Check the message queue host, port and credentials.',
  );
}
