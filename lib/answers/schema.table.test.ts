import { describe, expect, it } from 'vitest';
import { FAKE_CERT, FAKE_KEY, validAnswers } from './__fixtures__/valid-answers';
import type { CertificateIssue } from './certificate-check';
import { answersSchema, validateAnswers, type Answers, type AnswersIssue } from './schema';

// The parts of the answers schema the rule table (rules.table.test.ts) does not reach: the
// private-registry check of an inline pull secret, peers kept from an imported file, what a
// leftover key of another branch must not trigger, and when the certificate inspector runs.
// Every row compares the whole result; each builds its answers inside the test.

type A = Answers;
type Raw = Record<string, unknown>;
const PEM_CERT_MSG =
  'Not a certificate: paste the PEM text that starts with "-----BEGIN CERTIFICATE-----".';
const PEM_KEY_MSG =
  'Not a private key: paste the PEM text that starts with "-----BEGIN PRIVATE KEY-----" (or RSA/EC PRIVATE KEY).';
const missingSection = (k: string) =>
  `"${k}" (${k}) is missing: give it a group of settings (a map).`;
const unknownKeyAt = (where: string, fields = 'an unknown field') =>
  `Remove ${fields} at "${where}": the answers have no such key (its name is not repeated here, in case it is a secret pasted into the wrong place; docs/answers.md lists every key).`;

const issues = (a: unknown): AnswersIssue[] => {
  const r = validateAnswers(a);
  return r.success ? [] : r.issues;
};

describe('answersSchema: a cross-field rule is a zod custom issue on its field', () => {
  it('carries code "custom" (the form resolver and the 422 body pass the code on)', () => {
    const a = validAnswers();
    a.database.user = 'root';
    const r = answersSchema.safeParse(a);
    expect(
      r.success ? [] : r.error.issues.map(({ code, path, message }) => ({ code, path, message })),
    ).toEqual([
      {
        code: 'custom',
        path: ['database', 'user'],
        message: 'Choose another user: the MySQL image refuses "root" as the application user.',
      },
    ]);
  });
});

describe('an inline pull secret with a private registry names what the file has', () => {
  const missing = (names: string) =>
    `The .dockerconfigjson has no entry for the private registry r.corp:5000 (it names ${names}): run \`docker login r.corp:5000\` and upload the config again, or choose "no pull secret" if the registry allows anonymous pulls.`;
  // configJson is the decoded .dockerconfigjson; expected is the issue on pullSecret.configContent (null: none).
  const rows: [name: string, configJson: string, expected: string | null][] = [
    ['an entry for the registry', '{"auths":{"r.corp:5000":{"auth":"eDp5"}}}', null],
    ['an entry written as a URL', '{"auths":{"https://r.corp:5000/v2/":{}}}', null],
    ['an entry for another port of the host', '{"auths":{"r.corp":{}}}', missing('r.corp')],
    ['two other registries, both named', '{"auths":{"a.io":{},"b.io":{}}}', missing('a.io, b.io')],
    ['an empty auths object', '{"auths":{}}', missing('no registry')],
    ['auths null', '{"auths":null}', missing('no registry')],
    [
      'auths a string (its characters are no registries)',
      '{"auths":"r.corp:5000"}',
      missing('no registry'),
    ],
    ['auths a number', '{"auths":5}', missing('no registry')],
  ];
  it.each(rows)('%s', (_name, configJson, expected) => {
    const a = validAnswers();
    a.registry = {
      mode: 'private',
      host: 'r.corp:5000',
      prefix: '',
      insecure: false,
      tokenHost: '',
    };
    a.pullSecret = { mode: 'inline', configContent: btoa(configJson) };
    expect(issues(a)).toEqual(
      expected === null ? [] : [{ path: ['pullSecret', 'configContent'], message: expected }],
    );
  });

  it('with the public registry any entry will do', () => {
    const a = validAnswers();
    a.pullSecret = { mode: 'inline', configContent: btoa('{"auths":{"a.io":{}}}') };
    expect(validateAnswers(a)).toEqual({ success: true, data: a });
  });
});

