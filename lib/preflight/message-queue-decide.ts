/**
 * Decisions of the external message queue check (PURE). The check connects only to AMQP's ports
 * and says no more about a host than "no AMQP server answered" — never closed, open or filtered,
 * never what else answered (docs/preflight.md#passwords-only-over-tls, docs/security.md).
 */
import { fail, pass, warn, type Verdict } from './result';

export type MqTarget = {
  host: string;
  port: number;
  vhost: string;
  user: string;
  queue: string;
  /** AMQPS, as the server speaks it with internal TLS on (docs/chart-3.9.4.md §7). */
  tls: boolean;
};
export type MqOutcome =
  | { stage: 'connect'; code: string; message: string }
  | { stage: 'queue'; message: string }
  | { stage: 'ok'; queueExisted: boolean; server: string };

/** IANA's AMQP ports (5672 amqp, 5671 amqps): the only ones the check connects to. */
export const AMQP_PORTS: readonly number[] = [5672, 5671];

/** A port the check does not connect to: a warning instead of a connection. Null for AMQP's. */
export function decideMqPort(t: MqTarget): Verdict | null {
  if (AMQP_PORTS.includes(t.port)) return null;
  return warn(
    `Not checked: the preflight connects only to AMQP's ports 5672 and 5671, not ${t.port}.`,
    `Check from a cluster node that ${t.host}:${t.port} is your RabbitMQ's AMQP port, or use 5672 (5671 with TLS).`,
  );
}

/** What went wrong (or right) with the AMQP connection, in words; each cause its own message. */
export function decideMessageQueue(t: MqTarget, o: MqOutcome): Verdict {
  const at = `${t.host}:${t.port}`;
  if (o.stage === 'ok')
    return pass(
      `Connected to ${o.server ? `${o.server} at ` : ''}${at}${t.tls ? ' over TLS' : ''}, vhost ${t.vhost}, as ${t.user}; queue ${t.queue} ${o.queueExisted ? 'exists' : 'may be declared'}.`,
    );
  if (o.stage === 'queue')
    return fail(
      `Connected, but queue ${t.queue} cannot be declared in vhost ${t.vhost}: ${o.message}`,
      `Grant ${t.user} configure/write/read permissions on ${t.queue} (rabbitmqctl set_permissions -p ${t.vhost} ${t.user} '.*' '.*' '.*').`,
    );
  const m = o.message;
  if (o.code === 'ENOTFOUND' || o.code === 'EAI_AGAIN')
    return fail(
      `The message queue host ${t.host} does not resolve (DNS).`,
      'Check the host name on the Message queue step.',
    );
  // Only an AMQP server's own answers are told apart (amqplib's words for them).
  if (/ACCESS[-_]REFUSED/.test(m))
    return fail(
      `${at} refused user ${t.user}: wrong user name or password.`,
      'Check the RabbitMQ user and password on the Message queue step.',
    );
  // connection.open is the vhost step: a close in answer to it (RabbitMQ's 530 NOT_ALLOWED, often
  // without text in amqplib's message) means the vhost is missing or closed to this user.
  if (/NOT_ALLOWED|Expected ConnectionOpenOk/.test(m))
    return fail(
      `${t.user} may not use vhost ${t.vhost} on ${at} (it is missing or the user has no permissions there).`,
      `Create the vhost or grant the user access: rabbitmqctl set_permissions -p ${t.vhost} ${t.user} '.*' '.*' '.*'.`,
    );
  // Refused, timed out, reset, TLS failed, or something else answered: one message for all, so
  // the check is no port scanner (and repeats nothing the other side sent).
  return fail(
    `No AMQP server answered at ${at}${t.tls ? ' over TLS' : ''}: could not connect, or it is not an AMQP server.`,
    `Check the host, the port (5672; 5671 for TLS) and the firewall between the cluster and the broker${t.tls ? ', and that the broker serves AMQPS there (internal TLS is on)' : ''}.`,
  );
}
