// What a mysqldump says about itself, read as it streams by (PURE): the tables it creates, the
// database it names, and whether it reached its last line (docs/upgrade.md, "Backup and restore
// of the database").

/**
 * Enough of a line's start to recognise the lines counted here (INSERT lines can be megabytes):
 * the longest `USE` line is 199 bytes (a 64-character name of 3-byte characters, MySQL's limit).
 */
export const LINE_HEAD = 256;
const ascii = (t: string) => new TextEncoder().encode(t);
const CREATE_TABLE = ascii('CREATE TABLE ');
const COMPLETED = ascii('-- Dump completed');
const USE_START = ascii('USE `');
const USE = /^USE `((?:[^`]|``)+)`;/;

const startsWith = (line: Uint8Array, prefix: Uint8Array) =>
  line.length >= prefix.length && prefix.every((b, i) => line[i] === b);

export interface DumpStats {
  /** `CREATE TABLE` lines: one per table (views are written as comments, not counted). */
  tables: number;
  /** The databases the dump selects (`USE` lines), in order. */
  databases: string[];
  /** mysqldump's last comment line was seen: the dump was not cut short. */
  completed: boolean;
  /** Bytes of SQL seen. */
  bytes: number;
}

/**
 * Feeds chunks of a dump (any split, lines across chunks included) and tells its stats. A line's
 * start is looked at in place; only one that spans chunks is copied (a dump has a line per row).
 */
export class DumpStatsReader {
  /** The start of a line begun in an earlier chunk, or null at a line's start. */
  private carried: number[] | null = null;
  private readonly stats: DumpStats = { tables: 0, databases: [], completed: false, bytes: 0 };

  push(chunk: Uint8Array): void {
    this.stats.bytes += chunk.length;
    for (let start = 0; start < chunk.length;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      const piece = chunk.subarray(start, Math.min(end, start + LINE_HEAD));
      if (this.carried) {
        const room = LINE_HEAD - this.carried.length;
        if (room > 0) this.carried.push(...piece.subarray(0, room));
      }
      if (nl < 0) {
        this.carried ??= [...piece];
        return;
      }
      this.endLine(this.carried ? Uint8Array.from(this.carried) : piece);
      this.carried = null;
      start = nl + 1;
    }
  }

  /** The stats so far; a last line without a newline counts too. */
  result(): DumpStats {
    if (this.carried?.length) this.endLine(Uint8Array.from(this.carried));
    this.carried = null;
    return { ...this.stats, databases: [...this.stats.databases] };
  }

  private endLine(head: Uint8Array): void {
    if (startsWith(head, CREATE_TABLE)) this.stats.tables++;
    else if (startsWith(head, COMPLETED)) this.stats.completed = true;
    else if (startsWith(head, USE_START)) {
      const use = USE.exec(new TextDecoder().decode(head));
      if (use) this.stats.databases.push(use[1]!.replaceAll('``', '`'));
    }
  }
}

/** Why a dump is not one backup of one database (incomplete, or not exactly one); null if it is. */
export function dumpProblem(stats: DumpStats, what: string): string | null {
  if (!stats.completed) return `${what} is incomplete: mysqldump's last line is missing.`;
  if (stats.databases.length !== 1)
    return `${what} selects ${stats.databases.length} databases; a backup of one Lightrun database selects exactly one.`;
  return null;
}
