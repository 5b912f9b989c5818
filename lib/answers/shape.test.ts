import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersArbitrary } from '../values/__fixtures__/answers.arbitrary';
import { validAnswers } from './__fixtures__/valid-answers';
import { defaultAnswers } from './defaults';
import { answersShapeSchema, type Answers } from './schema';
import { hasAnswersShape } from './shape';

const STRUCTURAL = ['unrecognized_keys', 'invalid_type', 'invalid_union', 'invalid_value'];
const zodSaysShape = (x: unknown) => {
  const r = answersShapeSchema.safeParse(x);
  return r.success || r.error.issues.every((i) => !STRUCTURAL.includes(i.code));
};

describe('hasAnswersShape (the zod-free structural check of a saved session)', () => {
  it('accepts the defaults, a valid plan and every generated plan, like the schema', () => {
    expect(hasAnswersShape(defaultAnswers())).toBe(true);
    expect(hasAnswersShape(validAnswers())).toBe(true);
    fc.assert(
      fc.property(answersArbitrary, (a) => hasAnswersShape(a) === true && zodSaysShape(a)),
      { numRuns: 200 },
    );
  });

  it('accepts invalid values in the right structure (validation reports them)', () => {
    const a = defaultAnswers();
    a.general.endpoint = 'https://not a host';
    expect(hasAnswersShape(a)).toBe(true);
  });

  // Each spoils a copy of the defaults: what it returns is no longer Answers.
  it.each([
    ['an unknown key', (a: Answers) => ({ ...a, database: { ...a.database, port: 3306 } })],
    [
      'a missing key',
      (a: Answers) => {
        const { runAsUser: _, ...security } = a.security;
        return { ...a, security };
      },
    ],
    [
      'a wrong type',
      (a: Answers) => ({
        ...a,
        sizing: { ...a.sizing, backend: { ...a.sizing.backend, replicas: '2' } },
      }),
    ],
    ['an unknown branch', (a: Answers) => ({ ...a, externalAccess: { mode: 'gateway' } })],
    [
      'a field of another branch',
      (a: Answers) => ({ ...a, database: { ...a.database, endpoint: 'db' } }),
    ],
    [
      'a malformed annotation',
      (a: Answers) => ({ ...a, externalAccess: { ...a.externalAccess, annotations: ['x'] } }),
    ],
    ['no object at all', (a: Answers) => ({ ...a, release: null })],
  ])('rejects %s, as the schema does', (_name, spoil) => {
    const a = spoil(defaultAnswers());
    expect(hasAnswersShape(a)).toBe(false);
    expect(zodSaysShape(a)).toBe(false);
  });
});
