import { describe, expect, it } from 'vitest';
import { validAnswers } from '../../answers/__fixtures__/valid-answers';
import { SIZING_PROFILES } from '../../answers/constants';
import { importValues } from '../import';
import { renderValues } from '../render';
import { getPath, type Tree } from '../tree';
import { ALLOW_ANNOTATION, DENY_ANNOTATION, SERVER_SNIPPET } from './access';

// What the mappings read back from a file (exact answers, what stays kept, the notes), and the
// few render-side normalisations, on small files: the rows the fast suite lacked.

const INGRESSES = [
  'ingress_clients',
  'ingress_agents',
  'ingress_keycloak_admin',
  'ingress_metrics',
];
const ic = (extra: Tree = {}): Tree => ({
  general: { router: { enabled: false }, ingress_controller: true, ingress_class_name: 'nginx' },
  ...extra,
});
const onAll = (annotations: Record<string, unknown>, ings = INGRESSES): Tree =>
  Object.fromEntries(ings.map((i) => [i, { annotations: { ...annotations } }]));
const access = (file: Tree) => importValues(structuredClone(file));
const notesAt = (r: ReturnType<typeof importValues>) => r.notes.map((n) => n.path);

describe('ingress-controller allow-lists read back', () => {
  const admin = (annotations: Record<string, unknown>) =>
    access(ic({ ingress_keycloak_admin: { annotations } }));
  it('the allow annotation as CIDRs, spaces and empty items dropped, claimed', () => {
    const r = admin({ [ALLOW_ANNOTATION]: ' 10.0.0.0/8 , 192.168.0.0/16 ,,' });
    expect(r.answers.externalAccess).toMatchObject({
      mode: 'ingress-controller',
      adminAllowCidrs: ['10.0.0.0/8', '192.168.0.0/16'],
    });
    expect(
      getPath(r.answers.passthrough, ['ingress_keycloak_admin', 'annotations', ALLOW_ANNOTATION]),
    ).toBeUndefined();
    expect(notesAt(r)).not.toContain('ingress_keycloak_admin.annotations');
  });
  it('a deny-list of exactly everyone (either order, spaced) is an empty allow-list, claimed', () => {
    const r = admin({ [DENY_ANNOTATION]: '::/0, 0.0.0.0/0' });
    expect(r.answers.externalAccess).toMatchObject({ adminAllowCidrs: [] });
    expect(
      getPath(r.answers.passthrough, ['ingress_keycloak_admin', 'annotations', DENY_ANNOTATION]),
    ).toBeUndefined();
  });
  const open: [name: string, annotations: Record<string, unknown>][] = [
    ['a deny-list of only IPv4 everyone', { [DENY_ANNOTATION]: '0.0.0.0/0' }],
    ['a deny-list of everyone and one more', { [DENY_ANNOTATION]: '0.0.0.0/0,::/0,10.0.0.0/8' }],
    ['a deny-list of two others', { [DENY_ANNOTATION]: '10.0.0.0/8,::/0' }],
    ['neither annotation', {}],
  ];
  it.each(open)('%s: open to everyone, said in a note, the annotation kept', (_n, annotations) => {
    const r = admin(annotations);
    expect(r.answers.externalAccess).toMatchObject({ adminAllowCidrs: ['0.0.0.0/0', '::/0'] });
    expect(r.notes).toContainEqual({
      path: 'ingress_keycloak_admin.annotations',
      message:
        "The file lets anyone who reaches the endpoint open the Keycloak admin console; the wizard keeps that as an allow-list of 0.0.0.0/0 and ::/0: narrow it to your admins' addresses.",
    });
    if (annotations[DENY_ANNOTATION])
      expect(
        getPath(r.answers.passthrough, ['ingress_keycloak_admin', 'annotations', DENY_ANNOTATION]),
      ).toBe(annotations[DENY_ANNOTATION]);
  });
});

