// The manifest written beside a backup (PURE): where the dump came from and what it holds, so a
// restore can check the file is the one taken (docs/upgrade.md, "Backup and restore of the
// database"). It holds no value of the database and no password.

export const MANIFEST_KIND = 'lightrun-mysql-backup';

export interface BackupManifest {
  kind: typeof MANIFEST_KIND;
  version: 1;
  release: string;
  namespace: string;
  pod: string;
  container: string;
  database: string;
  /** ISO time the dump finished. */
  takenAt: string;
  /** The gzip file's name (no directory) and its size, in bytes. */
  file: string;
  bytes: number;
  /** Bytes of SQL inside. */
  sqlBytes: number;
  tables: number;
  /** sha256 of the gzip file, hex. */
  sha256: string;
}

/** The manifest's file name for a backup file. */
export const manifestPathOf = (file: string): string => `${file}.manifest.json`;

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The manifest read back; a message naming what is wrong when it is not one this writes. */
export function parseManifest(text: string): BackupManifest | { problem: string } {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { problem: 'is not JSON.' };
  }
  if (typeof m !== 'object' || m === null || m.kind !== MANIFEST_KIND || m.version !== 1)
    return { problem: `is not a ${MANIFEST_KIND} manifest of version 1.` };
  for (const k of ['release', 'namespace', 'pod', 'container', 'database', 'takenAt', 'file'])
    if (!isText(m[k])) return { problem: `has no ${k}.` };
  for (const k of ['bytes', 'sqlBytes', 'tables'])
    if (!isCount(m[k])) return { problem: `has no ${k} count.` };
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256))
    return { problem: 'has no sha256.' };
  return m as unknown as BackupManifest;
}

/** The manifest as written: one key a line, a final newline. */
export const manifestText = (m: BackupManifest): string => `${JSON.stringify(m, null, 2)}\n`;
