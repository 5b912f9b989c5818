import { describe, expect, it } from 'vitest';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import {
  detectProblem,
  kubeconfigPaths,
  mergeKubeconfigs,
  selectContext,
  shownServer,
  summarizeContexts,
  type LoadedFile,
} from './kubeconfig-merge';

const cluster = (name: string, server: string): Cluster => ({ name, server, skipTLSVerify: false });
const user = (name: string, token = 'sekrit-token'): User => ({ name, token });
const ctx = (name: string, c: string, u: string, namespace?: string): Context => ({
  name,
  cluster: c,
  user: u,
  ...(namespace ? { namespace } : {}),
});
const ok = (
  p: string,
  x: { clusters?: Cluster[]; users?: User[]; contexts?: Context[]; currentContext?: string },
): LoadedFile => ({
  path: p,
  state: 'ok',
  clusters: x.clusters ?? [],
  users: x.users ?? [],
  contexts: x.contexts ?? [],
  currentContext: x.currentContext,
});

describe('kubeconfigPaths', () => {
  it.each([
    { env: undefined, want: { source: 'home', paths: ['/home/a/.kube/config'] } },
    { env: '', want: { source: 'home', paths: ['/home/a/.kube/config'] } },
    { env: ':', want: { source: 'home', paths: ['/home/a/.kube/config'] } },
    { env: '/x', want: { source: 'KUBECONFIG', paths: ['/x'] } },
    { env: '/x::/y:/x', want: { source: 'KUBECONFIG', paths: ['/x', '/y'] } },
  ])('KUBECONFIG=$env', ({ env, want }) => {
    expect(kubeconfigPaths(env, '/home/a/')).toEqual(want);
  });
  it('splits on the given delimiter (Windows uses ;)', () => {
    expect(kubeconfigPaths('C:\\a;C:\\b', 'C:\\u', ';')).toEqual({
      source: 'KUBECONFIG',
      paths: ['C:\\a', 'C:\\b'],
    });
  });
});

describe('mergeKubeconfigs (kubectl: first definition wins, missing files skipped)', () => {
  const a = ok('/a', {
    clusters: [cluster('c1', 'https://one:6443')],
    users: [user('u1')],
    contexts: [ctx('dev', 'c1', 'u1')],
    currentContext: 'dev',
  });
  const b = ok('/b', {
    clusters: [cluster('c1', 'https://OTHER:6443'), cluster('c2', 'https://two:6443')],
    users: [user('u1', 'other'), user('u2')],
    contexts: [ctx('dev', 'c2', 'u2'), ctx('prod', 'c2', 'u2', 'lr')],
    currentContext: 'prod',
  });
  it("keeps the first file's cluster, user, context and current-context", () => {
    const m = mergeKubeconfigs('KUBECONFIG', [{ path: '/gone', state: 'missing' }, a, b]);
    expect(m.clusters.map((c) => [c.name, c.server])).toEqual([
      ['c1', 'https://one:6443'],
      ['c2', 'https://two:6443'],
    ]);
    expect(m.users.map((u) => [u.name, u.token])).toEqual([
      ['u1', 'sekrit-token'],
      ['u2', 'sekrit-token'],
    ]);
    expect(m.contexts.map((c) => [c.name, c.cluster])).toEqual([
      ['dev', 'c1'],
      ['prod', 'c2'],
    ]);
    expect(m.currentContext).toBe('dev');
    expect(m.files).toEqual(['/gone', '/a', '/b']);
  });
  it('takes current-context from the first file that sets one', () => {
    const noCurrent = ok('/n', { contexts: [ctx('x', 'c1', 'u1')] });
    expect(mergeKubeconfigs('KUBECONFIG', [noCurrent, b]).currentContext).toBe('prod');
    expect(mergeKubeconfigs('KUBECONFIG', [noCurrent]).currentContext).toBeNull();
  });
});

