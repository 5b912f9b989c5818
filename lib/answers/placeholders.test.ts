// Issue 25 #12: the vendor's placeholders passed every check (organisation "client-name" by
// default, the endpoint "lightrun.example.com" of an imported vendor file). Each is refused at its
// field with a message naming the field and what to enter; the defaults hold none of them.
import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { branchDefault } from './branches';
import { defaultAnswers } from './defaults';
import { validateAnswers, type Answers } from './schema';

const issues = (mutate: (a: Answers) => void) => {
  const a = validAnswers();
  mutate(a);
  const r = validateAnswers(a);
  return r.success ? [] : r.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('vendor placeholders are refused', () => {
  it.each<[string, (a: Answers) => void, string, string]>([
    [
      'organisation client-name',
      (a) => (a.general.name = 'client-name'),
      'general.name',
      'Organisation name: "client-name" is the placeholder of the vendor’s values.yaml, not a real value — enter your organisation’s name in lowercase, e.g. acme.',
    ],
    [
      'endpoint lightrun.example.com',
      (a) => (a.general.endpoint = 'lightrun.example.com'),
      'general.endpoint',
      'Endpoint host name: "lightrun.example.com" is the placeholder of the vendor’s values.yaml, not a real value — enter the host name users will open, e.g. lightrun.your-company.com.',
    ],
    [
      'endpoint with blanks around it (host names are trimmed)',
      (a) => (a.general.endpoint = ' lightrun.example.com\n'),
      'general.endpoint',
      'Endpoint host name: "lightrun.example.com" is the placeholder of the vendor’s values.yaml, not a real value — enter the host name users will open, e.g. lightrun.your-company.com.',
    ],
    [
      'external MySQL mysql.example.com',
      (a) => {
        a.database = {
          ...branchDefault('database', 'external'),
          endpoint: 'mysql.example.com',
        } as Answers['database'];
        a.database.user = 'lightrun';
        a.database.password = 'db-password';
      },
      'database.endpoint',
      'MySQL host: "mysql.example.com" is the placeholder of the vendor’s values.yaml, not a real value — enter the host name of your MySQL server.',
    ],
  ])('%s', (_, mutate, path, message) => {
    expect(issues(mutate)).toEqual([[path, message]]);
  });

  it('real names next to them pass: a host under the placeholder, another organisation', () => {
    expect(issues((a) => (a.general.endpoint = 'eu.lightrun.example.com'))).toEqual([]);
    expect(issues((a) => (a.general.name = 'client-names'))).toEqual([]);
  });

  it('the defaults hold no placeholder: the organisation starts empty and says what to enter', () => {
    const a = validAnswers();
    a.general.name = defaultAnswers().general.name;
    expect(issues((x) => (x.general.name = a.general.name))).toEqual([
      [
        'general.name',
        'Required: enter your organisation’s name in lowercase (letters, digits, "-" or "_"), e.g. acme.',
      ],
    ]);
  });
});
