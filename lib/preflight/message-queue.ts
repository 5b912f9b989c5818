import 'server-only';
import type { ChannelModel } from 'amqplib';
import {
  decideMessageQueue,
  decideMqPort,
  type MqOutcome,
  type MqTarget,
} from './message-queue-decide';
import type { Verdict } from './result';

export const MQ_CONNECT_TIMEOUT_MS = 5_000;

/**
 * A real AMQP 0-9-1 connection with the answers' host, port, vhost and credentials (AMQPS when
 * `tls`, the certificate not verified, as the DB check's TLS); then a
 * passive check of the queue, and when it is missing a declaration of it as exclusive (so the
 * check leaves nothing behind and still proves the user may declare that name).
 */
export async function gatherMessageQueue(
  t: MqTarget & { password: string },
  signal?: AbortSignal,
): Promise<MqOutcome> {
  // Loaded when a check runs, not when the CLI starts (bench "install": its start is the CLI's overhead).
  const { default: amqp } = await import('amqplib');
  let conn: ChannelModel | undefined;
  const onAbort = () => void conn?.close().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    conn = await amqp.connect(
      {
        protocol: t.tls ? 'amqps' : 'amqp',
        hostname: t.host,
        port: t.port,
        username: t.user,
        password: t.password,
        vhost: t.vhost,
        heartbeat: 0,
      },
      { timeout: MQ_CONNECT_TIMEOUT_MS, ...(t.tls ? { rejectUnauthorized: false } : {}) },
    );
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return {
      stage: 'connect',
      code: err.code ?? (/timeout/i.test(err.message ?? '') ? 'TIMEOUT' : ''),
      message: (err.message ?? String(e)).split('\n')[0]!,
    };
  }
  conn.on('error', () => {}); // a channel error also closes with an 'error' event; the result comes from the promise
  const server = [
    conn.connection.serverProperties.product,
    conn.connection.serverProperties.version,
  ]
    .filter(Boolean)
    .join(' ');
  try {
    let queueExisted = true;
    try {
      const ch = await conn.createChannel();
      ch.on('error', () => {});
      await ch.checkQueue(t.queue);
      await ch.close();
    } catch {
      queueExisted = false;
    }
    if (!queueExisted) {
      const ch = await conn.createChannel();
      ch.on('error', () => {});
      await ch.assertQueue(t.queue, { exclusive: true, autoDelete: true, durable: false });
      await ch.close();
    }
    return { stage: 'ok', queueExisted, server };
  } catch (e) {
    return { stage: 'queue', message: ((e as Error).message ?? String(e)).split('\n')[0]! };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await conn.close().catch(() => {});
  }
}

export async function checkMessageQueue(
  t: MqTarget & { password: string },
  signal?: AbortSignal,
): Promise<Verdict> {
  const { password: _, ...target } = t;
  // AMQP's ports only: the check is no port scanner (docs/preflight.md#passwords-only-over-tls).
  return decideMqPort(target) ?? decideMessageQueue(target, await gatherMessageQueue(t, signal));
}

/**
 * The check for each queue the server will use, one after the other (chart 3.50 has two,
 * `general.mq.queue_names`: docs/chart-3.50.md §8.1, §8.3): the first that does not pass is the
 * result, else one pass naming every queue.
 */
export async function checkMessageQueues(
  t: Omit<MqTarget, 'queue'> & { password: string },
  queues: readonly string[],
  signal?: AbortSignal,
): Promise<Verdict> {
  const passed: string[] = [];
  for (const queue of queues) {
    const v = await checkMessageQueue({ ...t, queue }, signal);
    if (v.status !== 'pass') return v;
    passed.push(v.message);
  }
  return { status: 'pass', message: passed.join(' '), fix: '' };
}
