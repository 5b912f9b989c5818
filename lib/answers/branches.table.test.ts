import { describe, expect, it } from 'vitest';
import { validAnswers } from './__fixtures__/valid-answers';
import { BRANCHES, branchDefault, completeAnswers } from './branches';
import { defaultAnswers, HPA_DEFAULTS, withGeneratedSecrets } from './defaults';
import { answersShapeSchema, type Answers } from './schema';
import { WORKLOADS_DEFAULT } from './node-selection';
import { hasAnswersShape } from './shape';
import { STEPS, stepOfPath } from './steps';

describe('branchDefault', () => {
  it('gives a fresh copy each time, keyed by the discriminator as text', () => {
    const x = branchDefault('networkPolicy', true) as { ingress: { namespaces: string[] } };
    x.ingress.namespaces.push('changed');
    expect(branchDefault('networkPolicy', true)).toEqual({
      enabled: true,
      ingress: { enabled: true, namespaces: ['ingress-nginx'], cidrs: [] },
      egress: { enabled: false, namespaces: [], cidrs: [] },
    });
    expect(branchDefault('sizing.backend.hpa', 'true')).toEqual(HPA_DEFAULTS.backend);
    expect(branchDefault('apiKeysEncryption', false)).toEqual({ enabled: false });
  });

  it.each([
    ['database', 'cloud'],
    ['nowhere', 'local'],
    ['database.storage', undefined],
  ])('%s = %s: undefined', (p, v) => {
    expect(branchDefault(p, v)).toBeUndefined();
  });

  it('every branch of every choice is a valid shape for the schema section it belongs to', () => {
    for (const [path, { key, options }] of Object.entries(BRANCHES)) {
      for (const [value, branch] of Object.entries(options)) {
        expect(String(branch[key]), `${path}=${value}`).toBe(value);
        const a = structuredClone(validAnswers()) as unknown as Record<string, unknown>;
        if (path === 'messageQueue.storage')
          a.messageQueue = branchDefault('messageQueue', 'local'); // the branch that holds it
        if (path === 'workloads.heapDumps') a.workloads = structuredClone(WORKLOADS_DEFAULT); // optional section
        const keys = path.split('.');
        let cur = a;
        for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
        cur[keys[keys.length - 1]!] = structuredClone(branch);
        const r = answersShapeSchema.safeParse(a);
        const structural = r.success
          ? []
          : r.error.issues.filter((i) =>
              ['unrecognized_keys', 'invalid_type', 'invalid_union'].includes(i.code),
            );
        expect(structural, `${path}=${value}`).toEqual([]);
        expect(hasAnswersShape(a), `${path}=${value}`).toBe(true);
      }
    }
  });
});

describe('completeAnswers', () => {
  it('nothing (null, undefined, {}) is the defaults', () => {
    expect(completeAnswers(null)).toEqual(defaultAnswers());
    expect(completeAnswers(undefined)).toEqual(defaultAnswers());
    expect(completeAnswers({})).toEqual(defaultAnswers());
  });

  it('the same branch as the default keeps the default fields; a switched one starts from its own', () => {
    const same = completeAnswers({ database: { mode: 'local', password: 'p' } }) as Answers;
    expect(same.database).toEqual({ ...defaultAnswers().database, password: 'p' });
    const nested = completeAnswers({ database: { storage: { kind: 'ephemeral' } } }) as Answers;
    expect(nested.database).toEqual({
      ...defaultAnswers().database,
      storage: { kind: 'ephemeral', sizeLimit: '5Gi' },
    });
    const hpa = completeAnswers({
      sizing: { frontend: { hpa: { enabled: true, maxReplicas: 9 } } },
    }) as Answers;
    expect(hpa.sizing.frontend).toEqual({
      replicas: 1,
      hpa: { enabled: true, maxReplicas: 9, cpuPercent: 70 },
    });
  });

  it('an unknown branch keeps only what the file says (validation reports it)', () => {
    expect(
      (completeAnswers({ externalAccess: { mode: 'gateway', x: 1 } }) as Answers).externalAccess,
    ).toEqual({ mode: 'gateway', x: 1 });
  });

  it('pass-through keys and values of the wrong type are taken as given, not merged', () => {
    const a = completeAnswers({
      passthrough: { general: { x: 1 } },
      security: 'hardened',
      sizing: { backend: [1] },
    }) as Record<string, unknown>;
    expect(a.passthrough).toEqual({ general: { x: 1 } });
    expect(a.security).toBe('hardened');
    expect((a.sizing as Record<string, unknown>).backend).toEqual([1]);
  });

  it('does not share objects with the defaults', () => {
    const a = completeAnswers({}) as Answers;
    a.sizing.backend.replicas = 9;
    expect(defaultAnswers().sizing.backend.replicas).toBe(1);
    expect(BRANCHES.database!.options.local).toEqual(defaultAnswers().database);
  });
});