describe('network policy: a direction without peers, and peers kept from an imported file', () => {
  const NO_INGRESS_PEER =
    'Add who may connect: with no namespace or CIDR the policy denies all ingress to every pod of the namespace (pod-to-pod included). Add your ingress controller’s namespace (e.g. ingress-nginx) or, with a LoadBalancer, the client CIDRs; the release namespace and kube-system are then allowed too.';
  const NO_EGRESS_PEER =
    'Add where pods may connect: with no namespace or CIDR the policy denies all egress, DNS included. Add at least one namespace or CIDR (your database, message queue, artifacts.lightrun.com); the release namespace and kube-system (DNS) are then allowed too.';
  const noPeer = (dir: 'ingress' | 'egress') => ({
    path: ['networkPolicy', dir, 'namespaces'],
    message: dir === 'ingress' ? NO_INGRESS_PEER : NO_EGRESS_PEER,
  });
  // dirs: the directions switched on (without namespaces or CIDRs); kept: passthrough.general.networkPolicy.
  const rows: [
    name: string,
    dirs: ('ingress' | 'egress')[],
    passthrough: Raw,
    expected: AnswersIssue[],
  ][] = [
    ['ingress without a peer', ['ingress'], {}, [noPeer('ingress')]],
    ['egress without a peer', ['egress'], {}, [noPeer('egress')]],
    ['both without a peer', ['ingress', 'egress'], {}, [noPeer('ingress'), noPeer('egress')]],
    [
      'kept general keys without a policy',
      ['ingress'],
      { general: { name: 'x' } },
      [noPeer('ingress')],
    ],
    [
      'a kept policy without the direction',
      ['ingress'],
      { general: { networkPolicy: { egress: { podSelector: { app: 'x' } } } } },
      [noPeer('ingress')],
    ],
    [
      'a kept ingress podSelector',
      ['ingress'],
      { general: { networkPolicy: { ingress: { podSelector: { app: 'x' } } } } },
      [],
    ],
    [
      'a kept ingress podSelector that is null',
      ['ingress'],
      { general: { networkPolicy: { ingress: { podSelector: null } } } },
      [noPeer('ingress')],
    ],
    [
      'a kept ingress podSelector that is a string',
      ['ingress'],
      { general: { networkPolicy: { ingress: { podSelector: 'app=x' } } } },
      [noPeer('ingress')],
    ],
    [
      'a kept ingress namespacePodSelector',
      ['ingress'],
      { general: { networkPolicy: { ingress: { namespacePodSelector: { ns: { app: 'x' } } } } } },
      [],
    ],
    [
      'an empty kept namespacePodSelector',
      ['ingress'],
      { general: { networkPolicy: { ingress: { namespacePodSelector: {} } } } },
      [noPeer('ingress')],
    ],
    [
      'kept ingress ports',
      ['ingress'],
      { general: { networkPolicy: { ingress: { ports: [{ port: 443 }] } } } },
      [],
    ],
    [
      'an empty list of kept ports',
      ['ingress'],
      { general: { networkPolicy: { ingress: { ports: [] } } } },
      [noPeer('ingress')],
    ],
    [
      'a kept key that is no peer',
      ['ingress'],
      { general: { networkPolicy: { ingress: { from: [{ ipBlock: {} }] } } } },
      [noPeer('ingress')],
    ],
    [
      'kept egress ports count for egress only',
      ['ingress', 'egress'],
      { general: { networkPolicy: { egress: { ports: [{ port: 53 }] } } } },
      [noPeer('ingress')],
    ],
  ];
  it.each(rows)('%s', (_name, dirs, passthrough, expected) => {
    const a = validAnswers();
    const dir = (d: 'ingress' | 'egress') => ({
      enabled: dirs.includes(d),
      namespaces: [],
      cidrs: [],
    });
    a.networkPolicy = { enabled: true, ingress: dir('ingress'), egress: dir('egress') };
    a.passthrough = passthrough;
    expect(issues(a)).toEqual(expected);
  });
});

describe('validateAnswers on malformed input: a rule reads only its own branch', () => {
  const rows: [name: string, set: (a: Raw) => void, expected: AnswersIssue[]][] = [
    [
      'no registry section: the other chart-secret rules still speak',
      (a) => {
        delete a.registry;
        (a.license as Raw).content = '';
        a.pullSecret = { mode: 'inline', configContent: btoa('{"auths":{"a.io":{}}}') };
      },
      [
        { path: ['registry'], message: missingSection('registry') },
        {
          path: ['license', 'content'],
          message: 'Required: paste or upload the license content Lightrun sent you.',
        },
      ],
    ],
    [
      'a host left in the public registry does not make it private',
      (a) => {
        a.registry = { mode: 'public', host: 'r.corp:5000' };
        a.pullSecret = { mode: 'inline', configContent: btoa('{"auths":{"a.io":{}}}') };
      },
      [{ path: ['registry'], message: unknownKeyAt('registry') }],
    ],
    [
      'a router service left in the load-balancer mode does not ask for router TLS',
      (a) =>
        (a.externalAccess = {
          mode: 'load-balancer',
          serviceAnnotations: [],
          service: 'load-balancer',
        }),
      [{ path: ['externalAccess'], message: unknownKeyAt('externalAccess') }],
    ],
  ];
  it.each(rows)('%s', (_name, set, expected) => {
    const a = validAnswers() as unknown as Raw;
    set(a);
    expect(issues(a)).toEqual(expected);
  });
});

