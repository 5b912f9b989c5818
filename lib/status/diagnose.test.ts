import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosePod, schedulingFix } from './diagnose';
import type { EventLike, PodLike, PvcLike } from './k8s-types';

const fx = path.join(__dirname, '__fixtures__');
const read = <T>(p: string): T => JSON.parse(fs.readFileSync(path.join(fx, p), 'utf8')) as T;
const pod = (n: string) => read<PodLike>(`pods/${n}.json`);
const events = (n: string) => read<EventLike[]>(`events/${n}.json`);
const T = (iso: string) => Date.parse(iso);
const BAD = 'lightruncom/server:does-not-exist';
const PULL_FIX =
  'Check that the tag "does-not-exist" exists in the registry for this image and that the answers name it exactly; if the registry is private, check the image pull secret and that it exists in namespace lightrun.';
const NOT_FOUND = `failed to pull and unpack image "docker.io/${BAD}": failed to resolve reference "docker.io/${BAD}": docker.io/${BAD}: not found`;

describe('diagnosePod', () => {
  it('ImagePullBackOff: names image and quotes the registry message from the Failed event; not found is certain at once', () => {
    expect(
      diagnosePod({
        pod: pod('image-pull-backoff'),
        events: events('image-pull-backoff'),
        nowMs: T('2026-12-01T20:00:15Z'),
      }),
    ).toEqual({
      reason: 'ImagePullBackOff',
      message: `Container server cannot pull image ${BAD}: Error: ErrImagePull`.replace(
        'Error: ErrImagePull',
        `Failed to pull image "${BAD}": rpc error: code = NotFound desc = ${NOT_FOUND}`,
      ),
      fix: PULL_FIX,
      pod: 'lightrun-backend-5d8f7-a7',
      container: 'server',
      image: BAD,
      certain: true,
    });
  });

  it('ErrImagePull: the waiting message is the registry answer', () => {
    expect(
      diagnosePod({ pod: pod('err-image-pull'), events: [], nowMs: T('2026-12-01T20:00:05Z') }),
    ).toEqual({
      reason: 'ErrImagePull',
      message: `Container server cannot pull image ${BAD}: ${NOT_FOUND}`,
      fix: PULL_FIX,
      pod: 'lightrun-backend-5d8f7-a6',
      container: 'server',
      image: BAD,
      certain: true,
    });
  });

  it('a back-off without a fatal registry answer becomes certain after 60 s (boundary)', () => {
    const p = pod('image-pull-backoff');
    const ev: EventLike[] = [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off pulling image',
        involvedObject: {
          kind: 'Pod',
          name: p.metadata!.name!,
          fieldPath: 'spec.containers{server}',
        },
        firstTimestamp: '2026-12-01T20:00:10Z',
        lastTimestamp: '2026-12-01T20:00:10Z',
      },
    ];
    expect(diagnosePod({ pod: p, events: ev, nowMs: T('2026-12-01T20:01:09.999Z') })?.certain).toBe(
      false,
    );
    expect(diagnosePod({ pod: p, events: ev, nowMs: T('2026-12-01T20:01:10Z') })?.certain).toBe(
      true,
    );
  });

  it('CrashLoopBackOff: exit code, restarts, last log lines', () => {
    expect(
      diagnosePod({
        pod: pod('crash-loop-backoff'),
        events: events('crash-loop-backoff'),
        logs: { server: ['Starting Lightrun', 'Communications link failure'] },
        nowMs: T('2026-12-01T20:05:00Z'),
      }),
    ).toEqual({
      reason: 'CrashLoopBackOff',
      message: 'Container server exited with code 1 (Error) and has restarted 5 times.',
      fix: 'Read the last log lines: a wrong database or message-queue host or credential, or an invalid license, are the usual causes. Fix the answer and upgrade.',
      pod: 'lightrun-backend-5d8f7-a8',
      container: 'server',
      logs: ['Starting Lightrun', 'Communications link failure'],
      certain: true,
    });
  });

  it('CrashLoopBackOff with logs unavailable says so', () => {
    const d = diagnosePod({
      pod: pod('crash-loop-backoff'),
      events: [],
      logs: { server: null },
      nowMs: 0,
    });
    expect(d?.message).toBe(
      'Container server exited with code 1 (Error) and has restarted 5 times. Logs unavailable: the node gave none.',
    );
    expect(d?.logs).toBeUndefined();
  });

  it('crash loop is certain from 3 restarts (boundary 2 → not certain)', () => {
    const p = pod('crash-loop-backoff');
    p.status!.containerStatuses![0]!.restartCount = 2;
    expect(diagnosePod({ pod: p, events: [], nowMs: 0 })?.certain).toBe(false);
    p.status!.containerStatuses![0]!.restartCount = 3;
    expect(diagnosePod({ pod: p, events: [], nowMs: 0 })?.certain).toBe(true);
  });

  it('OOMKilled names the memory limit', () => {
    const p = pod('oom-killed');
    p.spec!.containers![0]!.resources = { limits: { memory: '2Gi' } };
    expect(diagnosePod({ pod: p, events: [], nowMs: 0 })).toEqual({
      reason: 'OOMKilled',
      message: 'Container server exited with code 137 (OOMKilled) and has restarted 1 times.',
      fix: 'The container ran out of memory (limit 2Gi). Choose a larger sizing profile or raise its memory limit, then upgrade.',
      pod: 'lightrun-backend-5d8f7-a9',
      container: 'server',
      certain: false,
    });
  });

  it("Unschedulable: the condition's current verdict, not an older FailedScheduling event; certain after 60 s", () => {
    const input = { pod: pod('pending-unschedulable'), events: events('pending-unschedulable') };
    const msg =
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(diagnosePod({ ...input, nowMs: T('2026-12-01T20:00:59Z') })).toEqual({
      reason: 'Unschedulable',
      message: `Pod lightrun-backend-5d8f7-a3 cannot be scheduled: ${msg}`,
      fix: "No node has enough free cpu for this pod's requests. Choose a smaller sizing profile, or add nodes (or larger ones).",
      pod: 'lightrun-backend-5d8f7-a3',
      certain: false,
    });
    expect(diagnosePod({ ...input, nowMs: T('2026-12-01T20:01:00Z') })?.certain).toBe(true);
  });

  it('Unschedulable without events uses the PodScheduled condition message', () => {
    expect(diagnosePod({ pod: pod('pending-unschedulable'), events: [], nowMs: 0 })?.message).toBe(
      'Pod lightrun-backend-5d8f7-a3 cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('unbound PVC: storage class and the provisioner message; a missing class is certain', () => {
    const d = diagnosePod({
      pod: read<PodLike>('diagnose/pvc-pending-pod.json'),
      events: events('pvc-unbound'),
      pvcs: [read<PvcLike>('pvcs/data-lightrun-mysql-0.json')],
      nowMs: T('2026-12-01T20:00:20Z'),
    });
    expect(d).toEqual({
      reason: 'PersistentVolumeClaimPending',
      message:
        'PersistentVolumeClaim data-lightrun-mysql-0 is Pending (storage class fast-ssd): storageclass.storage.k8s.io "fast-ssd" not found',
      fix: 'Storage class "fast-ssd" does not exist on this cluster. Set the storage class in the answers to one that exists (kubectl get storageclass) and upgrade.',
      pod: 'lightrun-mysql-0',
      certain: true,
    });
  });

  it('readiness probe failing: its last Unhealthy event, never certain', () => {
    expect(
      diagnosePod({
        pod: pod('running-not-ready-probe'),
        events: events('running-not-ready-probe'),
        nowMs: 0,
      }),
    ).toEqual({
      reason: 'ReadinessProbeFailed',
      message:
        'Container server is running but not ready: Readiness probe failed: HTTP probe failed with statuscode: 503 (12 times)',
      fix: 'The application is up but fails its readiness check. The backend can take a few minutes on first start; if this continues, read its logs and check the database, message queue and license answers.',
      pod: 'lightrun-backend-5d8f7-a2',
      container: 'server',
      certain: false,
    });
  });

  it('init container waiting for the database', () => {
    const p = pod('init-progress');
    // wait-for-db still running, wait-for-mq not started yet.
    const [db, mq] = p.status!.initContainerStatuses!;
    p.status!.initContainerStatuses = [
      { ...mq!, name: 'wait-for-db' },
      { ...db!, name: 'wait-for-mq', state: { waiting: { reason: 'PodInitializing' } } },
    ];
    expect(diagnosePod({ pod: p, events: [], logs: { 'wait-for-db': null }, nowMs: 0 })).toEqual({
      reason: 'InitWaiting',
      message:
        'Init container wait-for-db is still running: the pod is waiting for the database. Logs unavailable: the node gave none.',
      fix: 'Check that the database is up and reachable from the cluster at the host and port in the answers (run the preflight checks); an in-chart database may simply still be starting.',
      pod: 'lightrun-backend-5d8f7-b3',
      container: 'wait-for-db',
      certain: false,
    });
  });

  it('init container wait-for-mq running after wait-for-db completed', () => {
    expect(diagnosePod({ pod: pod('init-progress'), events: [], nowMs: 0 })?.message).toBe(
      'Init container wait-for-mq is still running: the pod is waiting for the message queue.',
    );
  });

  it('init crash loop: database fix, certain only from 5 restarts', () => {
    const p = pod('init-crash-loop');
    const d = diagnosePod({ pod: p, events: [], nowMs: 0 });
    expect(d).toEqual({
      reason: 'CrashLoopBackOff',
      message: 'Init container wait-for-db exited with code 1 (Error) and has restarted 3 times.',
      fix: 'Check that the database is reachable from the cluster at the host and port in the answers and that its credentials are right (run the preflight checks), then upgrade.',
      pod: 'lightrun-backend-5d8f7-b5',
      container: 'wait-for-db',
      certain: false,
    });
    p.status!.initContainerStatuses![0]!.restartCount = 5;
    expect(diagnosePod({ pod: p, events: [], nowMs: 0 })?.certain).toBe(true);
  });

  it('evicted pod: failed phase, certain', () => {
    expect(diagnosePod({ pod: pod('evicted'), events: [], nowMs: 0 })).toEqual({
      reason: 'Evicted',
      message:
        'Pod lightrun-backend-5d8f7-c5 failed: The node was low on resource: memory. Threshold quantity: 100Mi, available: 90Mi.',
      fix: 'The node ran short of a resource and evicted the pod; its controller starts a new one. Give the nodes more memory/disk or choose a smaller sizing profile.',
      pod: 'lightrun-backend-5d8f7-c5',
      certain: true,
    });
  });

  it('CreateContainerConfigError names the missing Secret', () => {
    const p = pod('container-creating');
    p.status!.containerStatuses![0]!.state = {
      waiting: {
        reason: 'CreateContainerConfigError',
        message: 'secret "lightrun-backend" not found',
      },
    };
    expect(diagnosePod({ pod: p, events: [], nowMs: T('2026-12-01T20:01:00Z') })).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'Container server cannot be created: secret "lightrun-backend" not found',
      fix: 'Create the Secret or ConfigMap it names with the keys the Secrets step lists (or let the chart create it), then upgrade.',
      pod: 'lightrun-backend-5d8f7-a5',
      container: 'server',
      certain: true,
    });
  });

  it.each([
    'running-ready',
    'completed',
    'container-creating',
    'init-pod-initializing',
    'terminating',
  ])('%s: nothing to explain', (name) => {
    expect(diagnosePod({ pod: pod(name), events: [], nowMs: 0 })).toBeUndefined();
  });

  it('a FailedMount warning on a pending pod is shown', () => {
    const p = pod('container-creating');
    const ev: EventLike[] = [
      {
        type: 'Warning',
        reason: 'FailedMount',
        message: 'MountVolume.SetUp failed for volume "tls" : secret "lr-tls" not found',
        involvedObject: { kind: 'Pod', name: p.metadata!.name! },
        lastTimestamp: '2026-12-01T20:00:10Z',
      },
    ];
    expect(diagnosePod({ pod: p, events: ev, nowMs: 0 })).toEqual({
      reason: 'FailedMount',
      message: 'FailedMount: MountVolume.SetUp failed for volume "tls" : secret "lr-tls" not found',
      fix: 'Read the event message; it names the missing or failing piece.',
      pod: 'lightrun-backend-5d8f7-a5',
      certain: false,
    });
  });
});

describe('schedulingFix', () => {
  it.each([
    [
      '0/3 nodes are available: 3 Insufficient memory.',
      "No node has enough free memory for this pod's requests. Choose a smaller sizing profile, or add nodes (or larger ones).",
    ],
    [
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
      "No node has the labels this pod's node selector or affinity asks for. Fix the node selector in the answers or label a node.",
    ],
    [
      '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: db}.',
      'Every node has a taint this pod does not tolerate. Add a toleration in the answers or remove the taint from a node.',
    ],
    [
      '0/3 nodes are available: 3 Too many pods.',
      'The nodes are full (pod limit). Add nodes or remove unused pods.',
    ],
    [
      'something else',
      "Read the scheduler's message and make room for the pod, or change the sizing and placement answers.",
    ],
  ])('%s', (message, fix) => {
    expect(schedulingFix(message)).toBe(fix);
  });
});
