/**
 * The wizard server's own heap, read through the V8 inspector of the process (started with
 * `--inspect=127.0.0.1:PORT`, loopback only, for the benchmark): a full collection first, then
 * process.memoryUsage(). RSS alone counts garbage V8 has not collected yet; this says what stays.
 */
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';

export interface HeapFigures {
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** Committed size of each V8 heap space (MiB): the new space grows under a high allocation rate and is RSS without being kept objects. */
  spacesMiB: Record<string, number>;
}

export interface Inspector {
  heapAfterGc: () => Promise<HeapFigures>;
  /** A full heap snapshot (what DevTools' Memory tab takes) written to `file`, for bench/heap-diff.ts. */
  snapshot: (file: string) => Promise<void>;
  close: () => void;
}

export async function connectInspector(port: number, timeoutMs = 30_000): Promise<Inspector> {
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    try {
      const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
        webSocketDebuggerUrl: string;
      }[];
      url = list[0]?.webSocketDebuggerUrl;
    } catch {
      if (Date.now() > deadline) throw new Error(`no inspector on 127.0.0.1:${port}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  let chunks: string[] | undefined;
  ws.on('message', (d: unknown) => {
    const m = JSON.parse(String(d)) as {
      id?: number;
      result?: unknown;
      method?: string;
      params?: { chunk?: string };
    };
    if (m.method === 'HeapProfiler.addHeapSnapshotChunk' && chunks)
      chunks.push(m.params?.chunk ?? '');
    if (m.id !== undefined && pending.has(m.id)) {
      pending.get(m.id)!(m.result);
      pending.delete(m.id);
    }
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const i = ++id;
      pending.set(i, resolve);
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  return {
    heapAfterGc: async () => {
      await send('HeapProfiler.collectGarbage');
      const expression =
        "JSON.stringify({ m: process.memoryUsage(), s: process.getBuiltinModule?.('v8')?.getHeapSpaceStatistics() ?? [] })";
      const r = (await send('Runtime.evaluate', { expression, returnByValue: true })) as {
        result: { value: string };
      };
      const { m, s } = JSON.parse(r.result.value) as {
        m: NodeJS.MemoryUsage;
        s: { space_name: string; space_size: number }[];
      };
      const mib = (b: number) => b / 1048576;
      return {
        heapUsedMiB: mib(m.heapUsed),
        heapTotalMiB: mib(m.heapTotal),
        externalMiB: mib(m.external),
        spacesMiB: Object.fromEntries(s.map((x) => [x.space_name, mib(x.space_size)])),
      };
    },
    snapshot: async (file) => {
      chunks = [];
      await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      writeFileSync(file, chunks.join(''));
      chunks = undefined;
    },
    close: () => ws.close(),
  };
}