describe('the certificate inspector runs only on a well-formed inline certificate the chart creates', () => {
  const KEY_FINDING: CertificateIssue = {
    field: 'key',
    message: 'The private key does not belong to this certificate.',
  };
  const CRT_FINDING: CertificateIssue = {
    field: 'crt',
    message: 'The certificate does not cover lightrun.example.com.',
  };
  const tooLong = (pem: string, max: number) => pem + 'x'.repeat(max - pem.length + 1);
  const existingSecrets = (a: Raw) => {
    a.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    a.license = { content: '', signature: '' };
  };
  // set: changes to the valid answers; calls: the endpoints the inspector was called with
  // (one per call); expected: the issues, or 'valid'.
  const rows: [
    name: string,
    set: (a: Raw) => void,
    calls: string[],
    expected: AnswersIssue[] | 'valid',
  ][] = [
    [
      'a valid plan: its findings land on their fields',
      () => {},
      ['lightrun.acme.example.com'],
      [
        { path: ['certificate', 'crt'], message: CRT_FINDING.message },
        { path: ['certificate', 'key'], message: KEY_FINDING.message },
      ],
    ],
    [
      'an existing certificate Secret: nothing to read',
      (a) => (a.certificate = { source: 'existing', secretName: 'tls' }),
      [],
      'valid',
    ],
    [
      'secrets outside the chart with an existing certificate',
      (a) => {
        existingSecrets(a);
        a.certificate = { source: 'existing', secretName: 'tls' };
      },
      [],
      'valid',
    ],
    [
      'secrets outside the chart with an inline certificate: only the rule that refuses it',
      existingSecrets,
      [],
      [
        {
          path: ['certificate', 'source'],
          message:
            'With secrets kept outside the chart the chart does not create the certificate Secret: choose "existing Secret" and name it.',
        },
      ],
    ],
    [
      'a certificate that is not PEM',
      (a) => ((a.certificate as Raw).crt = 'MIIB'),
      [],
      [{ path: ['certificate', 'crt'], message: PEM_CERT_MSG }],
    ],
    [
      'a key that is not PEM, the certificate fine',
      (a) => ((a.certificate as Raw).key = 'secret'),
      [],
      [{ path: ['certificate', 'key'], message: PEM_KEY_MSG }],
    ],
    [
      'a certificate over its length limit',
      (a) => ((a.certificate as Raw).crt = tooLong(FAKE_CERT, 65_536)),
      [],
      [
        {
          path: ['certificate', 'crt'],
          message: 'A certificate chain has at most 65536 characters.',
        },
      ],
    ],
    [
      'a key over its length limit',
      (a) => ((a.certificate as Raw).key = tooLong(FAKE_KEY, 16_384)),
      [],
      [{ path: ['certificate', 'key'], message: 'A private key has at most 16384 characters.' }],
    ],
    [
      'an existing Secret with crt and key left over from the inline branch',
      (a) =>
        (a.certificate = { source: 'existing', secretName: 'tls', crt: FAKE_CERT, key: FAKE_KEY }),
      [],
      [{ path: ['certificate'], message: unknownKeyAt('certificate', '2 unknown fields') }],
    ],
    [
      'an endpoint that is not a host name: checked against no name',
      (a) => ((a.general as Raw).endpoint = 'https://lightrun.example.com'),
      [''],
      [
        { path: ['general', 'endpoint'], message: 'Enter the host name only, without "https://".' },
        { path: ['certificate', 'crt'], message: CRT_FINDING.message },
        { path: ['certificate', 'key'], message: KEY_FINDING.message },
      ],
    ],
    // With a field error elsewhere zod skips the cross-field rules, so the PEM text is judged here too.
    [
      'a bad endpoint and a certificate that is not PEM: not read',
      (a) => {
        (a.general as Raw).endpoint = 'https://lightrun.example.com';
        (a.certificate as Raw).crt = 'MIIB';
      },
      [],
      [
        { path: ['general', 'endpoint'], message: 'Enter the host name only, without "https://".' },
        { path: ['certificate', 'crt'], message: PEM_CERT_MSG },
      ],
    ],
    [
      'a bad endpoint and a key that is not PEM: not read',
      (a) => {
        (a.general as Raw).endpoint = 'https://lightrun.example.com';
        (a.certificate as Raw).key = 'secret';
      },
      [],
      [
        { path: ['general', 'endpoint'], message: 'Enter the host name only, without "https://".' },
        { path: ['certificate', 'key'], message: PEM_KEY_MSG },
      ],
    ],
    [
      'no general section: checked against no name',
      (a) => delete a.general,
      [''],
      [
        { path: ['general'], message: missingSection('general') },
        { path: ['certificate', 'crt'], message: CRT_FINDING.message },
        { path: ['certificate', 'key'], message: KEY_FINDING.message },
      ],
    ],
  ];
  it.each(rows)('%s', (_name, set, calls, expected) => {
    const a = validAnswers() as unknown as Raw;
    set(a);
    const seen: { crt: string; key: string; endpoint: string }[] = [];
    const r = validateAnswers(a, {
      inspectCertificate: (input) => (seen.push(input), [CRT_FINDING, KEY_FINDING]),
    });
    const c = a.certificate as Raw;
    expect(seen).toEqual(calls.map((endpoint) => ({ crt: c.crt, key: c.key, endpoint })));
    expect(r).toEqual(
      expected === 'valid'
        ? { success: true, data: a as unknown as A }
        : { success: false, issues: expected },
    );
  });

  it('no findings: the plan is valid', () => {
    const a = validAnswers();
    expect(validateAnswers(a, { inspectCertificate: () => [] })).toEqual({
      success: true,
      data: a,
    });
  });
});
