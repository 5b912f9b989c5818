import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  historyFromRecords,
  manifestOfRecord,
  MAX_RELEASE_BYTES,
  newestManifest,
  recordSelector,
  recordsOf,
  secretDriver,
  type RecordLike,
} from './release-record';

/** A record as helm's Secret driver writes it: JSON → gzip → base64, then the Secret's own base64. */
function record(
  release: string,
  version: string,
  status: string,
  body: unknown,
  o: { gzip?: boolean; type?: string; owner?: string } = {},
): RecordLike {
  const json = Buffer.from(JSON.stringify(body));
  const helmB64 = (o.gzip === false ? json : gzipSync(json)).toString('base64');
  return {
    metadata: {
      name: `sh.helm.release.v1.${release}.v${version}`,
      labels: { owner: o.owner ?? 'helm', name: release, version, status },
    },
    type: o.type ?? 'helm.sh/release.v1',
    data: { release: Buffer.from(helmB64).toString('base64') },
  };
}
const rel = (manifest: string, config: Record<string, unknown> = {}) => ({
  name: 'lightrun',
  version: 1,
  manifest,
  config,
  info: { status: 'deployed' },
});

describe("secretDriver: the records are read from Secrets only with helm's default driver", () => {
  it.each([
    [undefined, true],
    ['', true],
    ['secret', true],
    ['secrets', true],
    ['Secret', true],
    [' secrets ', true],
    ['configmap', false],
    ['configmaps', false],
    ['memory', false],
    ['sql', false],
    ['secretz', false],
  ])('HELM_DRIVER=%j → %s', (d, want) => {
    expect(secretDriver(d === undefined ? {} : { HELM_DRIVER: d })).toBe(want);
  });
});

describe('recordsOf / historyFromRecords', () => {
  it('selects by owner and release name', () => {
    expect(recordSelector('lightrun')).toBe('owner=helm,name=lightrun');
  });
  it('keeps only helm records of the release, oldest first, numerically', () => {
    const items = [
      record('lightrun', '10', 'deployed', rel('a')),
      record('lightrun', '9', 'superseded', rel('b')),
      record('lightrun', '2', 'superseded', rel('c')),
      record('other', '11', 'deployed', rel('d')),
      record('lightrun', '12', 'deployed', rel('e'), { type: 'Opaque' }),
      record('lightrun', '13', 'deployed', rel('f'), { owner: 'someone' }),
    ];
    expect(historyFromRecords(items, 'lightrun')).toEqual([
      { revision: 2, status: 'superseded' },
      { revision: 9, status: 'superseded' },
      { revision: 10, status: 'deployed' },
    ]);
    expect(recordsOf(items, 'other').map((r) => r.metadata?.name)).toEqual([
      'sh.helm.release.v1.other.v11',
    ]);
  });
  it.each([
    ['1', true],
    ['999999999', true],
    ['0', false],
    ['01', false],
    ['1234567890', false],
    ['x', false],
    ['', false],
    ['1.5', false],
    ['-1', false],
  ])('version label %j counts: %s', (v, counts) => {
    expect(historyFromRecords([record('r', v, 'deployed', rel('m'))], 'r')).toHaveLength(
      counts ? 1 : 0,
    );
  });
  it('a record without a status label says unknown (never dropped: a revision still counts for the pending check)', () => {
    const r = record('r', '1', 'x', rel('m'));
    delete r.metadata!.labels!.status;
    expect(historyFromRecords([r], 'r')).toEqual([{ revision: 1, status: 'unknown' }]);
  });
  it('no records: an empty history', () => {
    expect(historyFromRecords([], 'r')).toEqual([]);
    expect(newestManifest([], 'r')).toBeNull();
  });
});

describe('manifestOfRecord / newestManifest', () => {
  const manifest =
    '---\n# Source: c/templates/d.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n';
  it('decodes a gzipped record (what helm writes) and a plain JSON one', () => {
    expect(manifestOfRecord(record('r', '1', 'deployed', rel(manifest)))).toBe(manifest);
    expect(manifestOfRecord(record('r', '1', 'deployed', rel(manifest), { gzip: false }))).toBe(
      manifest,
    );
  });
  it('the newest revision wins', () => {
    const items = [
      record('r', '3', 'deployed', rel('three')),
      record('r', '11', 'deployed', rel('eleven')),
      record('r', '2', 'superseded', rel('two')),
    ];
    expect(newestManifest(items, 'r')).toBe('eleven');
  });
  it('an empty manifest is a manifest (a chart that renders nothing)', () => {
    expect(manifestOfRecord(record('r', '1', 'deployed', rel('')))).toBe('');
  });
  const secret = 'S3cret-Value-Of-The-Admin';
  it.each<[string, (r: RecordLike) => void, RegExp]>([
    [
      'no data',
      (r) => {
        delete r.data;
      },
      /has no release data/,
    ],
    [
      'empty data',
      (r) => {
        r.data!.release = '';
      },
      /has no release data/,
    ],
    [
      'not JSON',
      (r) => {
        r.data!.release = Buffer.from(
          Buffer.from(`{"config":{"p":"${secret}"}`).toString('base64'),
        ).toString('base64');
      },
      /is not a release in JSON/,
    ],
    [
      'a broken gzip',
      (r) => {
        r.data!.release = Buffer.from(
          Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), Buffer.from(secret)]).toString('base64'),
        ).toString('base64');
      },
      /is not a gzipped release/,
    ],
    [
      'no manifest',
      (r) => {
        r.data!.release = record('r', '1', 'x', { config: { p: secret } }).data!.release!;
      },
      /holds no manifest/,
    ],
    [
      'a manifest that is not text',
      (r) => {
        r.data!.release = record('r', '1', 'x', {
          manifest: 5,
          config: { p: secret },
        }).data!.release!;
      },
      /holds no manifest/,
    ],
  ])('%s: an error naming the record, never its content', (_, spoil, msg) => {
    const r = record('r', '1', 'deployed', rel(manifest, { password: secret }));
    spoil(r);
    let err: Error | undefined;
    try {
      manifestOfRecord(r);
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(msg);
    expect(err?.message).toContain('sh.helm.release.v1.r.v1');
    expect(err?.message).not.toContain(secret);
  });
  it('a gzip that inflates past the bound is refused, one just under it is read', () => {
    const big = (n: number) => {
      const head = Buffer.from('{"manifest":"');
      const tail = Buffer.from('"}');
      const json = Buffer.concat([head, Buffer.alloc(n - head.length - tail.length, 0x61), tail]);
      return {
        metadata: {
          name: 'b',
          labels: { owner: 'helm', name: 'r', version: '1', status: 'deployed' },
        },
        type: 'helm.sh/release.v1',
        data: { release: Buffer.from(gzipSync(json).toString('base64')).toString('base64') },
      };
    };
    expect(() => manifestOfRecord(big(MAX_RELEASE_BYTES + 1))).toThrow(/is not a gzipped release/);
    expect(manifestOfRecord(big(MAX_RELEASE_BYTES)).length).toBe(MAX_RELEASE_BYTES - 15);
  });
});
