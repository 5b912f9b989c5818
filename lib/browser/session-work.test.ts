import { describe, expect, it } from 'vitest';
import { defaultAnswers, withGeneratedSecrets, type Answers } from '@/lib/answers';
import { holdsWork } from './session-work';

const made = new Set<string>();
let n = 0;
const token = () => {
  const t = `generated-${++n}`;
  made.add(t);
  return t;
};
const generated = (v: string) => made.has(v);
const fresh = () => withGeneratedSecrets(defaultAnswers(), token);

describe('holdsWork: an import replaces the session only after asking when this is true (issue 25 #13)', () => {
  it('a new plan with its generated passwords holds no work', () => {
    expect(holdsWork(fresh(), generated)).toBe(false);
    expect(holdsWork(defaultAnswers(), generated)).toBe(false);
  });

  it.each<[string, (a: Answers) => void]>([
    ['an endpoint typed', (a) => (a.general.endpoint = 'lr.acme.example')],
    ['a toggle turned on', (a) => (a.general.openshift = true)],
    ['a license pasted', (a) => (a.license.content = 'LICENSE')],
    ['a generated password replaced by a typed one', (a) => (a.database.password = 'typed-pass')],
    ['a database user other than the default', (a) => (a.database.user = 'app')],
  ])('%s: work', (_, change) => {
    const a = fresh();
    change(a);
    expect(holdsWork(a, generated)).toBe(true);
  });

  it('a field registered without a value (undefined) is no change', () => {
    const a = fresh() as Answers & { general: { extra?: string } };
    a.general.extra = undefined;
    expect(holdsWork(a, generated)).toBe(false);
  });

  it('a kept key from an imported file is work', () => {
    const a = fresh();
    a.passthrough = { redis: { foo: 1 } };
    expect(holdsWork(a, generated)).toBe(true);
  });
});
