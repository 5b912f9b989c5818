import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
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
    ['a number given null', (a: Obj) => (a.sizing.backend.replicas = null), 'sizing.backend.replicas: "replicas" (sizing.backend.replicas) must be a number, not null.'],
    ['text given a number', (a: Obj) => (a.general.endpoint = 5), 'general.endpoint: "endpoint" (general.endpoint) must be text, not 5.'],
    ['a switch given text', (a: Obj) => (a.general.openshift = 'false'), 'general.openshift: "openshift" (general.openshift) must be true or false, not other text.'],
    ['a list given a map', (a: Obj) => (a.externalAccess.annotations = {}), 'externalAccess.annotations: "annotations" (externalAccess.annotations) must be a list, not a map.'],
    ['a missing key', (a: Obj) => delete a.general.name, 'general.name: "name" (general.name) is missing: give it text.'],
    ['an unknown choice', (a: Obj) => (a.database.mode = 'cloud'), 'database.mode: "mode" (database.mode) must be one of "local", "external", not other text.'],
    ['an unknown enum value', (a: Obj) => (a.database.storage.whenDeleted = 'Keep'), 'database.storage.whenDeleted: "when deleted" (database.storage.whenDeleted) must be one of "", "Retain", "Delete", not other text.'],
    ['a misspelt key', (a: Obj) => (a.general.endpint = 'x'), 'general: Remove an unknown field at "general": the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).'],
    ['a misspelt top-level key', (a: Obj) => (a.sizng = {}), ': Remove an unknown field at the top level: the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).'],
    ['the schema’s own message still wins', (a: Obj) => (a.sizing.backend.replicas = 0), 'sizing.backend.replicas: Run at least one replica.'],
  ])('%s', (_n, mutate, expected) => expect(messagesOf(mutate)).toEqual([expected]));
  it('a whole file that is not a map', () => {
    const r = validateAnswers(null);
    expect(r.success ? [] : r.issues.map((i) => i.message)).toEqual(['The answers file must be a group of settings (a map), not null.']);
  });
});