describe('ingress-controller shared annotations read back', () => {
  const shared = (file: Tree) =>
    (access(file).answers.externalAccess as { annotations: { key: string; value: string }[] })
      .annotations;
  it('one set identically on all four is the admin’s, claimed on every ingress', () => {
    const r = access(ic(onAll({ 'a.io/x': 'y' })));
    expect((r.answers.externalAccess as { annotations: unknown }).annotations).toEqual([
      { key: 'a.io/x', value: 'y' },
    ]);
    for (const ing of INGRESSES)
      expect(getPath(r.answers.passthrough, [ing, 'annotations', 'a.io/x'])).toBeUndefined();
  });
  it('on three of four, it is kept per ingress', () => {
    const file = ic(onAll({ 'a.io/x': 'y' }, INGRESSES.slice(0, 3)));
    expect(shared(file)).toEqual([]);
    expect(
      getPath(access(file).answers.passthrough, ['ingress_agents', 'annotations', 'a.io/x']),
    ).toBe('y');
  });
  it('on all four but one value differs (the last ingress)', () => {
    const file = ic(onAll({ 'a.io/x': 'y' }));
    (file.ingress_metrics as { annotations: Tree }).annotations['a.io/x'] = 'z';
    expect(shared(file)).toEqual([]);
  });
  it('a value that is no text', () => expect(shared(ic(onAll({ 'a.io/x': 5 })))).toEqual([]));
  it('the chart’s own default value on all four is not the admin’s', () =>
    expect(shared(ic(onAll({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' })))).toEqual([]));
  it('a default of some ingresses, set on all four to the same value, is the admin’s', () => {
    expect(shared(ic(onAll({ 'kubernetes.io/ingress.class': 'nginx' })))).toEqual([
      { key: 'kubernetes.io/ingress.class', value: 'nginx' },
    ]);
  });
  it('equal on all four only through the chart’s default on one: not the admin’s, kept where written', () => {
    const file = ic({
      ...onAll({ 'kubernetes.io/ingress.class': 'nginx' }, INGRESSES.slice(0, 3)),
      ingress_metrics: { annotations: { 'a.io/z': 'w' } },
    });
    expect(shared(file)).toEqual([]);
    expect(
      getPath(access(file).answers.passthrough, [
        'ingress_agents',
        'annotations',
        'kubernetes.io/ingress.class',
      ]),
    ).toBe('nginx');
  });
  it.each([SERVER_SNIPPET, ALLOW_ANNOTATION, DENY_ANNOTATION])(
    '%s on all four is none of the shared ones',
    (k) => {
      expect(shared(ic(onAll({ [k]: '10.0.0.0/8' })))).toEqual([]);
    },
  );
  it('the server snippet set to null drops it, and is claimed; left alone it is kept', () => {
    const dropped = access(ic({ ingress_clients: { annotations: { [SERVER_SNIPPET]: null } } }));
    expect(dropped.answers.externalAccess).toMatchObject({ keepServerSnippet: false });
    expect(
      getPath(dropped.answers.passthrough, ['ingress_clients', 'annotations']),
    ).toBeUndefined();
    expect(access(ic()).answers.externalAccess).toMatchObject({ keepServerSnippet: true });
    const text = access(ic({ ingress_clients: { annotations: { [SERVER_SNIPPET]: 'x' } } }));
    expect(text.answers.externalAccess).toMatchObject({ keepServerSnippet: true });
    expect(
      getPath(text.answers.passthrough, ['ingress_clients', 'annotations', SERVER_SNIPPET]),
    ).toBe('x');
  });
});

describe('the router read back', () => {
  const router = (r: Tree) => ({ general: { router: { enabled: true, ...r } } });
  it('a LoadBalancer with the ports the wizard writes: those ports are claimed', () => {
    const r = access(
      router({
        ingress: { enabled: false },
        service: { type: 'LoadBalancer', ports: { https: 443, http: 80 } },
      }),
    );
    expect(r.answers.externalAccess).toMatchObject({
      mode: 'router',
      service: 'load-balancer',
      className: 'nginx',
    });
    expect(
      getPath(r.answers.passthrough, ['general', 'router', 'service', 'ports']),
    ).toBeUndefined();
  });
  it('other ports are kept as written (each one judged alone)', () => {
    const r = access(
      router({
        ingress: { enabled: false },
        service: { type: 'LoadBalancer', ports: { https: 8443, http: 80 } },
      }),
    );
    expect(getPath(r.answers.passthrough, ['general', 'router', 'service', 'ports'])).toEqual({
      https: 8443,
    });
  });
  it('the wizard’s ports on a router behind an ingress are not its own: kept', () => {
    const r = access(
      router({
        ingress: { enabled: true, ingress_class_name: 'traefik' },
        service: { type: 'LoadBalancer', ports: { https: 443, http: 80 } },
      }),
    );
    expect(r.answers.externalAccess).toMatchObject({ service: 'ingress', className: 'traefik' });
    expect(getPath(r.answers.passthrough, ['general', 'router', 'service', 'ports'])).toEqual({
      https: 443,
      http: 80,
    });
  });
  it('no ingress but a ClusterIP service is the ingress mode too', () => {
    expect(
      access(router({ ingress: { enabled: false }, service: { type: 'ClusterIP' } })).answers
        .externalAccess,
    ).toMatchObject({ service: 'ingress' });
  });
});

describe('the network policy ipBlocks read back', () => {
  const np = (dir: 'ingress' | 'egress', ipBlock: unknown) =>
    importValues({
      general: { networkPolicy: { enabled: true, [dir]: { enabled: true, ipBlock } } },
    });
  const rows: [name: string, ipBlock: unknown, cidrs: string[], kept: boolean][] = [
    [
      'plain cidr entries',
      [{ cidr: '10.0.0.0/8' }, { cidr: '192.168.0.0/16' }],
      ['10.0.0.0/8', '192.168.0.0/16'],
      false,
    ],
    [
      'one richer entry: the list kept whole',
      [{ cidr: '10.0.0.0/8' }, { cidr: '0.0.0.0/0', except: ['10.1.0.0/16'] }],
      [],
      true,
    ],
    [
      'the richer entry first',
      [{ cidr: '0.0.0.0/0', except: ['10.1.0.0/16'] }, { cidr: '10.0.0.0/8' }],
      [],
      true,
    ],
    ['a cidr that is no text', [{ cidr: 10 }], [], true],
    ['an empty list (the chart’s default is a map): kept as written', [], [], true],
  ];
  it.each(rows)('%s (ingress and egress alike)', (_n, ipBlock, cidrs, kept) => {
    for (const dir of ['ingress', 'egress'] as const) {
      const r = np(dir, ipBlock);
      expect(
        (r.answers.networkPolicy as unknown as Record<string, { cidrs: string[] }>)[dir]!.cidrs,
      ).toEqual(cidrs);
      if (kept)
        expect(
          getPath(r.answers.passthrough, ['general', 'networkPolicy', dir, 'ipBlock']),
        ).toEqual(ipBlock);
    }
  });
});

describe('other mappings: the rows the fast suite lacked', () => {
  it('host names are written trimmed even from answers that skipped the schema', () => {
    const a = validAnswers();
    a.general.endpoint = ' lightrun.example.com ';
    a.general.clusterDomain = ' corp.internal ';
    a.database = {
      ...a.database,
      mode: 'external',
      endpoint: ' db.example.com ',
    } as typeof a.database;
    a.messageQueue = {
      mode: 'external',
      endpoint: ' mq.example.com ',
      port: '5672',
      queueName: 'q',
      user: 'u',
      password: 'p',
    } as typeof a.messageQueue;
    const v = renderValues(a).values;
    expect([
      getPath(v, ['general', 'lightrun_endpoint']),
      getPath(v, ['general', 'cluster_domain']),
      getPath(v, ['general', 'db_endpoint']),
      getPath(v, ['general', 'mq', 'mq_endpoint']),
    ]).toEqual(['lightrun.example.com', 'corp.internal', 'db.example.com', 'mq.example.com']);
  });
  it('a retention policy with only whenScaled', () => {
    const a = validAnswers();
    if (a.database.mode !== 'local') throw new Error('the default database is local');
    a.database.storage = {
      kind: 'persistent',
      storageClassName: '',
      size: '100Gi',
      whenDeleted: '',
      whenScaled: 'Delete',
    };
    expect(
      getPath(renderValues(a).values, [
        'general',
        'statefulset',
        'persistentVolumeClaimRetentionPolicy',
      ]),
    ).toEqual({ whenScaled: 'Delete' });
  });
  it('a null pull secret is "none", and claimed', () => {
    const r = importValues({ secrets: { defaults: { dockerhub_config: null } } });
    expect(r.answers.pullSecret).toEqual({ mode: 'none' });
    expect(getPath(r.answers.passthrough, ['secrets'])).toBeUndefined();
  });
  it('the license is read from its two keys', () => {
    expect(
      importValues({ secrets: { license: { content: 'C', signature: 'S' } } }).answers.license,
    ).toEqual({ content: 'C', signature: 'S' });
  });
  it('a profile’s memory with another cpu is custom sizing', () => {
    const m = SIZING_PROFILES.medium;
    const file = {
      deployments: {
        backend: { resources: { cpu: '4100m', memory: m.backend.memory } },
        frontend: { resources: m.frontend },
        keycloak: { resources: m.keycloak },
      },
    };
    expect(importValues(file).answers.sizing.resources).toEqual({
      profile: 'custom',
      backend: { cpu: '4100m', memory: m.backend.memory },
      frontend: { ...m.frontend },
      keycloak: { ...m.keycloak },
    });
    const exact = {
      deployments: {
        backend: { resources: m.backend },
        frontend: { resources: m.frontend },
        keycloak: { resources: m.keycloak },
      },
    };
    expect(importValues(structuredClone(exact) as Tree).answers.sizing.resources).toEqual({
      profile: 'medium',
    });
  });
});
