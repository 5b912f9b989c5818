/** Splits a byte stream into text lines as chunks arrive (PURE; used by the spawn adapter). */

/** Longest line kept; longer lines are cut (helm can print a whole manifest on one line). */
export const MAX_LINE = 8192;

/** Returns a pusher that emits every complete line of the chunks it is given, and a flush for the rest. */
export function lineSplitter(emit: (line: string) => void): {
  push(chunk: string): void;
  flush(): void;
} {
  let buf = '';
  const out = (l: string) => emit(l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l);
  return {
    push(chunk) {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        out(buf.slice(0, i).replace(/\r$/, ''));
        buf = buf.slice(i + 1);
      }
      // A runaway line without a newline must not grow without bound.
      if (buf.length > MAX_LINE * 4) {
        out(buf);
        buf = '';
      }
    },
    flush() {
      if (buf !== '') out(buf.replace(/\r$/, ''));
      buf = '';
    },
  };
}
