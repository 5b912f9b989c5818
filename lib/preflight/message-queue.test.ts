// The message-queue check against TCP servers that are not AMQP brokers (node:net): it must not be
// a port scanner (docs/preflight.md#passwords-only-over-tls). The real RabbitMQ side is in
// test/preflight/message-queue.services.test.ts.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMessageQueue, gatherMessageQueue } from './message-queue';
import { decideMessageQueue } from './message-queue-decide';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) await new Promise((ok) => s.close(ok));
});

/** A TCP server on loopback: `greet` is what it says to each connection. */
async function tcp(greet: (s: net.Socket) => void) {
  const connections: number[] = [];
  const server = net.createServer((s) => {
    connections.push(Date.now());
    sockets.add(s);
    s.on('error', () => {});
    greet(s);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  servers.push(server);
  return { port: (server.address() as AddressInfo).port, connections };
}

const target = (port: number) => ({
  host: '127.0.0.1',
  port,
  vhost: '/',
  user: 'lightrun',
  password: 'mq-pa55word',
  queue: 'mixpanel-events',
  tls: false,
});

describe('the message-queue check is no port scanner', () => {
  it('a port that is not AMQP’s is not connected to at all', async () => {
    const ssh = await tcp((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const v = await checkMessageQueue(target(ssh.port));
    expect(ssh.connections).toEqual([]);
    expect(v).toMatchObject({ status: 'warn', message: expect.stringMatching(/^Not checked/) });
  });

  it('an SSH banner, a silent close and a closed port read the same, and nothing of the banner', async () => {
    const ssh = await tcp((s) => s.write('SSH-2.0-OpenSSH_9.6\r\n'));
    const hangUp = await tcp((s) => s.end());
    const closed = await tcp(() => {});
    const closedPort = closed.port;
    await new Promise((ok) => servers.pop()!.close(ok));
    const verdicts = [];
    for (const port of [ssh.port, hangUp.port, closedPort]) {
      const { password: _, ...t } = target(port);
      // the gatherer connects to any port it is given; the answers' port is gated before it
      const v = decideMessageQueue({ ...t, port: 5672 }, await gatherMessageQueue(target(port)));
      verdicts.push(v);
    }
    expect(ssh.connections).toHaveLength(1);
    expect(verdicts[0]).toEqual({
      status: 'fail',
      message:
        'No AMQP server answered at 127.0.0.1:5672: could not connect, or it is not an AMQP server.',
      fix: 'Check the host, the port (5672; 5671 for TLS) and the firewall between the cluster and the broker.',
    });
    expect(verdicts[1]).toEqual(verdicts[0]);
    expect(verdicts[2]).toEqual(verdicts[0]);
    // "-2.0" of the banner, read by amqplib as a frame size
    expect(JSON.stringify(verdicts)).not.toMatch(/758263344|SSH|OpenSSH/);
  });
});
