import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { checkValues } from './check';
import { yaml11Conversions } from './import-report';
import { maskedValue, scalarForm, valueKind } from './secret-paths';
import { parseValuesYaml } from './to-yaml';

// A secret Helm reads as a number or a boolean reaches the chart as another value than the one
// typed (issue 25 #11): `check` says so, import says which form it took, neither repeats it.

describe('scalarForm: the form of a plain scalar, never its digits', () => {
  it.each([
    ['0755123', 252499, 'an octal number (digits after a leading 0)'],
    ['-012', -10, 'an octal number (digits after a leading 0)'],
    ['0o17', 15, 'an octal number (digits after a leading 0)'],
    ['0', 0, 'a number'],
    ['0x1F', 31, 'a hexadecimal number (0x…)'],
    ['0b101', 5, 'a binary number (0b…)'],
    ['1e3', 1000, 'a number in exponent form'],
    ['.inf', Infinity, 'a number'],
    ['123', 123, 'a number'],
    ['yes', true, 'a boolean (to Helm yes/no, on/off, y/n are booleans too)'],
  ])('%s', (src, value, form) => {
    expect(scalarForm(src, value)).toBe(form);
  });
});

describe('valueKind and maskedValue name the kind only', () => {
  it.each([
    ['x', 'text'],
    ['', 'text'],
    [252499, 'number'],
    [true, 'boolean'],
    [null, 'null'],
    [[1], 'list'],
    [{ a: 1 }, 'map'],
  ])('%j is %s', (v, kind) => {
    expect(valueKind(v)).toBe(kind);
    expect(maskedValue(v)).toBe(`******** (${kind})`);
  });
});

const base = 'general:\n  deploy_secrets:\n    enabled: true\n';
const findingsAt = (yaml: string, path: string) =>
  checkValues([parseValuesYaml(base + yaml)]).filter((f) => f.path === path);

describe('check: a secret Helm reads as a number or a boolean', () => {
  it('an octal-looking password is named, by form, without its digits', () => {
    const f = findingsAt('secrets:\n  db:\n    password: 0755123\n', 'secrets.db.password');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/^Helm reads this secret as a number, not as text/);
    expect(f[0]!.message).not.toMatch(/755123|252499/);
  });
  it('a boolean word as a password', () => {
    expect(
      findingsAt('secrets:\n  keycloak:\n    password: on\n', 'secrets.keycloak.password')[0]
        ?.message,
    ).toMatch(/^Helm reads this secret as a boolean, not as text/);
  });
  it('the same value quoted is text: nothing to say', () => {
    expect(findingsAt('secrets:\n  db:\n    password: "0755123"\n', 'secrets.db.password')).toEqual(
      [],
    );
  });
  it('a number outside the secrets is not this rule', () => {
    const all = checkValues([parseValuesYaml(`${base}  some_number: 0755\n`)]);
    expect(all.some((f) => /this secret/.test(f.message))).toBe(false);
  });
  it('a pull secret name is not a secret value', () => {
    expect(
      checkValues([
        parseValuesYaml(
          `${base}secrets:\n  defaults:\n    dockerhub_config:\n      existingSecret: 0755\n`,
        ),
      ]).some((f) => /this secret/.test(f.message)),
    ).toBe(false);
  });
});

describe('import notes: a secret is named by its form', () => {
  const notes = (yaml: string) => yaml11Conversions(parseDocument(yaml, { version: '1.1' }));
  it('the octal password: the form, not the digits, not the number', () => {
    const [n] = notes('secrets:\n  db:\n    password: 0755123\n');
    expect(n?.path).toBe('secrets.db.password');
    expect(n?.message).toBe(
      'Helm reads this secret as an octal number (digits after a leading 0), not as the text it seems to be; the wizard reads it as Helm does, so the chart gets a different value. Quote it in the file if you meant the text.',
    );
  });
  it('a value outside the secrets keeps the note that shows both readings', () => {
    const [n] = notes('general:\n  port: 0755\n');
    expect(n?.message).toMatch(/^Helm reads 0755 as the number 493, not 755;/);
  });
});
