// The job's step logic with fakes at its seams (helm, kube ops, feed); real temp files.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type * as k8s from '@kubernetes/client-node';
import { completeAnswers, validateAnswers, type Answers } from '../answers';
import { renderValues } from '../values';
import type { RunResult } from '../helm/spawn';
import type { HelmCli } from './helm-cli';
import {
  killedMessage,
  prefetchExpected,
  recordReader,
  runInstallJob,
  type InstallPlan,
  type JobDeps,
  type KubeOps,
} from './job';
import { JobLog } from './job-log';
import type { FeedEvent } from './feed';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

function example(name: string): Answers {
  const p = validateAnswers(
    completeAnswers(
      parse(
        readFileSync(path.join(__dirname, '..', '..', 'examples', name, 'answers.yaml'), 'utf8'),
      ),
    ),
  );
  if (!p.success) throw new Error('invalid');
  return p.data;
}

const ok = (stdout = ''): RunResult => ({
  code: 0,
  signal: null,
  stdout,
  stderr: '',
  cancelled: false,
});
const fail = (stderr: string): RunResult => ({
  code: 1,
  signal: null,
  stdout: '',
  stderr,
  cancelled: false,
});
const MANIFEST =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: lr-backend\n  labels:\n    app.kubernetes.io/component: backend\nspec:\n  replicas: 1\n';
const readyDeployment = {
  metadata: { name: 'lr-backend', generation: 1, resourceVersion: '5' },
  spec: { replicas: 1 },
  status: {
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    availableReplicas: 1,
    readyReplicas: 1,
  },
};

interface Fake {
  calls: string[][];
  seenValues: Array<{ file: string; mode: number; text: string }>;
}

function setup(
  answers: Answers,
  helmAnswers: Record<string, RunResult | ((args: string[], fake: Fake) => RunResult)>,
  feedEvents: FeedEvent[] = [],
) {
  const fake: Fake = { calls: [], seenValues: [] };
  const helm: HelmCli = {
    bin: {
      path: '/fake/helm',
      source: 'PATH',
      version: { major: 4, minor: 3, patch: 1, raw: 'v4.3.1' },
    },
    redact: (t) => t,
    async run(args, o) {
      fake.calls.push(args);
      const r = helmAnswers[args[0] === 'get' ? `get ${args[1]}` : args[0]!];
      const res = typeof r === 'function' ? r(args, fake) : (r ?? ok());
      for (const l of res.stdout.split('\n').filter(Boolean)) o?.onLine?.('stdout', l);
      return res;
    },
  };
  const kube: KubeOps = {
    ensureNamespace: async () => 'created',
    existingSecrets: async () => new Set<string>(),
    createSecret: async () => undefined,
  };
  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'lw-job-test-'));
  roots.push(tmpRoot);
  const deps: JobDeps = {
    helm,
    kube,
    tmpRoot,
    kc: {} as k8s.KubeConfig,
    now: () => Date.parse('2026-12-01T20:00:00Z'),
    feed: (on) => {
      queueMicrotask(() => feedEvents.forEach(on));
      return () => undefined;
    },
  };
  const plan: InstallPlan = {
    jobId: 'j1',
    answers,
    context: null,
    namespace: 'ns',
    release: 'lr',
    chart: '/chart',
    overrides: ['ingress-class'],
    timeoutSeconds: 60,
    secrets: { mode: 'manifest' },
  };
  return { fake, deps, plan, tmpRoot };
}

const captureValues = (args: string[], fake: Fake): RunResult => {
  const file = args.find((a) => a.startsWith('--values='))!.slice('--values='.length);
  fake.seenValues.push({
    file,
    mode: statSync(file).mode & 0o777,
    text: readFileSync(file, 'utf8'),
  });
  return ok('Release "lr" does not exist. Installing it now.');
};

