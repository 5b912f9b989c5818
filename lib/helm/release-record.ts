/**
 * Helm's release records as its default storage driver keeps them — one Secret of type
 * `helm.sh/release.v1` per revision, named `sh.helm.release.v1.<release>.v<N>`, labelled
 * `owner=helm`, `name=<release>`, `version=<N>`, `status=<status>`; its `release` data is the
 * release as JSON, gzipped and base64-encoded (then base64 again by the Secret's own encoding).
 * helm 3 and helm 4 write the same format.
 *
 * Read straight from the API (lib/install/kube-ops.ts) they answer `helm history` and
 * `helm get manifest` in one request each instead of a helm process each (~0.2–0.4 s of start-up
 * and discovery on this machine, twice per install). PURE (node:zlib only).
 *
 * The decoded release also holds the values the admin gave (`config`), secrets included: only the
 * manifest and the revision's status leave this module; nothing else is returned or logged.
 */
import { gunzipSync } from 'node:zlib';
import type { HistoryEntry } from './history';

/** Helm's storage driver for the given environment: the records can be read from Secrets only with the default one. */
export function secretDriver(env: Readonly<Record<string, string | undefined>>): boolean {
  const d = (env.HELM_DRIVER ?? '').trim().toLowerCase();
  return d === '' || d === 'secret' || d === 'secrets';
}

/** The label selector of one release's records. */
export const recordSelector = (release: string): string => `owner=helm,name=${release}`;

/** The parts of a release-record Secret this module reads. */
export interface RecordLike {
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    /** When the revision's record was written: when helm began that revision. */
    creationTimestamp?: Date | string;
  };
  type?: string;
  data?: Record<string, string>;
}

const RECORD_TYPE = 'helm.sh/release.v1';

const revisionOf = (s: RecordLike): number | null => {
  const v = s.metadata?.labels?.version ?? '';
  return /^[1-9]\d{0,8}$/.test(v) ? Number(v) : null;
};

/** The records of `release` among the listed Secrets (others ignored), oldest first. */
export function recordsOf(items: readonly RecordLike[], release: string): RecordLike[] {
  return items
    .filter(
      (s) =>
        s.type === RECORD_TYPE &&
        s.metadata?.labels?.owner === 'helm' &&
        s.metadata.labels.name === release &&
        revisionOf(s) !== null,
    )
    .sort((a, b) => revisionOf(a)! - revisionOf(b)!);
}

/** `helm history` from the records' labels: revision and status of each, oldest first. */
export function historyFromRecords(items: readonly RecordLike[], release: string): HistoryEntry[] {
  return recordsOf(items, release).map((s) => {
    const at = s.metadata?.creationTimestamp;
    return {
      revision: revisionOf(s)!,
      status: s.metadata?.labels?.status ?? 'unknown',
      ...(at ? { updated: new Date(at).toISOString() } : {}),
    };
  });
}

/** The most a decoded release may be (a Secret holds 1 MiB; its gzip rarely packs more than 20:1). */
export const MAX_RELEASE_BYTES = 64 * 1024 * 1024;

/**
 * The manifest of one record (`helm get manifest` of that revision). Throws a message without any
 * of the record's content when the data is not a release.
 */
export function manifestOfRecord(s: RecordLike): string {
  const data = s.data?.release;
  if (typeof data !== 'string' || data === '')
    throw new Error(`release record ${s.metadata?.name ?? ''} has no release data`);
  const helmB64 = Buffer.from(data, 'base64').toString('latin1');
  let bytes = Buffer.from(helmB64, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_RELEASE_BYTES });
    } catch {
      throw new Error(`release record ${s.metadata?.name ?? ''} is not a gzipped release`);
    }
  }
  let rel: unknown;
  try {
    rel = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Error(`release record ${s.metadata?.name ?? ''} is not a release in JSON`);
  }
  const manifest = (rel as { manifest?: unknown } | null)?.manifest;
  if (typeof manifest !== 'string')
    throw new Error(`release record ${s.metadata?.name ?? ''} holds no manifest`);
  return manifest;
}

/** The manifest of the newest revision, or null when the release has no record. */
export function newestManifest(items: readonly RecordLike[], release: string): string | null {
  const records = recordsOf(items, release);
  const newest = records[records.length - 1];
  return newest ? manifestOfRecord(newest) : null;
}
