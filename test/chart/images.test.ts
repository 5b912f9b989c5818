// The image list Review shows (predicted from the answers, no helm) equals the images of
// `helm template` of each example's values, with helm v4 and v3; with a private registry every
// image of the rendered release comes from it, and the prediction still equals helm's render.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../lib/answers';
import { loadAnswers } from '../../cli/main';
import { answerImages, publicImages } from '../../cli/images';
import {
  IMAGE_KEYS,
  imagesFromManifests,
  isInRegistry,
  normaliseImage,
  rewriteImage,
} from '../../lib/images';
import { deepMerge, setPath, type Tree } from '../../lib/values/tree';
import { renderYaml } from '../../lib/values';
import { exampleConfigs, helmBinaries, templateRaw } from './helm';

const examples = exampleConfigs();
const bins = helmBinaries();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lw-images-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function helmImages(bin: (typeof bins)[number], files: string[]): string[] {
  const r = templateRaw(files, { bin });
  if (r.code !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  return imagesFromManifests(r.stdout);
}

/** Writes the answers' values (split like the examples) and returns the -f files. */
function valuesFiles(a: Answers, name: string): string[] {
  const out = renderYaml(a, { splitSecrets: true });
  const files = [path.join(tmp, `${name}.values.yaml`)];
  writeFileSync(files[0]!, out.values, { mode: 0o600 });
  if (out.secrets) {
    files.push(path.join(tmp, `${name}.secrets.yaml`));
    writeFileSync(files[1]!, out.secrets, { mode: 0o600 });
  }
  return files;
}

const REGISTRIES = [
  { host: 'registry.example.com:5000', prefix: 'mirror/lightrun' },
  { host: 'localhost:5000', prefix: '' },
];

describe('examples exist', () => {
  it('six or more', () => expect(examples.length).toBeGreaterThanOrEqual(6));
});

describe.each(bins)('images with $name', (bin) => {
  describe.each(examples)('$name', (ex) => {
    const answers = loadAnswers(path.join(ex.dir, 'answers.yaml'));
    it('the predicted list equals the images of helm template of the example values', () => {
      const helm = helmImages(bin, ex.files);
      expect(helm.length).toBeGreaterThanOrEqual(5);
      expect(answerImages(answers)).toEqual(helm);
    });
    it('with a tag of its own for every helper image (chart-helper is shared), each key is predicted exactly when helm renders it', () => {
      const tags: Tree = {};
      IMAGE_KEYS.forEach((k, i) => {
        if (!k.appVersionFallback) setPath(tags, [...k.key.split('.'), 'tag'], `key-${i}`);
      });
      const a = { ...answers, passthrough: deepMerge(answers.passthrough, tags) as Tree };
      const helm = helmImages(bin, valuesFiles(a, `${ex.name}-tags`));
      expect(answerImages(a)).toEqual(helm);
      expect(helm.filter((i) => i.includes(':key-')).length).toBeGreaterThanOrEqual(3);
    });
    it.each(REGISTRIES)(
      'with the private registry $host/$prefix every image comes from it, as predicted',
      (reg) => {
        const a = {
          ...answers,
          registry: { mode: 'private' as const, insecure: false, tokenHost: '', ...reg },
        };
        if (a.pullSecret.mode === 'inline') a.pullSecret = { mode: 'none' };
        const helm = helmImages(bin, valuesFiles(a, `${ex.name}-${reg.host.replace(/\W/g, '_')}`));
        expect(helm.filter((i) => !isInRegistry(i, reg))).toEqual([]);
        expect(helm).toEqual(answerImages(a));
        // each is the public image rewritten: the mirror commands copy exactly what the pods pull
        expect(helm).toEqual(
          publicImages(a)
            .map((i) => rewriteImage(i, reg))
            .sort(),
        );
        // and the same image once normalised (library/ kept)
        expect(
          helm.map((i) =>
            normaliseImage(i).slice(`${reg.host}/${reg.prefix ? `${reg.prefix}/` : ''}`.length),
          ),
        ).toEqual(
          publicImages(a)
            .map((i) => normaliseImage(i).slice('docker.io/'.length))
            .sort(),
        );
      },
    );
  });
});
