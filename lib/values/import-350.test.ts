// A chart 3.50 values file imports as a 3.50 plan (lib/values/import-350.ts): every example's own
// 3.50 file comes back unchanged from the plan it imports as, the smallest 3.50 file of
// docs/chart-3.50.md §12 and the vendor's defaults become plans, and every key the plan would
// give another value is a note naming it (a secret's value never shown).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { answers350, examples, NOT_YET_350 } from './__fixtures__/examples-350';
import { importValues } from './import';
import { renderValues, renderYaml } from './render';
import chartDefaults350 from './chart-defaults-350.json';
import { deepEqual, deepMerge, type Tree } from './tree';
import { readValuesFile } from './values-file';

const D350 = chartDefaults350 as Tree;
const all = examples().filter((e) => !NOT_YET_350[e.name]);
const fileOf = (name: string): Tree => {
  const e = all.find((x) => x.name === name)!;
  const r = renderYaml(answers350(e), { splitSecrets: e.splitSecrets });
  return deepMerge(parse(r.values) as Tree, (parse(r.secrets ?? '{}') ?? {}) as Tree) as Tree;
};
const MINIMAL = readValuesFile(
  readFileSync(
    path.resolve(__dirname, '../../test/chart/fixtures/chart-3.50/minimal.yaml'),
    'utf8',
  ),
).values as Tree;
const KEY = 'UHAQfP+tkn/kCax6InSSrYvP5eW+pD1JTTC/6KxDTz8=';
const changed = (r: ReturnType<typeof importValues>) =>
  r.notes.filter((n) => n.message.startsWith("The plan's file gives this key")).map((n) => n.path);
/** The file chart 3.50 would use, and the one the imported plan renders, over 3.50's defaults. */
const sameEffect = (file: Tree) => {
  const r = importValues(file);
  return deepEqual(deepMerge(D350, file), deepMerge(D350, renderValues(r.answers).values));
};

describe('import of a chart 3.50 file', () => {
  it.each(all.map((e) => [e.name]))('%s: the plan of its 3.50 file gives the file back', (name) => {
    const file = fileOf(name);
    const r = importValues(file);
    expect(r.answers.chart).toBe('3.50.0');
    expect(changed(r)).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(sameEffect(file)).toBe(true);
    expect(r.original).toBe(file);
  });

  it('the encryption key in the file is the plan’s key; with the chart Secrets only', () => {
    const file = deepMerge(MINIMAL, {
      secrets: { keysEncryption: { userEncryptionKey: KEY } },
    }) as Tree;
    const s = importValues(file).answers.secrets;
    expect(s.mode === 'chart' && s.encryptionKey).toBe(KEY);
    const outside = deepMerge(file, { general: { deploy_secrets: { enabled: false } } });
    const r = importValues(outside);
    expect(r.answers.secrets.mode).not.toBe('chart');
    expect(r.notes.map((n) => n.path)).toContain('secrets.keysEncryption.userEncryptionKey');
    expect(JSON.stringify(r.notes)).not.toContain(KEY);
  });

  it('the smallest 3.50 file: the queue on with its credentials, the backend at 3.50’s 6Gi', () => {
    const r = importValues(MINIMAL);
    expect(r.answers.messageQueue.mode).toBe('local');
    expect(changed(r)).toEqual([]);
    expect(sameEffect(MINIMAL)).toBe(true);
    const v = renderValues(r.answers).values as Tree;
    expect(deepMerge(D350, v)).toMatchObject({
      general: { mq: { enabled: true, local: true } },
      deployments: { backend: { resources: { memory: '6Gi' } } },
    });
  });

  it('a queue the file turns off stays off; its own backend memory stays', () => {
    const file = deepMerge(MINIMAL, {
      general: { mq: { enabled: false } },
      deployments: { backend: { resources: { memory: '8Gi' } } },
    }) as Tree;
    const r = importValues(file);
    expect(r.answers.messageQueue.mode).not.toBe('local');
    expect(changed(r)).toEqual([]);
    expect(sameEffect(file)).toBe(true);
  });

  it('rotateKey: true is named once, as the one-off it must be', () => {
    const r = importValues(
      deepMerge(MINIMAL, { secrets: { keysEncryption: { rotateKey: true } } }),
    );
    const about = r.notes.filter((n) => n.path === 'secrets.keysEncryption.rotateKey');
    expect(about).toHaveLength(1);
    expect(about[0]!.message).toMatch(
      /^rotateKey: true adds a new encryption key on every upgrade/,
    );
    expect(importValues(MINIMAL).notes.some((n) => n.path.includes('rotateKey'))).toBe(false);
  });

  it('a value the plan would change is a note naming the key, with both values unless secret', () => {
    const r = importValues(
      deepMerge(MINIMAL, {
        general: { mq: { policy: { queue_regex_pattern: '^mixpanel-events.*' } } },
      }),
    );
    const n = r.notes.find((x) => x.path === 'general.mq.policy.queue_regex_pattern');
    expect(n?.message).toContain('(the file: "^mixpanel-events.*"; the plan: "^.*-events.*")');
    expect(changed(importValues(MINIMAL))).toEqual([]);
  });

  it('3.50-only keys are kept, and a key neither chart has is unknown to 3.50', () => {
    const r = importValues(
      deepMerge(MINIMAL, {
        general: { crons: { enabled: false } },
        deployments: { artifacts: { replicas: 2 } },
        bogus: 1,
      }),
    );
    const kept = r.kept.map((k) => k.join('.'));
    expect(kept).toEqual(
      expect.arrayContaining(['general.crons.enabled', 'deployments.artifacts.replicas']),
    );
    expect(r.unknown.map((u) => u.path.join('.'))).toEqual(['bogus']);
  });
});
