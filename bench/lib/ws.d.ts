// The few parts of the `ws` package (a dependency of client-node) the benchmark's inspector client uses.
declare module 'ws' {
  export default class WebSocket {
    constructor(url: string);
    once(event: 'open' | 'error', cb: (e?: unknown) => void): this;
    on(event: 'message', cb: (data: unknown) => void): this;
    send(data: string): void;
    close(): void;
  }
}
