// The wizard reads a values file as Helm does: the same file through the real helm v4 and v3
// (a one-template chart that prints `.Values` as JSON) and through parseValuesYaml, compared whole.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HELM_SCALAR_ROWS } from '../../lib/values/__fixtures__/helm-scalar-rows';
import { HelmReadError, parseValuesYaml, toYaml } from '../../lib/values/to-yaml';
import { find, helmBinaries, parseManifests, runHelm } from './helm';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lw-helm-scalars-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const chart = path.join(dir, 'chart');
mkdirSync(path.join(chart, 'templates'), { recursive: true });
writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: scalars\nversion: 0.1.0\n');
writeFileSync(
  path.join(chart, 'templates', 'values.yaml'),
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: values\ndata:\n  json: {{ toJson .Values | quote }}\n',
);

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** What helm makes of a values file: its .Values as JSON (numbers are float64, as in JavaScript). */
function helmReads(
  bin: ReturnType<typeof helmBinaries>[number],
  values: string,
): { values?: unknown; error?: string } {
  const r = runHelm(bin, ['template', 'x', chart, '--values', values]);
  if (r.code !== 0) return { error: r.stderr };
  return { values: JSON.parse(find(parseManifests(r.stdout), 'ConfigMap', 'values').data.json!) };
}

/** Object.is all the way down: toEqual alone takes -0 for 0 in some places. */
function sameLeaves(a: unknown, b: unknown, at = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      sameLeaves(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${at}.${k}`,
      ),
    );
  }
  return Object.is(a, b)
    ? []
    : [`${at}: helm ${String(a)} (${typeof a}), wizard ${String(b)} (${typeof b})`];
}

const readable = HELM_SCALAR_ROWS.filter(([, read]) => 'value' in read);
const scalars = file('scalars.yaml', readable.map(([s], i) => `s${i}: ${s}\n`).join(''));
const structure = file(
  'structure.yaml',
  [
    '# keys are read as Helm reads them, then made text by the JSON step',
    'keys:',
    '  on: a',
    '  0o17: b',
    '  0x1F: c',
    '  1:30: e',
    '  2001-12-14: f',
    'tagged:',
    '  ts: !!timestamp 2001-12-14',
    '  bin: !!binary aGVsbG8=',
    '  str: !!str 0123',
    '  quoted: "0123"',
    "  single: 'yes'",
    '  block: |',
    '    0123',
    '  float: !!float 1',
    '  int: !!int "0x1F"',
    '  bool: !!bool yes',
    '  nothing: !!null ~',
    'base: &b',
    '  x: 0o17',
    '  y: 1:30',
    'merged:',
    '  <<: *b',
    '  z: 1__0',
    'list: [on, 0X1F, 2001-12-14, 09, .5_0]',
    'nested:',
    '  - a: [y, ~]',
    '  - 1e400',
  ].join('\n') + '\n',
);

describe.each(helmBinaries())('$name reads values as the wizard does', (bin) => {
  it(`every plain scalar of the table (${readable.length})`, () => {
    const helm = helmReads(bin, scalars);
    expect(helm.error).toBeUndefined();
    expect(sameLeaves(helm.values, parseValuesYaml(readFileSync(scalars, 'utf8')))).toEqual([]);
  });
  it('keys, tags, anchors, merge keys, lists', () => {
    const helm = helmReads(bin, structure);
    expect(helm.error).toBeUndefined();
    const wizard = parseValuesYaml(readFileSync(structure, 'utf8'));
    expect(sameLeaves(helm.values, wizard)).toEqual([]);
    expect(wizard).toEqual(helm.values);
  });
  it('what the wizard writes, Helm reads back as the same tree: every text, value and key of the table', () => {
    const tree = {
      texts: Object.fromEntries(HELM_SCALAR_ROWS.map(([s], i) => [`t${i}`, s])),
      values: Object.fromEntries(
        readable.map(([, read], i) => [`v${i}`, (read as { value: unknown }).value]),
      ),
      keys: Object.fromEntries(HELM_SCALAR_ROWS.filter(([s]) => s !== '').map(([s], i) => [s, i])),
      text: {
        pem: '-----BEGIN X-----\nabc\n-----END X-----\n',
        spaced: ' a\nb ',
        tab: 'a\tb',
        quote: 'say "hi"\\',
      },
    };
    const helm = helmReads(bin, file('written.yaml', toYaml(tree)));
    expect(helm.error).toBeUndefined();
    expect(sameLeaves(helm.values, tree)).toEqual([]);
  });
  it.each([
    ['.inf', '+Inf'],
    ['-.Inf', '-Inf'],
    ['.NaN', 'NaN'],
  ])('Helm refuses a file with %s, and the wizard says so', (source, go) => {
    const f = file(`refused-${go}.yaml`, `general:\n  a: 1\n  b: [x, ${source}]\n`);
    expect(helmReads(bin, f).error).toContain(`json: unsupported value: ${go}`);
    expect(() => parseValuesYaml(readFileSync(f, 'utf8'))).toThrow(HelmReadError);
    expect(() => parseValuesYaml(readFileSync(f, 'utf8'))).toThrow(
      `Helm cannot read this file: the value at general.b.1 is ${source}, a number JSON has no form for (Helm stops with "json: unsupported value: ${go}"). Quote it ("${source}") if you meant the text, or remove it.`,
    );
  });
  it.each([
    ['~', '~'],
    ['null', 'null'],
    ['NULL', 'NULL'],
  ])('Helm refuses a null key (%j), and the wizard says so', (source, said) => {
    const f = file(`refused-key-${said}.yaml`, `general:\n  ${source}: 1\n`);
    expect(helmReads(bin, f).error).toContain('unsupported map key of type: %!s(<nil>)');
    expect(() => parseValuesYaml(readFileSync(f, 'utf8'))).toThrow(
      `Helm cannot read this file: a key under general is ${said}, a null key (Helm stops with "unsupported map key of type: <nil>"). Quote it ("${source}") if you meant the text, or remove it.`,
    );
  });
  it('Helm refuses a tag its text does not fit, and the wizard says so without the text', () => {
    const f = file('refused-tag.yaml', 'general:\n  a: !!int s3cr3t\n');
    expect(helmReads(bin, f).error).toContain('cannot decode !!str `s3cr3t` as a !!int');
    expect(() => parseValuesYaml(readFileSync(f, 'utf8'))).toThrow(
      'Helm cannot read this file: the value at general.a is tagged !!int, but its text is no such value. Remove the tag or correct the value.',
    );
  });
});
