import 'server-only';
// The release's MySQL pod and an exec into it through the Kubernetes API (docs/upgrade.md,
// "Backup and restore of the database"): stdout streamed to the caller, stderr kept for the
// message, the status channel's verdict returned.
import type { Readable, Writable } from 'node:stream';
import { Writable as WritableStream } from 'node:stream';
import type * as k8s from '@kubernetes/client-node';
import { MYSQL_CONTAINER, mysqlPodSelector } from '../../upgrade/backup/commands';
import type { ExecStatus } from '../../upgrade/backup/exec-outcome';

/** The two client-node calls used here (tests pass fakes). */
export interface PodExecDeps {
  listPods: (namespace: string, labelSelector: string) => Promise<k8s.V1Pod[]>;
  exec: Pick<k8s.Exec, 'exec'>['exec'];
}

export interface MysqlPod {
  namespace: string;
  pod: string;
  container: string;
  /** The container's MYSQL_DATABASE when the pod spec gives it as a value (both charts do). */
  database?: string;
}

/** A backup or restore that cannot go on, in words for the admin (no value of the database). */
export class BackupError extends Error {
  override name = 'BackupError';
}

const running = (p: k8s.V1Pod) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp;

/** The running MySQL pod of the release (both charts label it alike, lib/upgrade/backup/commands.ts). */
export async function findMysqlPod(
  deps: PodExecDeps,
  namespace: string,
  release: string,
): Promise<MysqlPod> {
  const pods = await deps.listPods(namespace, mysqlPodSelector(release));
  const up = pods.filter(running);
  if (!up.length)
    throw new BackupError(
      pods.length
        ? `The MySQL pod of release ${release} in ${namespace} is not running (${pods.map((p) => `${p.metadata?.name}: ${p.status?.phase ?? 'no phase'}`).join(', ')}).`
        : `Release ${release} in ${namespace} has no in-chart MySQL pod (label selector ${mysqlPodSelector(release)}): is its database external (general.db_local false)? Back that database up with its own tools.`,
    );
  if (up.length > 1)
    throw new BackupError(
      `Release ${release} in ${namespace} has ${up.length} running MySQL pods (${up.map((p) => p.metadata?.name).join(', ')}): wait until one is left.`,
    );
  const pod = up[0]!;
  const container = pod.spec?.containers.find((c) => c.name === MYSQL_CONTAINER);
  if (!container)
    throw new BackupError(`The pod ${pod.metadata?.name} has no container "${MYSQL_CONTAINER}".`);
  const database = container.env?.find((e) => e.name === 'MYSQL_DATABASE')?.value;
  return {
    namespace,
    pod: pod.metadata!.name!,
    container: MYSQL_CONTAINER,
    ...(database ? { database } : {}),
  };
}

/** Collects a stream's text, keeping only its last `limit` characters. */
function tailCollector(limit: number): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new WritableStream({
    write(chunk: Buffer, _enc, done) {
      text = (text + chunk.toString('utf8')).slice(-limit);
      done();
    },
  });
  return { stream, text: () => text };
}

/** What of the exec's WebSocket the caller sees: how much it has queued unsent, flow control. */
export interface ExecSocket {
  readonly bufferedAmount: number;
  /** Stop and restart reading from the socket (the `ws` package's; absent in a browser's). */
  pause?: () => void;
  resume?: () => void;
  /** Close the connection at once (the `ws` package's), ending the command. */
  terminate?: () => void;
}

/**
 * Runs `command` in the pod's container: stdout to `stdout` (not ended here), stdin from `stdin`.
 * `onOpen` gets the connection once it is open (to pace what goes into stdin). Resolves when the
 * connection closes, with the status (null if none came) and stderr's end.
 */
export async function execInPod(
  deps: PodExecDeps,
  target: MysqlPod,
  command: string[],
  stdout: Writable,
  stdin: Readable | null = null,
  onOpen: (ws: ExecSocket) => void = () => undefined,
): Promise<{ status: ExecStatus | null; stderr: string }> {
  const stderr = tailCollector(8000);
  let status: ExecStatus | null = null;
  const ws = await deps.exec(
    target.namespace,
    target.pod,
    target.container,
    command,
    stdout,
    stderr.stream,
    stdin,
    false,
    (s) => {
      status = s as ExecStatus;
    },
  );
  onOpen(ws);
  await new Promise<void>((resolve, reject) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    ws.on('close', () => resolve());
    ws.on('error', reject);
  });
  return { status, stderr: stderr.text() };
}
