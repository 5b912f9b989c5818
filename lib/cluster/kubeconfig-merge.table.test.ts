import { describe, expect, it } from 'vitest';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import {
  detectProblem,
  mergeKubeconfigs,
  selectContext,
  type LoadedFile,
} from './kubeconfig-merge';

const cluster = (name: string): Cluster => ({
  name,
  server: `https://${name}:6443`,
  skipTLSVerify: false,
});
const user = (name: string): User => ({ name, token: 't' });
const ctx = (name: string, c: string, u: string): Context => ({ name, cluster: c, user: u });
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
const FALLBACK =
  'kubectl and client libraries would silently try http://localhost:8080, where no cluster answers';

// The exact message and fix of every problem: the fix is what the admin types next.
describe('detectProblem: message and fix', () => {
  const probe = (source: 'KUBECONFIG' | 'home', files: LoadedFile[]) =>
    detectProblem(mergeKubeconfigs(source, files), files);
  it.each([
    [
      'a broken file',
      'KUBECONFIG',
      [{ path: '/bad', state: 'invalid', reason: 'line 3: mapping values are not allowed' }],
      {
        message: 'The kubeconfig file /bad cannot be read: line 3: mapping values are not allowed.',
        fix: 'Fix or replace /bad (check it with `kubectl config view --kubeconfig /bad`), then run the command again.',
      },
    ],
    [
      'no file listed at all',
      'home',
      [],
      {
        message: `No kubeconfig found: KUBECONFIG is not set and ~/.kube/config does not exist; ${FALLBACK}.`,
        fix: "Point KUBECONFIG at your cluster's kubeconfig file (export KUBECONFIG=/path/to/kubeconfig) or copy it to ~/.kube/config, then restart the wizard.",
      },
    ],
    [
      'two files without a context',
      'KUBECONFIG',
      [ok('/a', {}), ok('/b', { clusters: [cluster('c')] })],
      {
        message: `The kubeconfig (/a, /b) defines no context; ${FALLBACK}.`,
        fix: 'Add a context for your cluster (`kubectl config set-context NAME --cluster=… --user=…`) or use the kubeconfig your cluster provider gives you.',
      },
    ],
    [
      'no current-context, two contexts',
      'home',
      [ok('/a', { contexts: [ctx('x', 'c', 'u'), ctx('y', 'c', 'u')] })],
      {
        message: `The kubeconfig sets no current-context; ${FALLBACK}.`,
        fix: 'Pick one of its 2 context(s) here, or run `kubectl config use-context NAME`.',
      },
    ],
    [
      'a current-context that is not defined',
      'home',
      [ok('/a', { contexts: [ctx('x', 'c', 'u')], currentContext: 'gone' })],
      {
        message: 'The kubeconfig\'s current-context "gone" is not defined in it.',
        fix: 'Pick a context here, or run `kubectl config use-context NAME` with a context `kubectl config get-contexts` lists.',
      },
    ],
  ] as const)('%s', (_n, source, files, want) => {
    expect(probe(source, files as unknown as LoadedFile[])).toEqual(want);
  });
});

describe('selectContext: message and fix', () => {
  const m = mergeKubeconfigs('home', [
    ok('/a', {
      clusters: [cluster('c1')],
      users: [user('u1')],
      contexts: [
        ctx('dev', 'c1', 'u1'),
        ctx('orphan', 'missing', 'u1'),
        ctx('nouser', 'c1', 'ghost'),
        ctx('anon', 'c1', ''),
      ],
      currentContext: 'dev',
    }),
  ]);
  it.each([
    [
      'a context naming a missing cluster',
      'orphan',
      {
        message: 'Context "orphan" names cluster "missing", which the kubeconfig does not define.',
        fix: 'Add the cluster "missing" to the kubeconfig or pick another context.',
      },
    ],
    [
      'a context naming a missing user',
      'nouser',
      {
        message: 'Context "nouser" names user "ghost", which the kubeconfig does not define.',
        fix: 'Add the user "ghost" to the kubeconfig or pick another context.',
      },
    ],
    [
      'an unknown context',
      'prod',
      {
        message: 'The kubeconfig has no context "prod" (it has: dev, orphan, nouser, anon).',
        fix: 'Pick one of the listed contexts.',
      },
    ],
  ])('%s', (_n, requested, want) => {
    expect(selectContext(m, requested)).toEqual(want);
  });
  it('a context without a user is usable (anonymous)', () => {
    expect(selectContext(m, 'anon')).toEqual({
      context: ctx('anon', 'c1', ''),
      cluster: cluster('c1'),
    });
  });
  it('an empty request means the current context', () => {
    expect(selectContext(m, '')).toEqual({
      context: ctx('dev', 'c1', 'u1'),
      cluster: cluster('c1'),
    });
  });
  it('with no context at all, the list says none', () => {
    expect(selectContext(mergeKubeconfigs('home', [ok('/e', {})]), 'x')).toEqual({
      message: 'The kubeconfig has no context "x" (it has: none).',
      fix: 'Pick one of the listed contexts.',
    });
  });
});