describe('withGeneratedSecrets', () => {
  const counter = () => {
    let n = 0;
    return () => `tok${++n}`;
  };

  it('fills every empty generated credential, in order, and nothing else', () => {
    const a = defaultAnswers();
    a.messageQueue = branchDefault('messageQueue', 'external') as Answers['messageQueue'];
    const out = withGeneratedSecrets(a, counter());
    expect([out.database.user, out.database.password]).toEqual(['lightrun', 'tok1']);
    expect(out.secrets).toEqual({
      ...defaultAnswers().secrets,
      keycloakPassword: 'tok2',
      keystorePassword: 'tok3',
    });
    expect(out.messageQueue).toMatchObject({ user: 'lightrun', password: 'tok4' });
    expect(out.license).toEqual({ content: '', signature: '' });
    expect(a.database.password).toBe(''); // the input is untouched
  });

  it('keeps what is already set, and leaves secrets outside the chart and an MQ that is off alone', () => {
    const a = validAnswers();
    a.messageQueue = {
      ...(branchDefault('messageQueue', 'local') as object),
      user: 'me',
      password: 'mine',
    } as Answers['messageQueue'];
    expect(withGeneratedSecrets(a, counter())).toEqual(a);
    const b = defaultAnswers();
    b.secrets = { mode: 'existing', backend: '', keycloak: '', apiKeysEncryption: '' };
    const out = withGeneratedSecrets(b, counter());
    expect(out.secrets).toEqual(b.secrets);
    expect(out.messageQueue).toEqual({ mode: 'off' });
    expect(out.database.password).toBe('tok1');
  });
});

describe('stepOfPath', () => {
  it('every answers section belongs to exactly one step', () => {
    for (const section of Object.keys(defaultAnswers()).filter((k) => k !== 'passthrough')) {
      expect(STEPS.filter((s) => (s.sections as string[]).includes(section)).length, section).toBe(
        1,
      );
    }
  });

  it.each([
    [['general', 'endpoint'], 'endpoint'],
    [['pullSecret'], 'endpoint'],
    [['certificate', 'crt'], 'certificate'],
    [['messageQueue', 'user'], 'message-queue'],
    [['networkPolicy', 'ingress', 'namespaces', 0], 'security'],
    [['apiKeysEncryption', 'aesKey'], 'secrets'],
    [['sizing', 'backend'], 'sizing'],
    [['passthrough'], 'review'],
    [[], 'review'],
  ])('%j -> %s', (p, step) => expect(stepOfPath(p)).toBe(step));
});

describe('hasAnswersShape: the lists of the model', () => {
  // Each changes a copy of a valid plan, into a shape that may no longer be Answers.
  const annotations = (a: Answers, annotations: unknown[]) => ({
    ...a,
    externalAccess: { ...a.externalAccess, annotations },
  });
  it.each([
    [
      'annotations as {key, value}',
      (a: Answers) => annotations(a, [{ key: 'a', value: 'b' }]),
      true,
    ],
    [
      'an annotation with an extra field',
      (a: Answers) => annotations(a, [{ key: 'a', value: 'b', x: 1 }]),
      false,
    ],
    [
      'an annotation value that is not text',
      (a: Answers) => annotations(a, [{ key: 'a', value: 1 }]),
      false,
    ],
    [
      'namespaces as text',
      (a: Answers) => ({
        ...a,
        networkPolicy: {
          ...branchDefault('networkPolicy', true),
          egress: { enabled: true, namespaces: ['a'], cidrs: ['10.0.0.0/8'] },
        },
      }),
      true,
    ],
    [
      'a namespace that is not text',
      (a: Answers) => ({
        ...a,
        networkPolicy: {
          ...branchDefault('networkPolicy', true),
          egress: { enabled: true, namespaces: [1], cidrs: [] },
        },
      }),
      false,
    ],
    ['pass-through that is a list', (a: Answers) => ({ ...a, passthrough: [] }), false],
    [
      'pass-through of any keys',
      (a: Answers) => ({ ...a, passthrough: { anything: { at: ['all'] } } }),
      true,
    ],
    ['a list where a map belongs', (a: Answers) => ({ ...a, general: [] }), false],
  ])('%s: %s', (_n, spoil, ok) => {
    const a = spoil(validAnswers());
    expect(hasAnswersShape(a)).toBe(ok);
  });
});