describe('detectProblem', () => {
  const good = ok('/a', {
    clusters: [cluster('c1', 'https://one:6443')],
    users: [user('u1')],
    contexts: [ctx('dev', 'c1', 'u1')],
    currentContext: 'dev',
  });
  const probe = (source: 'KUBECONFIG' | 'home', files: LoadedFile[]) =>
    detectProblem(mergeKubeconfigs(source, files), files);
  it('accepts a usable kubeconfig, also with missing files beside it', () => {
    expect(probe('KUBECONFIG', [good])).toBeUndefined();
    expect(probe('KUBECONFIG', [{ path: '/gone', state: 'missing' }, good])).toBeUndefined();
  });
  it('no file at all: names the fallback to localhost:8080 and how to fix it', () => {
    const p = probe('home', [{ path: '/root/.kube/config', state: 'missing' }]);
    expect(p?.message).toBe(
      'No kubeconfig found: KUBECONFIG is not set and /root/.kube/config does not exist; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    );
    expect(p?.fix).toContain('export KUBECONFIG=');
    expect(
      probe('KUBECONFIG', [
        { path: '/x', state: 'missing' },
        { path: '/y', state: 'missing' },
      ])?.message,
    ).toBe(
      'No kubeconfig found: KUBECONFIG lists /x, /y, but no such file exists; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    );
  });
  it('a broken file is named with its reason', () => {
    expect(
      probe('KUBECONFIG', [
        good,
        { path: '/bad', state: 'invalid', reason: 'it is not valid YAML (line 3)' },
      ])?.message,
    ).toBe('The kubeconfig file /bad cannot be read: it is not valid YAML (line 3).');
  });
  it('no context, no current-context, or an undefined current-context', () => {
    expect(probe('home', [ok('/e', {})])?.message).toBe(
      'The kubeconfig (/e) defines no context; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    );
    expect(probe('home', [ok('/n', { contexts: [ctx('dev', 'c1', 'u1')] })])?.message).toBe(
      'The kubeconfig sets no current-context; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    );
    expect(
      probe('home', [ok('/w', { contexts: [ctx('dev', 'c1', 'u1')], currentContext: 'gone' })])
        ?.message,
    ).toBe('The kubeconfig\'s current-context "gone" is not defined in it.');
  });
  it('in-cluster needs no file', () => {
    expect(
      detectProblem(
        {
          source: 'in-cluster',
          files: [],
          clusters: [],
          users: [],
          contexts: [],
          currentContext: 'inClusterContext',
        },
        [],
      ),
    ).toBeUndefined();
  });
});

describe('selectContext', () => {
  const files = [
    ok('/a', {
      clusters: [cluster('c1', 'https://one:6443')],
      users: [user('u1')],
      contexts: [ctx('dev', 'c1', 'u1'), ctx('orphan', 'nope', 'u1'), ctx('nouser', 'c1', 'ghost')],
      currentContext: 'dev',
    }),
  ];
  const m = mergeKubeconfigs('KUBECONFIG', files);
  it.each([
    { req: undefined, want: 'dev' },
    { req: '', want: 'dev' },
    { req: 'dev', want: 'dev' },
  ])('picks $want for $req', ({ req, want }) => {
    const r = selectContext(m, req);
    expect('context' in r && r.context.name).toBe(want);
    expect('cluster' in r && r.cluster?.server).toBe('https://one:6443');
  });
  it.each([
    { req: 'prod', msg: 'The kubeconfig has no context "prod" (it has: dev, orphan, nouser).' },
    {
      req: 'orphan',
      msg: 'Context "orphan" names cluster "nope", which the kubeconfig does not define.',
    },
    {
      req: 'nouser',
      msg: 'Context "nouser" names user "ghost", which the kubeconfig does not define.',
    },
  ])('refuses $req', ({ req, msg }) => {
    expect(selectContext(m, req)).toMatchObject({ message: msg });
  });
  it('refuses when nothing is current and nothing asked', () => {
    expect(selectContext({ ...m, currentContext: null })).toEqual({
      message: 'No context is selected.',
      fix: 'Pick a context.',
    });
  });
});

describe('summarizeContexts', () => {
  it('lists names, servers, users and namespaces, never credentials', () => {
    const files = [
      ok('/a', {
        clusters: [{ ...cluster('c1', 'https://one:6443'), caData: 'Q0EtREFUQQ==' }],
        users: [{ name: 'u1', token: 'sekrit-token', keyData: 'S0VZ', certData: 'Q0VSVA==' }],
        contexts: [ctx('dev', 'c1', 'u1', 'lightrun'), ctx('orphan', 'nope', 'u1')],
        currentContext: 'dev',
      }),
    ];
    const s = summarizeContexts(mergeKubeconfigs('KUBECONFIG', files), files);
    expect(s).toEqual({
      source: 'KUBECONFIG',
      files: ['/a'],
      current: 'dev',
      contexts: [
        {
          name: 'dev',
          cluster: 'c1',
          server: 'https://one:6443',
          user: 'u1',
          namespace: 'lightrun',
        },
        { name: 'orphan', cluster: 'nope', server: null, user: 'u1' },
      ],
    });
    expect(JSON.stringify(s)).not.toMatch(/sekrit|S0VZ|Q0VSVA|Q0EtREFUQQ/);
  });
  it('current is null when it names no defined context', () => {
    const files = [ok('/a', { contexts: [ctx('dev', 'c1', 'u1')], currentContext: 'gone' })];
    expect(summarizeContexts(mergeKubeconfigs('home', files), files).current).toBeNull();
  });
});

describe('detectProblem with hidePaths (the page): files by place, never by path', () => {
  const hidden = (source: 'KUBECONFIG' | 'home', files: LoadedFile[]) =>
    detectProblem(mergeKubeconfigs(source, files), files, { hidePaths: true });
  it.each<[string, 'KUBECONFIG' | 'home', LoadedFile[], string]>([
    [
      'no file, KUBECONFIG',
      'KUBECONFIG',
      [
        { path: '/x/secret-dir/a', state: 'missing' },
        { path: '/x/secret-dir/b', state: 'missing' },
      ],
      'No kubeconfig found: none of the 2 file(s) KUBECONFIG lists exists; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    ],
    [
      'no file, home',
      'home',
      [{ path: '/home/secret-dir/.kube/config', state: 'missing' }],
      'No kubeconfig found: KUBECONFIG is not set and ~/.kube/config does not exist; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    ],
    [
      'a broken second file',
      'KUBECONFIG',
      [
        ok('/x/secret-dir/a', {}),
        { path: '/x/secret-dir/b', state: 'invalid', reason: 'permission denied' },
      ],
      'The kubeconfig file number 2 in KUBECONFIG cannot be read: permission denied.',
    ],
    [
      'no context',
      'home',
      [ok('/home/secret-dir/.kube/config', {})],
      'The kubeconfig defines no context; kubectl and client libraries would silently try http://localhost:8080, where no cluster answers.',
    ],
  ])('%s', (_, source, files, message) => {
    const p = hidden(source, files);
    expect(p?.message).toBe(message);
    expect(JSON.stringify(p)).not.toContain('secret-dir');
  });

  it('a KUBECONFIG whose files are all missing is named as such (source none, listed by KUBECONFIG)', () => {
    const files: LoadedFile[] = [{ path: '/gone', state: 'missing' }];
    const merged = { ...mergeKubeconfigs('none', files), listedBy: 'KUBECONFIG' as const };
    expect(detectProblem(merged, files)?.message).toMatch(
      /^No kubeconfig found: KUBECONFIG lists \/gone, but no such file exists;/,
    );
  });
});

describe('shownServer: what a person sees of a server URL', () => {
  it.each<[string | undefined, string | null]>([
    ['https://one.example:6443', 'https://one.example:6443'],
    ['https://one.example:6443/', 'https://one.example:6443'],
    ['https://rancher.example/k8s/clusters/c-1', 'https://rancher.example/k8s/clusters/c-1'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://user:pw@one.example:6443/p?token=t#f', 'https://one.example:6443/p'],
    ['unix:///var/run/k.sock', null],
    ['127.0.0.1:6443', null],
    ['', null],
    [undefined, null],
  ])('%j → %j', (server, want) => {
    expect(shownServer(server)).toBe(want);
  });
});