describe('runInstallJob', () => {
  it('runs every step in order and succeeds when the expected workload is ready', async () => {
    const { fake, deps, plan, tmpRoot } = setup(
      example('quick-default'),
      {
        history: fail('Error: release: not found'),
        upgrade: captureValues,
        'get manifest': ok(MANIFEST),
      },
      [{ kind: 'Deployment', type: 'ADDED', object: readyDeployment }],
    );
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('succeeded');
    const seq = log.since(0).map((e) => (e.type === 'step' ? `${e.step}:${e.state}` : e.type));
    expect(seq).toEqual([
      'job',
      'override',
      'namespace:running',
      'namespace:done',
      'secrets:skipped',
      'helm:running',
      'helm-output',
      'helm:done',
      'expected',
      'wait:running',
      'workload',
      'wait:done',
      'done',
    ]);
    expect(log.since(0)[0]).toMatchObject({
      type: 'job',
      action: 'install',
      helmVersion: 'v4.3.1',
    });
    expect(fake.calls.map((c) => c.slice(0, 2).join(' '))).toEqual([
      'history --namespace=ns',
      'upgrade --install',
      'get manifest',
    ]);
    expect(fake.seenValues[0]!.mode).toBe(0o600);
    expect(fake.seenValues[0]!.text).toContain('Example-Db-Pass-1');
    expect(existsSync(fake.seenValues[0]!.file)).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('pods of the release are streamed from the start of helm, before the wait step; other pods are not', async () => {
    const pod = (name: string, release: string) => ({
      metadata: {
        name,
        resourceVersion: '7',
        labels: { 'app.kubernetes.io/instance': release },
        creationTimestamp: '2026-12-01T20:00:00Z',
      },
      spec: { containers: [{ name: 'c', image: 'x:1' }] },
      status: { phase: 'Pending' },
    });
    const { deps, plan } = setup(
      example('quick-default'),
      {
        history: fail('Error: release: not found'),
        upgrade: ok(),
        'get manifest': ok(MANIFEST),
      },
      [
        { kind: 'Pod', type: 'ADDED', object: pod('lr-backend-1', 'lr') },
        { kind: 'Pod', type: 'ADDED', object: pod('other-1', 'other') },
        { kind: 'Deployment', type: 'ADDED', object: readyDeployment },
      ],
    );
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('succeeded');
    const seq = log
      .since(0)
      .map((e) =>
        e.type === 'step'
          ? `${e.step}:${e.state}`
          : e.type === 'pod'
            ? `pod:${e.pod.name}`
            : e.type,
      );
    expect(seq.indexOf('pod:lr-backend-1')).toBeGreaterThan(seq.indexOf('helm:running'));
    expect(seq.indexOf('pod:lr-backend-1')).toBeLessThan(seq.indexOf('helm:done'));
    expect(seq.filter((x) => x === 'pod:lr-backend-1')).toHaveLength(2); // again from the wait step, with its component
    expect(seq).not.toContain('pod:other-1');
  });

  it("a failing helm ends the job failed with helm's own message, and the values are removed", async () => {
    const { fake, deps, plan, tmpRoot } = setup(example('quick-default'), {
      history: fail('Error: release: not found'),
      upgrade: (a, f) => {
        captureValues(a, f);
        return fail(
          "Error: INSTALLATION FAILED: values don't meet the specifications of the schema",
        );
      },
    });
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    expect(log.since(0).at(-1)).toMatchObject({
      type: 'done',
      outcome: 'failed',
      summary: ["Error: INSTALLATION FAILED: values don't meet the specifications of the schema"],
    });
    expect(fake.calls.some((c) => c[0] === 'get')).toBe(false);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('after a failing helm the summary adds what the pods say, read before anything is cleaned up', async () => {
    const pod = JSON.parse(
      readFileSync(
        path.join(__dirname, '..', 'status', '__fixtures__', 'pods', 'image-pull-backoff.json'),
        'utf8',
      ),
    );
    const { deps, plan } = setup(
      example('quick-default'),
      {
        history: fail('Error: release: not found'),
        upgrade: fail('Error: UPGRADE FAILED: context deadline exceeded'),
      },
      [
        { kind: 'Pod', type: 'SYNC', items: [pod] },
        { kind: 'Event', type: 'SYNC', items: [] },
      ],
    );
    plan.release = 'lightrun';
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    const done = log.since(0).at(-1);
    expect(done?.type === 'done' && done.summary.slice(0, 2)).toEqual([
      'Error: UPGRADE FAILED: context deadline exceeded',
      'lightrun-backend-5d8f7-a7: ImagePullBackOff (container server, image lightruncom/server:does-not-exist): Container server cannot pull image lightruncom/server:does-not-exist: Back-off pulling image "lightruncom/server:does-not-exist"',
    ]);
  });

  it("with the release records readable (helm's default driver) history and manifest come from them, not from helm processes", async () => {
    const { fake, deps, plan } = setup(example('quick-default'), { upgrade: ok() }, [
      { kind: 'Deployment', type: 'ADDED', object: readyDeployment },
    ]);
    let lists = 0;
    const rec = (v: string, status: string, manifest: string) => ({
      metadata: {
        name: `sh.helm.release.v1.lr.v${v}`,
        labels: { owner: 'helm', name: 'lr', version: v, status },
      },
      type: 'helm.sh/release.v1',
      data: {
        release: Buffer.from(
          gzipSync(Buffer.from(JSON.stringify({ manifest }))).toString('base64'),
        ).toString('base64'),
      },
    });
    deps.kube = {
      ...deps.kube!,
      releaseRecords: async (_kc, ns, release) => {
        lists++;
        expect([ns, release]).toEqual(['ns', 'lr']);
        return lists === 1 ? [] : [rec('1', 'deployed', MANIFEST)];
      },
    };
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('succeeded');
    expect(fake.calls.map((c) => c[0])).toEqual(['upgrade']);
    expect(lists).toBe(2);
    expect(log.since(0)[0]).toMatchObject({ type: 'job', action: 'install' });
    expect(log.since(0).find((e) => e.type === 'expected')).toMatchObject({
      workloads: [{ kind: 'Deployment', name: 'lr-backend' }],
    });
  });

  it('records saying pending-upgrade stop the job like helm history does; a failing records request falls back to helm', async () => {
    const rec = (v: string, status: string) => ({
      metadata: {
        name: `sh.helm.release.v1.lr.v${v}`,
        labels: { owner: 'helm', name: 'lr', version: v, status },
      },
      type: 'helm.sh/release.v1',
      data: {},
    });
    const a = setup(example('quick-default'), {});
    a.deps.kube = {
      ...a.deps.kube!,
      releaseRecords: async () => [rec('2', 'deployed'), rec('3', 'pending-upgrade')],
    };
    const log = new JobLog();
    expect(await runInstallJob(a.plan, a.deps, log, new AbortController().signal)).toBe('failed');
    expect(a.fake.calls).toEqual([]);
    expect(log.since(0).at(-1)).toMatchObject({
      type: 'done',
      summary: [
        expect.stringMatching(/stuck in pending-upgrade \(revision 3\).*roll back to revision 2/),
      ],
    });

    const b = setup(
      example('quick-default'),
      { history: fail('Error: release: not found'), upgrade: ok(), 'get manifest': ok(MANIFEST) },
      [{ kind: 'Deployment', type: 'ADDED', object: readyDeployment }],
    );
    b.deps.kube = {
      ...b.deps.kube!,
      releaseRecords: async () => {
        throw new Error('secrets is forbidden');
      },
    };
    expect(await runInstallJob(b.plan, b.deps, new JobLog(), new AbortController().signal)).toBe(
      'succeeded',
    );
    expect(b.fake.calls.map((c) => c.slice(0, 2).join(' '))).toEqual([
      'history --namespace=ns',
      'upgrade --install',
      'get manifest',
    ]);
  });

  it("the expected workloads are read from the new revision's record while helm runs; after helm no manifest is read", async () => {
    const { fake, deps, plan } = setup(example('quick-default'), {}, [
      { kind: 'Deployment', type: 'ADDED', object: readyDeployment },
    ]);
    const rec = (v: string, status: string, manifest: string) => ({
      metadata: {
        name: `sh.helm.release.v1.lr.v${v}`,
        labels: { owner: 'helm', name: 'lr', version: v, status },
      },
      type: 'helm.sh/release.v1',
      data: {
        release: Buffer.from(
          gzipSync(Buffer.from(JSON.stringify({ manifest }))).toString('base64'),
        ).toString('base64'),
      },
    });
    let helmRunning = false;
    const lists: boolean[] = [];
    deps.kube = {
      ...deps.kube!,
      releaseRecords: async () => {
        lists.push(helmRunning);
        return helmRunning ? [rec('1', 'pending-install', MANIFEST)] : [];
      },
    };
    deps.helm = {
      ...deps.helm,
      run: async (args) => {
        fake.calls.push(args);
        helmRunning = true;
        await new Promise((r) => setTimeout(r, 700));
        helmRunning = false;
        return ok();
      },
    };
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('succeeded');
    expect(lists[0]).toBe(false); // the history, before helm
    expect(lists.slice(1).every(Boolean)).toBe(true); // every later read happened while helm ran
    expect(lists.length).toBeGreaterThanOrEqual(2);
    expect(log.since(0).find((e) => e.type === 'expected')).toMatchObject({
      workloads: [{ kind: 'Deployment', name: 'lr-backend' }],
    });
  });

  it('HELM_DRIVER naming another storage: helm is asked even when records could be listed', () => {
    const kube = { releaseRecords: async () => [] } as unknown as KubeOps;
    expect(
      recordReader({} as k8s.KubeConfig, kube, 'ns', 'lr', { HELM_DRIVER: 'configmap' }),
    ).toBeNull();
    expect(recordReader({} as k8s.KubeConfig, kube, 'ns', 'lr', {})).toBeTypeOf('function');
    expect(recordReader({} as k8s.KubeConfig, {} as KubeOps, 'ns', 'lr', {})).toBeNull();
  });

  it('a release stuck pending-upgrade is not touched: the job says how to recover', async () => {
    const { fake, deps, plan } = setup(example('quick-default'), {
      history: ok(
        JSON.stringify([
          { revision: 1, status: 'superseded' },
          { revision: 2, status: 'deployed' },
          { revision: 3, status: 'pending-upgrade' },
        ]),
      ),
    });
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    expect(fake.calls.map((c) => c[0])).toEqual(['history']);
    expect(log.since(0).at(-1)).toMatchObject({
      type: 'done',
      outcome: 'failed',
      summary: [
        'Release lr is stuck in pending-upgrade (revision 3): a helm was stopped mid-operation. To recover, roll back to revision 2, the last one deployed (dashboard "Recover", or `npm run cli -- rollback --release lr --revision 2`).',
      ],
    });
  });

  // Issue 27: a plan over a release of the other chart (3.9.4 ↔ 3.50) went straight to helm.
  describe('a plan over a release that runs the other chart', () => {
    const deployed = ok(JSON.stringify([{ revision: 1, status: 'deployed' }]));
    const metadata = (contract: string) =>
      ok(
        JSON.stringify({
          name: 'lr',
          chart: 'lightrun',
          version: '0.1.0',
          annotations: { 'lightrun.com/values-contract': contract },
        }),
      );
    it('a 3.50 plan over a 3.9.4 release is refused before the namespace, Secrets or helm', async () => {
      const a = { ...example('quick-default'), chart: '3.50.0' as const };
      const { fake, deps, plan } = setup(a, {
        history: deployed,
        'get metadata': metadata('3.9.4'),
      });
      const log = new JobLog();
      expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
      expect(fake.calls.map((c) => c.slice(0, 2).join(' '))).toEqual([
        'history --namespace=ns',
        'get metadata',
      ]);
      const done = log.since(0).at(-1) as { summary: string[] };
      expect(done.summary[0]).toContain('runs chart 3.9.4');
      expect(done.summary[0]).toContain('upgrade-plan --release lr --namespace ns');
    });
    it('a 3.9.4 plan over a 3.50 release is refused too', async () => {
      const a = example('quick-default');
      const { fake, deps, plan } = setup(a, {
        history: deployed,
        'get metadata': metadata('3.50.0'),
      });
      const log = new JobLog();
      expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
      expect(fake.calls.some((c) => c[0] === 'upgrade')).toBe(false);
      expect((log.since(0).at(-1) as { summary: string[] }).summary[0]).toContain('§13.3');
    });
  });

  // Issue 25 #2: an upgrade whose values replace initialised secrets was applied on one click.
  describe('an upgrade that would replace secrets the release has initialised', () => {
    const deployed = ok(JSON.stringify([{ revision: 1, status: 'deployed' }]));
    const installed = (a: Answers) => {
      // What the release holds: these answers' values with another database password.
      const v = renderValues(a).values as { secrets: { db: { password: string } } };
      v.secrets.db.password = 'The-Old-Db-Pass-0';
      return ok(JSON.stringify(v));
    };
    it('is refused before the namespace, Secrets or helm, naming each secret and why', async () => {
      const a = example('quick-default');
      const { fake, deps, plan } = setup(a, { history: deployed, 'get values': installed(a) });
      const log = new JobLog();
      expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
      expect(fake.calls.map((c) => c.slice(0, 2).join(' '))).toEqual([
        'history --namespace=ns',
        'get metadata',
        'get values',
      ]);
      const done = log.since(0).at(-1);
      expect(done).toMatchObject({ type: 'done', outcome: 'failed' });
      const summary = (done as { summary: string[] }).summary;
      expect(summary[0]).toContain('Nothing was changed');
      expect(summary[0]).toContain('initialised-secrets');
      expect(summary.slice(1)).toEqual([
        expect.stringMatching(/^secrets\.db\.password: The database was initialised/),
      ]);
      expect(JSON.stringify(log.since(0))).not.toContain('The-Old-Db-Pass-0');
      expect(log.since(0)[0]).toMatchObject({ type: 'job', action: 'upgrade', revision: 2 });
    });
    it('goes ahead when the admin overrode it, and the log records the override', async () => {
      const a = example('quick-default');
      const { fake, deps, plan } = setup(
        a,
        {
          history: deployed,
          'get values': installed(a),
          upgrade: captureValues,
          'get manifest': ok(MANIFEST),
        },
        [{ kind: 'Deployment', type: 'ADDED', object: readyDeployment }],
      );
      plan.overrides = ['initialised-secrets'];
      const log = new JobLog();
      expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('succeeded');
      // the release's chart is read (get metadata), its values are not (overridden)
      expect(fake.calls.map((c) => c[0])).toEqual(['history', 'get', 'upgrade', 'get']);
      expect(log.since(0)[1]).toMatchObject({ type: 'override', check: 'initialised-secrets' });
    });
    it('an upgrade that keeps them goes ahead without an override', async () => {
      const a = example('quick-default');
      const { deps, plan } = setup(
        a,
        {
          history: deployed,
          'get values': ok(JSON.stringify(renderValues(a).values)),
          upgrade: captureValues,
          'get manifest': ok(MANIFEST),
        },
        [{ kind: 'Deployment', type: 'ADDED', object: readyDeployment }],
      );
      const log = new JobLog();
      expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('succeeded');
    });
  });

  it('secrets kept outside the chart and missing: fails before helm, naming each Secret and its keys', async () => {
    const { fake, deps, plan } = setup(example('secrets-outside'), {
      history: fail('Error: release: not found'),
    });
    deps.kube = {
      ...deps.kube!,
      existingSecrets: async () =>
        new Set([
          'lightrun-registry',
          'lightrun-server-tls',
          'lightrun-aes-key',
          'lightrun-keycloak-secrets',
        ]),
    };
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    expect(fake.calls.map((c) => c[0])).toEqual(['history']);
    const done = log.since(0).at(-1);
    expect(done).toMatchObject({ type: 'done', outcome: 'failed' });
    expect(done?.type === 'done' && done.summary[0]).toBe(
      'Secret lightrun-backend-secrets (Opaque) is missing in namespace ns: it needs keys SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD, SPRING_MAIL_PASSWORD, SPRING_DATASOURCE_USERNAME, SPRING_FLYWAY_USER, SPRING_DATASOURCE_PASSWORD, SPRING_FLYWAY_PASSWORD, KEYSTORE_PASSWORD, LICENSE_CONTENT, LICENSE_SIGNATURE (backend: license, database and message-queue credentials, keystore and first-login password).',
    );
  });

  it('secrets "create" creates only the missing ones, with the given values', async () => {
    const { deps, plan } = setup(example('secrets-outside'), {
      history: fail('Error: release: not found'),
      upgrade: fail('stop here'),
    });
    const created: string[] = [];
    deps.kube = {
      ...deps.kube!,
      existingSecrets: async () =>
        new Set([
          'lightrun-registry',
          'lightrun-server-tls',
          'lightrun-aes-key',
          'lightrun-keycloak-secrets',
        ]),
      createSecret: async (_kc, _ns, s) => {
        created.push(`${s.name}:${Object.keys(s.stringData).length}`);
      },
    };
    const keys = [
      'SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD',
      'SPRING_MAIL_PASSWORD',
      'SPRING_DATASOURCE_USERNAME',
      'SPRING_FLYWAY_USER',
      'SPRING_DATASOURCE_PASSWORD',
      'SPRING_FLYWAY_PASSWORD',
      'KEYSTORE_PASSWORD',
      'LICENSE_CONTENT',
      'LICENSE_SIGNATURE',
    ];
    plan.secrets = {
      mode: 'create',
      values: { 'lightrun-backend-secrets': Object.fromEntries(keys.map((k) => [k, 'v'])) },
    };
    const log = new JobLog();
    await runInstallJob(plan, deps, log, new AbortController().signal);
    expect(created).toEqual(['lightrun-backend-secrets:9']);
    expect(
      log.since(0).find((e) => e.type === 'step' && e.step === 'secrets' && e.state === 'done'),
    ).toMatchObject({
      message:
        'Created lightrun-backend-secrets; kept existing lightrun-keycloak-secrets, lightrun-aes-key, lightrun-server-tls, lightrun-registry',
    });
  });

  it('cancel during helm reports cancelled (helm got SIGTERM) and removes the values', async () => {
    const ac = new AbortController();
    const { deps, plan, tmpRoot } = setup(example('quick-default'), {
      history: fail('Error: release: not found'),
      upgrade: () => {
        ac.abort();
        return { ...fail('terminated'), cancelled: true, code: null, signal: 'SIGTERM' };
      },
    });
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, ac.signal)).toBe('cancelled');
    expect(log.since(0).at(-1)).toMatchObject({
      type: 'done',
      outcome: 'cancelled',
      summary: ['Cancelled by the admin: helm was stopped (SIGTERM).'],
    });
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it("helm killed by a signal (not the admin's cancel): failed, said in words, the values removed", async () => {
    const { deps, plan, tmpRoot } = setup(example('quick-default'), {
      history: fail('Error: release: not found'),
      upgrade: (a, f) => {
        captureValues(a, f);
        return { code: null, signal: 'SIGKILL', stdout: '', stderr: '', cancelled: false };
      },
    });
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    const expected =
      'helm was killed (signal SIGKILL) before it finished: release lr may be left pending-install or pending-upgrade. Install again: the wizard detects a stuck release and names the recovery (a rollback, or an uninstall when it never deployed).';
    expect(killedMessage('SIGKILL', 'lr')).toBe(expected);
    expect(log.since(0).at(-1)).toMatchObject({
      type: 'done',
      outcome: 'failed',
      summary: [expected],
    });
    expect(
      log.since(0).find((e) => e.type === 'step' && e.step === 'helm' && e.state === 'failed'),
    ).toMatchObject({ message: expected });
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('the namespace is asked for while the release state is read, not after its answer; the steps keep their order', async () => {
    const { deps, plan } = setup(example('quick-default'), { upgrade: fail('stop here') });
    const order: string[] = [];
    deps.kube = {
      ...deps.kube!,
      releaseRecords: () => {
        order.push('records asked');
        return new Promise((resolve) =>
          setTimeout(() => {
            order.push('records answered');
            resolve([]);
          }, 30),
        );
      },
      ensureNamespace: async () => {
        order.push('namespace asked');
        return 'created';
      },
    };
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    expect(order.slice(0, 3)).toEqual(['records asked', 'namespace asked', 'records answered']);
    expect(
      log
        .since(0)
        .map((e) => (e.type === 'step' ? `${e.step}:${e.state}` : e.type))
        .slice(0, 6),
    ).toEqual([
      'job',
      'override',
      'namespace:running',
      'namespace:done',
      'secrets:skipped',
      'helm:running',
    ]);
  });

  it('a temp dir that cannot take the values fails before anything reaches the cluster, naming the dir, no secret', async () => {
    const { fake, deps, plan, tmpRoot } = setup(example('quick-default'), {
      history: fail('Error: release: not found'),
    });
    const notADir = path.join(tmpRoot, 'file');
    writeFileSync(notADir, '');
    deps.tmpRoot = notADir;
    let touched = false;
    deps.kube = {
      ...deps.kube!,
      ensureNamespace: async () => {
        touched = true;
        return 'created';
      },
    };
    const log = new JobLog();
    expect(await runInstallJob(plan, deps, log, new AbortController().signal)).toBe('failed');
    expect(touched).toBe(false);
    expect(fake.calls.map((c) => c[0])).toEqual(['history']);
    const done = log.since(0).at(-1);
    expect(done).toMatchObject({
      type: 'done',
      outcome: 'failed',
      summary: [
        `Cannot write helm's values file in the temporary directory ${notADir}: it does not exist. Nothing was sent to the cluster. Free space there, or start the wizard with TMPDIR set to a private writable directory (the file is a few KB), then install again.`,
      ],
    });
    expect(log.since(0).map((e) => (e.type === 'step' ? `${e.step}:${e.state}` : e.type))).toEqual([
      'job',
      'override',
      'helm:failed',
      'done',
    ]);
  });

  it('the values file is gone once helm has returned, before the wait for readiness', async () => {
    const { deps, plan, tmpRoot } = setup(
      example('quick-default'),
      {
        history: fail('Error: release: not found'),
        upgrade: captureValues,
        'get manifest': ok(MANIFEST),
      },
      [{ kind: 'Deployment', type: 'ADDED', object: readyDeployment }],
    );
    const seen: string[][] = [];
    const feed = deps.feed;
    deps.feed = (on) => {
      seen.push(readdirSync(tmpRoot));
      return feed(on);
    };
    expect(await runInstallJob(plan, deps, new JobLog(), new AbortController().signal)).toBe(
      'succeeded',
    );
    // The pods are followed from the start of helm (the values are on disk then); the wait for
    // readiness subscribes after helm returned, and by then they are gone.
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]!.length).toBe(1);
    expect(seen.at(-1)).toEqual([]);
  });
});

describe('prefetchExpected', () => {
  const rec = (v: string, manifest: string) => ({
    metadata: {
      name: `sh.helm.release.v1.lr.v${v}`,
      labels: { owner: 'helm', name: 'lr', version: v, status: 'pending-upgrade' },
    },
    type: 'helm.sh/release.v1',
    data: {
      release: Buffer.from(
        gzipSync(Buffer.from(JSON.stringify({ manifest }))).toString('base64'),
      ).toString('base64'),
    },
  });
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('no reader: nothing, at once', async () => {
    expect(await prefetchExpected(null, 'lr', 0, 1).settle()).toBeNull();
  });
  it('polls until the first revision after the known one shows, and reads its workloads', async () => {
    let n = 0;
    const p = prefetchExpected(
      async () =>
        ++n < 3
          ? [rec('2', 'kind: Job\nmetadata: {name: old}\n')]
          : [
              rec('2', 'x: 1'),
              rec('3', MANIFEST),
              rec('4', 'kind: Job\nmetadata: {name: later}\n'),
            ],
      'lr',
      2,
      2,
    );
    await wait(100);
    expect(await p.settle()).toEqual({
      revision: 3,
      expected: [{ kind: 'Deployment', name: 'lr-backend', component: 'backend', replicas: 1 }],
    });
    expect(n).toBe(3); // stopped polling once found
  });
  it('settled before the revision shows: null, and polling stops', async () => {
    let n = 0;
    const p = prefetchExpected(
      async () => {
        n++;
        return [rec('1', MANIFEST)];
      },
      'lr',
      1,
      2,
    );
    await wait(30);
    expect(await p.settle()).toBeNull();
    const after = n;
    await wait(30);
    expect(n).toBe(after);
    expect(after).toBeGreaterThan(0);
  });
  it('a failing read or an unreadable record gives null (the manifest is read after helm instead)', async () => {
    const a = prefetchExpected(
      async () => {
        throw new Error('forbidden');
      },
      'lr',
      0,
      1,
    );
    await wait(20);
    expect(await a.settle()).toBeNull();
    const bad = rec('1', MANIFEST);
    bad.data.release = 'bm90IGd6aXA=';
    const b = prefetchExpected(async () => [bad], 'lr', 0, 1);
    await wait(20);
    expect(await b.settle()).toBeNull();
  });
});
