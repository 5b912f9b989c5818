/**
 * A small worker pool, shared by the rooms that ask a few at a time: the support bundle's API
 * requests and container logs, the registry's manifest checks (a cluster or a registry is asked
 * the way a node would ask it, not flooded).
 */

/**
 * Runs the tasks with at most `n` of them running at once; the results come back in the tasks'
 * order, whatever order they finish in. `n` below 1 (or not a number) runs them one at a time.
 * The first task that rejects rejects the whole run with its error, and no task starts after it
 * (those already running finish on their own).
 */
export async function pool<T>(tasks: ReadonlyArray<() => Promise<T>>, n: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  const width = Math.max(1, Math.min(Math.floor(n) || 1, tasks.length));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!();
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/**
 * At most `n` holders at once, the others waiting in order of arrival: `acquire` resolves with
 * the release once a place is free (call it exactly once; later calls do nothing). A waiter whose
 * `signal` aborts leaves the queue and rejects with the signal's reason.
 */
export function semaphore(n: number): {
  acquire: (signal?: AbortSignal) => Promise<() => void>;
  readonly running: number;
  readonly waiting: number;
} {
  const width = Math.max(1, Math.floor(n) || 1);
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      running--;
      queue.shift()?.();
    };
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (running < width) {
        running++;
        return Promise.resolve(release());
      }
      return new Promise((resolve, reject) => {
        const start = () => {
          signal?.removeEventListener('abort', onAbort);
          running++;
          resolve(release());
        };
        const onAbort = () => {
          const i = queue.indexOf(start);
          if (i >= 0) queue.splice(i, 1);
          reject(signal!.reason);
        };
        queue.push(start);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
