import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { fieldName, plainMessage } from './messages';
import { validateAnswers } from './schema';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const messagesOf = (mutate: (a: Obj) => void) => {
  const a = validAnswers() as unknown as Obj;
  mutate(a);
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

// No raw zod text ("Invalid input: expected number, received null") reaches an admin.
describe('validateAnswers messages for malformed input', () => {
  it.each([
    [
      'a number given null',
      (a: Obj) => (a.sizing.backend.replicas = null),
      'sizing.backend.replicas: "replicas" (sizing.backend.replicas) must be a number, not null.',
    ],
    [
      'text given a number',
      (a: Obj) => (a.general.endpoint = 5),
      'general.endpoint: "endpoint" (general.endpoint) must be text, not 5.',
    ],
    [
      'a switch given text',
      (a: Obj) => (a.general.openshift = 'false'),
      'general.openshift: "openshift" (general.openshift) must be true or false, not other text.',
    ],
    [
      'a list given a map',
      (a: Obj) => (a.externalAccess.annotations = {}),
      'externalAccess.annotations: "annotations" (externalAccess.annotations) must be a list, not a map.',
    ],
    [
      'a missing key',
      (a: Obj) => delete a.general.name,
      'general.name: "name" (general.name) is missing: give it text.',
    ],
    [
      'an unknown choice',
      (a: Obj) => (a.database.mode = 'cloud'),
      'database.mode: "mode" (database.mode) must be one of "local", "external", not other text.',
    ],
    [
      'an unknown enum value',
      (a: Obj) => (a.database.storage.whenDeleted = 'Keep'),
      'database.storage.whenDeleted: "when deleted" (database.storage.whenDeleted) must be one of "", "Retain", "Delete", not other text.',
    ],
    [
      'a misspelt key',
      (a: Obj) => (a.general.endpint = 'x'),
      'general: Remove an unknown field at "general": the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).',
    ],
    [
      'a misspelt top-level key',
      (a: Obj) => (a.sizng = {}),
      ': Remove an unknown field at the top level: the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).',
    ],
    [
      'the schema’s own message still wins',
      (a: Obj) => (a.sizing.backend.replicas = 0),
      'sizing.backend.replicas: Run at least one replica.',
    ],
  ])('%s', (_n, mutate, expected) => expect(messagesOf(mutate)).toEqual([expected]));
  it('a whole file that is not a map', () => {
    const r = validateAnswers(null);
    expect(r.success ? [] : r.issues.map((i) => i.message)).toEqual([
      'The answers file must be a group of settings (a map), not null.',
    ]);
  });
});

// plainMessage on its own, for the issue kinds and inputs the schema's fields rarely produce.
describe('plainMessage', () => {
  const at = ['sizing', 'backend', 'maxReplicas'];
  const F = '"max replicas" (sizing.backend.maxReplicas)';
  it.each([
    [
      'missing, a type without a word',
      { code: 'invalid_type', path: at, expected: 'bigint' },
      `${F} is missing: give it a value.`,
    ],
    [
      'missing, no type named',
      { code: 'invalid_type', path: at },
      `${F} is missing: give it a value.`,
    ],
    [
      'a whole number given a list',
      { code: 'invalid_type', path: at, expected: 'int', input: [1] },
      `${F} must be a whole number, not a list.`,
    ],
    [
      'a type without a word, given true',
      { code: 'invalid_type', path: at, expected: 'date', input: true },
      `${F} must be date, not true.`,
    ],
    [
      "a choice made by a key: the key's value is shown",
      {
        code: 'invalid_union',
        path: ['database'],
        discriminator: 'mode',
        input: { mode: 7 },
        options: ['local', 'external'],
      },
      '"database" (database) must be one of "local", "external", not 7.',
    ],
    [
      'a choice made by a key, given null',
      {
        code: 'invalid_union',
        path: ['database'],
        discriminator: 'mode',
        input: null,
        options: ['local'],
      },
      '"database" (database) must be one of "local", not null.',
    ],
    [
      'a choice made by a key, given text',
      {
        code: 'invalid_union',
        path: ['database'],
        discriminator: 'mode',
        input: 'local',
        options: ['local'],
      },
      '"database" (database) must be one of "local", not other text.',
    ],
    [
      'a union without a key, given a map',
      { code: 'invalid_union', path: ['database'], input: { mode: 'local' }, options: ['a', 'b'] },
      '"database" (database) must be one of "a", "b", not a map.',
    ],
    [
      'a union with no options listed',
      { code: 'invalid_union', path: ['database'], input: 1 },
      '"database" (database) has a value the wizard does not accept here.',
    ],
    [
      'a union with an empty option list',
      { code: 'invalid_union', path: ['database'], input: 1, options: [] },
      '"database" (database) has a value the wizard does not accept here.',
    ],
    [
      'one allowed value',
      { code: 'invalid_value', path: at, values: ['v1'], input: 'v2' },
      `${F} must be "v1", not other text.`,
    ],
    [
      'one allowed value, nothing given',
      { code: 'invalid_value', path: at, values: [3] },
      `${F} must be 3.`,
    ],
    [
      'two allowed values',
      { code: 'invalid_value', path: at, values: [1, 2], input: 5 },
      `${F} must be one of 1, 2, not 5.`,
    ],
    [
      'no allowed values listed',
      { code: 'invalid_value', path: at, input: 5 },
      `${F} has a value the wizard does not accept here.`,
    ],
    [
      'text too long',
      { code: 'too_big', path: at, origin: 'string', maximum: 63 },
      `${F} is too long: use at most 63 characters.`,
    ],
    [
      'too many entries',
      { code: 'too_big', path: at, origin: 'array', maximum: 5 },
      `${F} has too many entries: at most 5.`,
    ],
    [
      'a number too large',
      { code: 'too_big', path: at, origin: 'number', maximum: 100 },
      `${F} is too large: at most 100.`,
    ],
    [
      'text too short',
      { code: 'too_small', path: at, origin: 'string', minimum: 8 },
      `${F} is too short: use at least 8 characters.`,
    ],
    [
      'too few entries: one',
      { code: 'too_small', path: at, origin: 'array', minimum: 1 },
      `${F} needs at least 1 entry.`,
    ],
    [
      'too few entries: two',
      { code: 'too_small', path: at, origin: 'array', minimum: 2 },
      `${F} needs at least 2 entries.`,
    ],
    [
      'a number too small',
      { code: 'too_small', path: at, origin: 'number', minimum: 0 },
      `${F} is too small: at least 0.`,
    ],
    ['any other kind', { code: 'custom', path: at }, `${F} is not valid here.`],
    [
      'unknown keys: left to safeIssue, which does not repeat them',
      { code: 'unrecognized_keys', path: at },
      `${F} is not valid here.`,
    ],
    [
      'the file itself',
      { code: 'invalid_type', path: [], expected: 'object', input: 'x' },
      'The answers file must be a group of settings (a map), not other text.',
    ],
  ])('%s', (_n, iss, expected) => expect(plainMessage(iss)).toBe(expected));

  it('a field is named by its last key in words, with the full path (numbers included)', () => {
    expect(fieldName(['externalAccess', 'annotations', 2, 'value'])).toBe(
      '"value" (externalAccess.annotations.2.value)',
    );
    expect(fieldName(['tls', 'caCertificatePEM'])).toBe(
      '"ca certificate pem" (tls.caCertificatePEM)',
    );
    expect(fieldName(['a', 0])).toBe('"a" (a.0)');
    expect(fieldName([0])).toBe('The answers file');
  });
});
