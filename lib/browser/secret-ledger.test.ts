import { describe, expect, it } from 'vitest';
import { defaultAnswers, type Answers } from '@/lib/answers';
import {
  filledSecretPaths,
  regeneratedSecrets,
  secretsToRemember,
  stillLost,
  unseenSecrets,
} from './secret-ledger';

const base = (): Answers => {
  const a = defaultAnswers();
  a.license = { content: 'L', signature: 'S' };
  a.database.user = 'lightrun';
  a.database.password = 'db-pass';
  a.secrets = {
    ...a.secrets,
    keycloakPassword: 'kc-pass-1',
    keystorePassword: 'ks-pass',
  } as Answers['secrets'];
  return a;
};
let n = 0;
const token = () => `tok${++n}`;

describe('secret ledger', () => {
  it('names exactly the secret fields that hold a value, in the schema order', () => {
    expect(filledSecretPaths(base())).toEqual([
      'database.password',
      'database.user',
      'license.content',
      'license.signature',
      'secrets.keycloakPassword',
      'secrets.keystorePassword',
    ]);
    expect(filledSecretPaths(defaultAnswers())).toEqual([]);
  });

  it.each([
    ['empty again: lost', (a: Answers) => a, ['database.password', 'license.content']],
    [
      're-entered: no longer lost',
      (a: Answers) => ((a.database.password = 'x'), a),
      ['license.content'],
    ],
    [
      'secrets moved outside the chart: not needed',
      (a: Answers) => (
        (a.secrets = {
          mode: 'existing',
          backend: '',
          keycloak: '',
          apiKeysEncryption: '',
        } as Answers['secrets']),
        a
      ),
      [],
    ],
  ])('stillLost — %s', (_, change, expected) => {
    const a = change(defaultAnswers());
    expect(stillLost(['database.password', 'license.content'], a)).toEqual(expected);
  });

  it('a field the branch no longer has is not lost (message queue switched off)', () => {
    expect(stillLost(['messageQueue.password'], defaultAnswers())).toEqual([]);
  });

  it('remembers secrets lost by an earlier reload until they are re-entered, so a second reload still names them', () => {
    const a = defaultAnswers();
    a.general.endpoint = 'x.example.com';
    expect(secretsToRemember(a, ['license.content', 'secrets.keystorePassword'])).toEqual([
      'license.content',
      'secrets.keystorePassword',
    ]);
    a.secrets = { ...a.secrets, keystorePassword: 'typed-again' } as Answers['secrets'];
    expect(secretsToRemember(a, ['license.content', 'secrets.keystorePassword'])).toEqual([
      'license.content',
      'secrets.keystorePassword',
    ]);
    a.secrets = { ...a.secrets, keystorePassword: '' } as Answers['secrets'];
    expect(secretsToRemember(a, ['license.content'])).toEqual(['license.content']);
    a.license.signature = 'S';
    expect(secretsToRemember(a, ['license.content'])).toEqual([
      'license.content',
      'license.signature',
    ]);
  });

  it('generates only the passwords of what the chart creates, never the license, key or an external password', () => {
    n = 0;
    const lost = [
      'license.content',
      'certificate.key',
      'database.user',
      'database.password',
      'secrets.keycloakPassword',
      'secrets.keystorePassword',
      'apiKeysEncryption.aesKey',
    ];
    const a = defaultAnswers();
    a.apiKeysEncryption = {
      enabled: true,
      aesKey: '',
      mountPath: '/x',
    } as Answers['apiKeysEncryption'];
    expect(regeneratedSecrets(a, lost, token)).toEqual([
      ['database.user', 'lightrun'],
      ['database.password', 'tok1'],
      ['secrets.keycloakPassword', 'tok2'],
      ['secrets.keystorePassword', 'tok3'],
    ]);
    const ext = defaultAnswers();
    ext.database = {
      mode: 'external',
      endpoint: 'db',
      name: 'lightrunserver',
      requireSecureTransport: false,
      user: '',
      password: '',
    } as Answers['database'];
    expect(regeneratedSecrets(ext, ['database.user', 'database.password'], token)).toEqual([
      ['database.user', 'lightrun'],
    ]);
  });

  it('a local message queue gets a new password, an external one only its user', () => {
    n = 0;
    const a = defaultAnswers();
    a.messageQueue = {
      mode: 'local',
      user: '',
      password: '',
    } as unknown as Answers['messageQueue'];
    expect(regeneratedSecrets(a, ['messageQueue.user', 'messageQueue.password'], token)).toEqual([
      ['messageQueue.user', 'lightrun'],
      ['messageQueue.password', 'tok1'],
    ]);
    a.messageQueue = {
      mode: 'external',
      user: '',
      password: '',
    } as unknown as Answers['messageQueue'];
    expect(regeneratedSecrets(a, ['messageQueue.user', 'messageQueue.password'], token)).toEqual([
      ['messageQueue.user', 'lightrun'],
    ]);
  });
});

describe('unseen generated secrets (issue 25 #13: a reload of an untouched form named 4 secrets gone)', () => {
  it('are the generated credentials of steps never opened, and none once Review was opened', () => {
    expect(unseenSecrets(new Set(['endpoint']))).toEqual([
      'database.user',
      'database.password',
      'messageQueue.user',
      'messageQueue.password',
      'secrets.keycloakPassword',
      'secrets.keystorePassword',
    ]);
    expect(unseenSecrets(new Set(['endpoint', 'certificate', 'database']))).toEqual([
      'messageQueue.user',
      'messageQueue.password',
      'secrets.keycloakPassword',
      'secrets.keystorePassword',
    ]);
    expect(unseenSecrets(new Set(['endpoint', 'review']))).toEqual([]);
  });

  it('are not remembered as lost, whatever they hold; the license typed on step 1 is', () => {
    const a = base();
    const unseen = unseenSecrets(new Set(['endpoint', 'certificate']));
    expect(secretsToRemember(a, [], unseen)).toEqual(['license.content', 'license.signature']);
    expect(secretsToRemember(a, [])).toEqual(filledSecretPaths(a));
  });
});

describe('chart 3.50’s encryption key in the ledger (issue 27)', () => {
  // as a reload restores it: the saved session holds the key emptied (stripSecrets)
  const with350 = (): Answers => {
    const a = base();
    a.chart = '3.50.0';
    a.secrets = { ...a.secrets, encryptionKey: '' } as Answers['secrets'];
    return a;
  };

  it('a 3.50 plan that lost its key after a reload still needs it, and the wizard never makes it up', () => {
    const a = with350();
    expect(stillLost(['secrets.encryptionKey'], a)).toEqual(['secrets.encryptionKey']);
    expect(regeneratedSecrets(a, ['secrets.encryptionKey'], token)).toEqual([]);
  });

  it('a plan switched back to 3.9.4 does not need it (chart 3.9.4 never writes it)', () => {
    const a = with350();
    a.chart = '3.9.4';
    expect(stillLost(['secrets.encryptionKey'], a)).toEqual([]);
    expect(secretsToRemember(a, ['secrets.encryptionKey'])).not.toContain('secrets.encryptionKey');
  });

  it('is remembered by name only while held', () => {
    const a = with350();
    a.secrets = { ...a.secrets, encryptionKey: 'K'.repeat(43) + '=' } as Answers['secrets'];
    expect(filledSecretPaths(a)).toContain('secrets.encryptionKey');
  });
});
