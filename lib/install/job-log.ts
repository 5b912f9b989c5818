/**
 * A job's event log (no IO): every event gets the next id (1, 2, 3…) and its time; readers replay
 * from any id (SSE `Last-Event-ID`) and then follow new events until the job ends or they leave.
 *
 * After the job ends (`close`), its live tail may still append what the cluster does next
 * (`appendLive`: pods, workloads, Warning events), numbered on from the job's last id, for the
 * readers that follow with `{ live: true }` (the dashboard); other readers stop at `close`.
 */
import { stampEvent, type InstallEvent, type InstallEventBody } from '../status/events';

/** Log cap: a job emits a few thousand events at most; past this, helm-output lines are dropped. */
export const MAX_EVENTS = 20_000;
/** Cap on the live tail's events after the job ended (a dashboard left open for days). */
export const MAX_LIVE_EVENTS = 20_000;

export class JobLog {
  private readonly events: InstallEvent[] = [];
  private readonly listeners = new Set<() => void>();
  private closed = false;
  private dropped = 0;
  private live = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Appends an event (stamped with id and time) and wakes every follower; returns it. */
  append(body: InstallEventBody): InstallEvent | null {
    if (this.closed) return null;
    if (this.events.length >= MAX_EVENTS && body.type === 'helm-output') {
      this.dropped++;
      return null;
    }
    return this.push(body);
  }

  /**
   * Appends an event of the live tail; allowed after `close` (only followers with `live` see
   * it arrive). Null past MAX_LIVE_EVENTS.
   */
  appendLive(body: InstallEventBody): InstallEvent | null {
    if (this.live >= MAX_LIVE_EVENTS) return null;
    this.live++;
    return this.push(body);
  }

  private push(body: InstallEventBody): InstallEvent {
    const e = stampEvent(body, this.events.length + 1, this.now().toISOString());
    this.events.push(e);
    for (const l of [...this.listeners]) l();
    return e;
  }

  /** No more events after this (the job ended); followers finish once they have read everything. */
  close(): void {
    this.closed = true;
    for (const l of this.listeners) l();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get lastId(): number {
    return this.events.length;
  }

  get droppedLines(): number {
    return this.dropped;
  }

  /** Events with id > afterId. */
  since(afterId: number): InstallEvent[] {
    return this.events.slice(Math.max(0, afterId));
  }

  /**
   * Every event after `afterId`, then each new one as it is appended, until closed (with `live`:
   * until aborted, so the live tail's events reach the reader too) or aborted.
   */
  async *follow(
    afterId: number,
    signal?: AbortSignal,
    o: { live?: boolean } = {},
  ): AsyncGenerator<InstallEvent> {
    let next = Math.max(0, afterId);
    while (!signal?.aborted) {
      while (next < this.events.length) yield this.events[next++]!;
      if (this.closed && !o.live) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.listeners.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.listeners.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }
}
