// Chart 3.50's image list (lib/images/table-350.ts, predicted from the values without helm) equals
// the images of `helm template` of chart-3.50 for each example's 3.50 plan, with helm v4 and v3:
// as the wizard writes the file, with each switch that turns an image on or off flipped over it,
// with a tag of its own for every helper image (so each key is seen exactly when helm renders it),
// and with a private registry (every image then comes from it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Answers } from '../../lib/answers';
import { answerImages } from '../../cli/images';
import {
  IMAGE_KEYS_350,
  IMAGE_TABLE_350,
  imagesFromManifests,
  isInRegistry,
  predictImages,
} from '../../lib/images';
import { renderValues, renderYaml } from '../../lib/values';
import { answers350, examples } from '../../lib/values/__fixtures__/examples-350';
import { deepMerge, setPath, type Tree } from '../../lib/values/tree';
import { chart350Dir, helmBinaries, templateRaw } from './helm';

const taken = examples();
const bins = helmBinaries();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lw-images-350-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

/** The plan's files as the wizard writes them, plus one layer over them; helm's images. */
function helmImages(bin: (typeof bins)[number], a: Answers, over: Tree): string[] {
  const out = renderYaml(a, { splitSecrets: true });
  const files = [out.values, out.secrets, stringify(over)].flatMap((text) => {
    if (text === null) return [];
    const f = path.join(tmp, `${++n}.yaml`);
    writeFileSync(f, text, { mode: 0o600 });
    return [f];
  });
  const r = templateRaw(files, { bin, chart: chart350Dir });
  if (r.code !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  return imagesFromManifests(r.stdout);
}

const predicted = (a: Answers, over: Tree) =>
  predictImages(deepMerge(renderValues(a, { full: true }).values, over) as Tree, IMAGE_TABLE_350);

const on = (...paths: string[]) => {
  const t: Tree = {};
  for (const p of paths) setPath(t, p.split('.'), true);
  return t;
};
const off = (...paths: string[]) => {
  const t: Tree = {};
  for (const p of paths) setPath(t, p.split('.'), false);
  return t;
};

/** Each switch a condition of the table reads, turned the other way (and combined). */
const SWITCHES: [string, Tree][] = [
  ['as written', {}],
  ['crons off', off('general.crons.enabled')],
  [
    'every async profiler on',
    on(
      'deployments.backend.asyncProfiler.enabled',
      'deployments.crons.asyncProfiler.enabled',
      'deployments.keycloak.asyncProfiler.enabled',
    ),
  ],
  [
    'crons off, its profiler on',
    deepMerge(off('general.crons.enabled'), on('deployments.crons.asyncProfiler.enabled')) as Tree,
  ],
  ['read-only root filesystem', on('general.readOnlyRootFilesystem')],
  ['message queue off', off('general.mq.enabled')],
  [
    'message queue external, read-only root',
    deepMerge(
      off('general.mq.local'),
      on('general.mq.enabled', 'general.readOnlyRootFilesystem'),
    ) as Tree,
  ],
  [
    // with existing internal certificates its pod needs one too (ignored otherwise)
    'data streamer on',
    deepMerge(on('general.data_streamer.enabled'), {
      general: {
        internal_tls: { certificates: { existing_certificates: { data_streamer: 'ds-tls' } } },
      },
    }) as Tree,
  ],
  ['redis external', on('deployments.redis.external.enabled')],
  ['database external', off('general.db_local')],
  [
    'database external, only the Keycloak profiler asks for init containers',
    deepMerge(
      off('general.db_local', 'general.readOnlyRootFilesystem', 'general.internal_tls.enabled'),
      on('deployments.keycloak.asyncProfiler.enabled', 'general.mq.enabled'),
    ) as Tree,
  ],
];

/** A tag of its own for every image that has no appVersion fallback (MySQL's must be a version). */
const OWN_TAGS: Tree = {};
IMAGE_KEYS_350.forEach((k, i) => {
  const tag = k.key === 'deployments.mysql.image' ? `8.4.${100 + i}` : `key-${i}`;
  if (!k.appVersionFallback) setPath(OWN_TAGS, [...k.key.split('.'), 'tag'], tag);
});

describe('chart 3.50 examples exist', () => {
  it('seven or more', () => expect(taken.length).toBeGreaterThanOrEqual(7));
});

describe.each(bins)('chart 3.50 images with $name', (bin) => {
  describe.each(taken)('$name', (e) => {
    const a = answers350(e);
    it('the CLI and Review list equals the images of helm template', () => {
      const helm = helmImages(bin, a, {});
      expect(helm.length).toBeGreaterThanOrEqual(6);
      expect(answerImages(a)).toEqual(helm);
      expect(helm.some((i) => i.includes('1.91.0-release'))).toBe(true);
    });
    it.each(SWITCHES)('%s, every helper image tagged apart: predicted = rendered', (_, over) => {
      const layer = deepMerge(OWN_TAGS, over) as Tree;
      const helm = helmImages(bin, a, layer);
      expect(predicted(a, layer)).toEqual(helm);
      expect(helm.filter((i) => i.includes(':key-')).length).toBeGreaterThanOrEqual(3);
    });
    it('with a private registry every image comes from it, as predicted', () => {
      const reg = { host: 'registry.example.com:5000', prefix: 'mirror/lightrun' };
      const p: Answers = {
        ...a,
        registry: { mode: 'private', insecure: false, tokenHost: '', ...reg },
      };
      if (p.pullSecret.mode === 'inline') p.pullSecret = { mode: 'none' };
      const helm = helmImages(bin, p, on('deployments.backend.asyncProfiler.enabled'));
      expect(helm.filter((i) => !isInRegistry(i, reg))).toEqual([]);
      expect(predicted(p, on('deployments.backend.asyncProfiler.enabled'))).toEqual(helm);
    });
  });
});
