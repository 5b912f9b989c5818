// What a mysqldump says about itself, read as it streams by (PURE): the tables it creates, the
// database it names, and whether it reached its last line (docs/upgrade.md, "Backup and restore
// of the database").

/** Enough of a line's start to recognise the lines counted here (INSERT lines can be megabytes). */
const HEAD = 160;
const CREATE_TABLE = 'CREATE TABLE ';
const COMPLETED = '-- Dump completed';
const USE = /^USE `((?:[^`]|``)+)`;/;

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

/** Feeds chunks of a dump (any split, lines across chunks included) and tells its stats. */
export class DumpStatsReader {
  private head: number[] = [];
  private readonly stats: DumpStats = { tables: 0, databases: [], completed: false, bytes: 0 };

  push(chunk: Uint8Array): void {
    this.stats.bytes += chunk.length;
    for (let start = 0; ;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      const room = HEAD - this.head.length;
      if (room > 0) this.head.push(...chunk.subarray(start, Math.min(end, start + room)));
      if (nl < 0) return;
      this.endLine();
      start = nl + 1;
    }
  }

  /** The stats so far; a last line without a newline counts too. */
  result(): DumpStats {
    if (this.head.length) this.endLine();
    return { ...this.stats, databases: [...this.stats.databases] };
  }

  private endLine(): void {
    const line = new TextDecoder().decode(Uint8Array.from(this.head));
    this.head = [];
    if (line.startsWith(CREATE_TABLE)) this.stats.tables++;
    else if (line.startsWith(COMPLETED)) this.stats.completed = true;
    const use = USE.exec(line);
    if (use) this.stats.databases.push(use[1]!.replaceAll('``', '`'));
  }
}
