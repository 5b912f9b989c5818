'use client';

import { useEffect, useRef, useState } from 'react';
import { installEventSchema, type InstallEvent } from '@/lib/status/events';
import { initialInstallState, reduceInstallAll, type InstallState } from '@/lib/status/reducer';

/** `stopped`: the server said it is stopping (SIGINT/SIGTERM); the browser keeps retrying. */
export type StreamConnection = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'stopped';

/**
 * Every event name the job's SSE route may use (named events need a listener each): JOB's route
 * names them all `install`; the event types are accepted too, so either naming works.
 */
const EVENT_NAMES: string[] = [
  'install',
  'job',
  'step',
  'expected',
  'workload',
  'pod',
  'k8s-event',
  'helm-output',
  'override',
  'done',
];

/**
 * Follow one install job's event stream and fold it into state with `reduceInstallAll`.
 * - One EventSource per mounted hook (one per tab); the browser itself reconnects after a drop and
 *   sends `Last-Event-ID`, so the server replays only what was missed; a reload starts at id 0 and
 *   gets the whole log (the reducer ignores ids it already has either way).
 * - Events are queued and folded once per animation frame: 50 changes a second cost one render
 *   each frame, and rows whose pod did not change keep their object identity (memoized rows skip).
 * - The stream stays open after `done`: the server's live tail of the finished job goes on sending
 *   what the namespace does next (a pod turning Ready, a kubelet Warning), so the page keeps
 *   showing the cluster's state, not the state at the moment the job ended.
 */
export function useEventStream(jobId: string): {
  state: InstallState;
  connection: StreamConnection;
  invalid: number;
} {
  const [state, setState] = useState<InstallState>(initialInstallState);
  const [connection, setConnection] = useState<StreamConnection>('connecting');
  const [invalid, setInvalid] = useState(0);
  const queue = useRef<InstallEvent[]>([]);

  useEffect(() => {
    const source = new EventSource(`/api/install/${encodeURIComponent(jobId)}/events`);
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = queue.current;
      queue.current = [];
      if (batch.length) setState((s) => reduceInstallAll(s, batch));
    };
    const onEvent = (e: MessageEvent<string>) => {
      let parsed: ReturnType<typeof installEventSchema.safeParse>;
      try {
        parsed = installEventSchema.safeParse(JSON.parse(e.data));
      } catch {
        setInvalid((n) => n + 1);
        return;
      }
      if (!parsed.success) {
        setInvalid((n) => n + 1);
        return;
      }
      queue.current.push(parsed.data);
      if (!frame) frame = requestAnimationFrame(flush);
    };
    let stopped = false;
    source.onopen = () => {
      stopped = false;
      setConnection('open');
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setConnection('closed');
      else if (!stopped) setConnection('reconnecting');
    };
    // The server's last word before it exits: say so until it is back (onopen).
    source.addEventListener('server-stopping', () => {
      stopped = true;
      setConnection('stopped');
    });
    source.addEventListener('message', onEvent);
    for (const name of EVENT_NAMES) source.addEventListener(name, onEvent as EventListener);
    return () => {
      source.close();
      if (frame) cancelAnimationFrame(frame);
      queue.current = [];
    };
  }, [jobId]);

  return { state, connection, invalid };
}
