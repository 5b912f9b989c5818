import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  historyFromRecords,
  manifestOfRecord,
  newestManifest,
  recordsOf,
  type RecordLike,
} from './release-record';

// Exact tables for the record decoder's edges: Secrets that are not records at all, the gzip magic
// bytes one at a time, releases that decode to something other than an object, records without a
// name. Each row builds its input inside the test.

/** The Secret's `release` data for these bytes of helm's payload (helm's base64, then the Secret's). */
const data = (payload: Buffer) => Buffer.from(payload.toString('base64')).toString('base64');
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const labels = (release: string, version: string) => ({
  owner: 'helm',
  name: release,
  version,
  status: 'deployed',
});
const good = (version: string, manifest: string): RecordLike => ({
  metadata: { name: `sh.helm.release.v1.r.v${version}`, labels: labels('r', version) },
  type: 'helm.sh/release.v1',
  data: { release: data(gzipSync(json({ manifest }))) },
});

describe('recordsOf: a listed Secret that is not a record is skipped, never a crash', () => {
  it.each<[string, () => RecordLike]>([
    ['an object with nothing', () => ({})],
    ['the record type without metadata', () => ({ type: 'helm.sh/release.v1' })],
    [
      'the record type with metadata but no labels',
      () => ({ type: 'helm.sh/release.v1', metadata: { name: 'sh.helm.release.v1.r.v9' } }),
    ],
    [
      'labels without owner',
      () => ({ type: 'helm.sh/release.v1', metadata: { labels: { name: 'r', version: '9' } } }),
    ],
    [
      'helm labels without a version',
      () => ({
        type: 'helm.sh/release.v1',
        metadata: { labels: { owner: 'helm', name: 'r', status: 'deployed' } },
      }),
    ],
    [
      'owner helm of another release',
      () => ({ type: 'helm.sh/release.v1', metadata: { labels: labels('r2', '9') } }),
    ],
    [
      'a release name that only starts the same',
      () => ({ type: 'helm.sh/release.v1', metadata: { labels: labels('r-canary', '9') } }),
    ],
  ])('%s: only the real records of r remain', (_n, other) => {
    const items = [good('2', 'two'), other(), good('1', 'one')];
    expect(historyFromRecords(items, 'r')).toEqual([
      { revision: 1, status: 'deployed' },
      { revision: 2, status: 'deployed' },
    ]);
    expect(recordsOf(items, 'r').map((s) => s.metadata?.name)).toEqual([
      'sh.helm.release.v1.r.v1',
      'sh.helm.release.v1.r.v2',
    ]);
    expect(newestManifest(items, 'r')).toBe('two');
  });
});

describe('manifestOfRecord: only the full 3-byte gzip magic (1f 8b 08) is inflated', () => {
  it.each<[string, number[]]>([
    ['1f 8b 00: gzip id, not deflate', [0x1f, 0x8b, 0x00]],
    ['00 8b 08: no first id byte', [0x00, 0x8b, 0x08]],
    ['1f 00 08: no second id byte', [0x1f, 0x00, 0x08]],
    ['00 00 08: the method byte alone', [0x00, 0x00, 0x08]],
  ])('%s → read as JSON (and refused as such), never gunzipped', (_n, head) => {
    const r: RecordLike = {
      metadata: { name: 'rec' },
      data: { release: data(Buffer.concat([Buffer.from(head), json({ manifest: 'm' })])) },
    };
    expect(() => manifestOfRecord(r)).toThrow(/^release record rec is not a release in JSON$/);
  });
  it('a plain JSON release is read without gunzip', () => {
    expect(
      manifestOfRecord({
        metadata: { name: 'rec' },
        data: { release: data(json({ manifest: 'plain' })) },
      }),
    ).toBe('plain');
  });
});

describe('manifestOfRecord: a release that is JSON but not an object with a manifest', () => {
  it.each<[string, string]>([
    ['null', 'null'],
    ['a number', '5'],
    ['a string', '"kind: Deployment"'],
    ['a list', '["kind: Deployment"]'],
    ['an object with a null manifest', '{"manifest":null}'],
    ['an object with a list manifest', '{"manifest":["a"]}'],
  ])('%s → "holds no manifest"', (_n, text) => {
    const r: RecordLike = {
      metadata: { name: 'rec' },
      data: { release: data(gzipSync(Buffer.from(text))) },
    };
    expect(() => manifestOfRecord(r)).toThrow(/^release record rec holds no manifest$/);
  });
});

describe("manifestOfRecord: a record without a name still fails with the decoder's own message", () => {
  it.each<[string, () => RecordLike, string]>([
    ['no data', () => ({}), 'release record  has no release data'],
    [
      'metadata without a name, no data',
      () => ({ metadata: {} }),
      'release record  has no release data',
    ],
    [
      'a broken gzip',
      () => ({ data: { release: data(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01])) } }),
      'release record  is not a gzipped release',
    ],
    [
      'not JSON',
      () => ({ data: { release: data(Buffer.from('{oops')) } }),
      'release record  is not a release in JSON',
    ],
    [
      'no manifest',
      () => ({ data: { release: data(json({ config: {} })) } }),
      'release record  holds no manifest',
    ],
  ])('%s', (_n, r, msg) => {
    let err: unknown;
    try {
      manifestOfRecord(r());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(msg);
  });
});
