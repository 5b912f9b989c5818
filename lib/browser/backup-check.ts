/**
 * What the plan page checks of a download before it calls it a backup (docs/upgrade.md, "The plan
 * page"): its size and sha256 (SubtleCrypto), and for the database dump that the gzip is whole
 * and the SQL inside is a complete dump of one database, with its tables counted — the same
 * reading `cli backup` and `cli restore` make (lib/upgrade/backup/dump-stats.ts). Runs in the
 * browser (and in Node 24, which has the same Web APIs).
 */
import { dumpProblem, DumpStatsReader } from '../upgrade/backup/dump-stats';

export interface FileFacts {
  bytes: number;
  sha256: string;
}

export interface DumpFacts extends FileFacts {
  database: string;
  tables: number;
  sqlBytes: number;
}

/** The blob's size and its sha256, hex. */
export async function fileFacts(blob: Blob): Promise<FileFacts> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { bytes: blob.size, sha256 };
}

/** Reads the gzip dump through; throws an Error in words when it is not a whole backup. */
export async function dumpFacts(blob: Blob): Promise<DumpFacts> {
  const stats = new DumpStatsReader();
  try {
    const sql = blob.stream().pipeThrough(new DecompressionStream('gzip'));
    for await (const chunk of sql as unknown as AsyncIterable<Uint8Array>) stats.push(chunk);
  } catch {
    throw new Error('The download is not a whole gzip file: the backup was cut short.');
  }
  const s = stats.result();
  const problem = dumpProblem(s, 'The dump');
  if (problem) throw new Error(problem);
  return {
    ...(await fileFacts(blob)),
    database: s.databases[0]!,
    tables: s.tables,
    sqlBytes: s.bytes,
  };
}

/** A size as the page shows it: bytes, KiB, MiB or GiB with one decimal. */
export function sizeText(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} bytes` : `${n.toFixed(1)} ${units[u]}`;
}
