/**
 * "Why not ready" for one container (init or main): image pulls, crash loops, OOM kills, missing
 * Secrets/ConfigMaps, init containers waiting for the database or message queue. PURE.
 */
import type { Diagnosis } from './events';
import {
  toMillis,
  type ContainerLike,
  type ContainerStatusLike,
  type EventLike,
} from './k8s-types';
import {
  CONFIG_ERROR_CERTAIN_MS,
  crashLoopCertain,
  lastedAtLeast,
  pullFailureCertain,
} from './readiness';

export interface ContainerContext {
  podName: string;
  namespace: string;
  createdMs: number;
  nowMs: number;
  /** Warning events of this pod, oldest first. */
  events: EventLike[];
  /** Last log lines per container; null: the node gave none; absent: not fetched. */
  logs: Record<string, string[] | null>;
}

const PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

/** Events about this container (fieldPath `spec.containers{name}` / `spec.initContainers{name}`). */
function containerEvents(ctx: ContainerContext, name: string, reasons: string[]): EventLike[] {
  return ctx.events.filter(
    (e) =>
      reasons.includes(e.reason ?? '') && (e.involvedObject?.fieldPath ?? '').endsWith(`{${name}}`),
  );
}

function firstSeen(events: EventLike[], fallback: number): number {
  const times = events
    .map((e) => toMillis(e.firstTimestamp ?? e.eventTime ?? e.lastTimestamp))
    .filter((t) => !Number.isNaN(t));
  return times.length ? Math.min(...times) : fallback;
}

/** The role an init container plays, guessed from its name (the chart's "wait-for-…" containers). */
export function waitTarget(name: string): 'database' | 'message queue' | null {
  if (/mysql|maria|postgres|database|(^|-)db($|-)/i.test(name)) return 'database';
  if (/rabbit|(^|-)mq($|-)|amqp/i.test(name)) return 'message queue';
  return null;
}

/** False only when the message quotes an image and it is not `image` (kubelet quotes it: "…"). */
function namesImage(message: string, image: string): boolean {
  const quoted = /image "([^"]+)"/.exec(message)?.[1];
  return !quoted || !image || quoted === image || quoted.endsWith(`/${image}`);
}

function imageDiagnosis(
  ctx: ContainerContext,
  cs: ContainerStatusLike,
  spec: ContainerLike | undefined,
): Diagnosis | undefined {
  const waiting = cs.state?.waiting;
  if (!waiting?.reason || !PULL_REASONS.has(waiting.reason)) return undefined;
  const image = spec?.image ?? cs.image ?? '';
  // kubelet sends two Failed events per attempt: "Failed to pull image …: <registry answer>" and
  // "Error: ErrImagePull"; only the first carries the answer.
  // An answer about another image (the spec changed since) is not evidence about this one.
  const failed = containerEvents(ctx, cs.name, ['Failed']).filter(
    (e) =>
      /pull|image/i.test(e.message ?? '') &&
      !/^Error: /.test(e.message ?? '') &&
      namesImage(e.message ?? '', image),
  );
  // ErrImagePull carries the registry's answer; ImagePullBackOff only says "Back-off pulling image".
  const registry =
    waiting.reason === 'ErrImagePull' && waiting.message
      ? waiting.message
      : (failed.at(-1)?.message ?? waiting.message ?? '');
  const tag = image.includes('@')
    ? image.slice(image.indexOf('@') + 1)
    : (image.split('/').at(-1)?.split(':')[1] ?? 'latest');
  const since = firstSeen(
    [...failed, ...containerEvents(ctx, cs.name, ['BackOff'])],
    ctx.createdMs,
  );
  return {
    reason: waiting.reason,
    message: `Container ${cs.name} cannot pull image ${image}: ${registry}`,
    fix: `Check that the tag "${tag}" exists in the registry for this image and that the answers name it exactly; if the registry is private, check the image pull secret and that it exists in namespace ${ctx.namespace}.`,
    pod: ctx.podName,
    container: cs.name,
    image,
    certain: pullFailureCertain(waiting.reason, registry, since, ctx.nowMs),
  };
}

function configDiagnosis(ctx: ContainerContext, cs: ContainerStatusLike): Diagnosis | undefined {
  const waiting = cs.state?.waiting;
  if (
    waiting?.reason !== 'CreateContainerConfigError' &&
    waiting?.reason !== 'CreateContainerError'
  )
    return undefined;
  const events = containerEvents(ctx, cs.name, ['Failed']);
  return {
    reason: waiting.reason,
    message: `Container ${cs.name} cannot be created: ${waiting.message ?? events.at(-1)?.message ?? ''}`,
    fix: 'Create the Secret or ConfigMap it names with the keys the Secrets step lists (or let the chart create it), then upgrade.',
    pod: ctx.podName,
    container: cs.name,
    certain: lastedAtLeast(firstSeen(events, ctx.createdMs), ctx.nowMs, CONFIG_ERROR_CERTAIN_MS),
  };
}

function crashFix(name: string, oom: boolean, limit: string | undefined): string {
  if (oom)
    return `The container ran out of memory${limit ? ` (limit ${limit})` : ''}. Choose a larger sizing profile or raise its memory limit, then upgrade.`;
  const target = waitTarget(name);
  if (target)
    return `Check that the ${target} is reachable from the cluster at the host and port in the answers and that its credentials are right (run the preflight checks), then upgrade.`;
  return 'Read the last log lines: a wrong database or message-queue host or credential, or an invalid license, are the usual causes. Fix the answer and upgrade.';
}

function crashDiagnosis(
  ctx: ContainerContext,
  cs: ContainerStatusLike,
  spec: ContainerLike | undefined,
  init: boolean,
): Diagnosis | undefined {
  const waiting = cs.state?.waiting;
  const current = cs.state?.terminated;
  const crashing =
    waiting?.reason === 'CrashLoopBackOff' || (current !== undefined && current.exitCode !== 0);
  if (!crashing) return undefined;
  const last = current ?? cs.lastState?.terminated;
  const oom = last?.reason === 'OOMKilled';
  const exit = last
    ? `exited with code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}`
    : 'keeps exiting';
  const logs = ctx.logs[cs.name];
  const logNote = logs === null ? ' Logs unavailable: the node gave none.' : '';
  return {
    reason: oom ? 'OOMKilled' : (waiting?.reason ?? last?.reason ?? 'Error'),
    message: `${init ? 'Init container' : 'Container'} ${cs.name} ${exit} and has restarted ${cs.restartCount} times.${logNote}`,
    fix: crashFix(cs.name, oom, spec?.resources?.limits?.memory),
    pod: ctx.podName,
    container: cs.name,
    ...(logs ? { logs } : {}),
    certain: crashLoopCertain(cs.restartCount, init),
  };
}

/** A running init container that the pod is still waiting for (typically "wait for the database"). */
function initWaitingDiagnosis(
  ctx: ContainerContext,
  cs: ContainerStatusLike,
): Diagnosis | undefined {
  if (!cs.state?.running) return undefined;
  const target = waitTarget(cs.name);
  const logs = ctx.logs[cs.name];
  return {
    reason: 'InitWaiting',
    message: `Init container ${cs.name} is still running${target ? `: the pod is waiting for the ${target}` : ''}.${logs === null ? ' Logs unavailable: the node gave none.' : ''}`,
    fix: target
      ? `Check that the ${target} is up and reachable from the cluster at the host and port in the answers (run the preflight checks); an in-chart ${target} may simply still be starting.`
      : 'Read its log lines to see what it waits for.',
    pod: ctx.podName,
    container: cs.name,
    ...(logs ? { logs } : {}),
    certain: false,
  };
}

/** The first reason one container is not ready, or undefined when it is fine or just starting. */
export function diagnoseContainer(
  ctx: ContainerContext,
  cs: ContainerStatusLike,
  spec: ContainerLike | undefined,
  init: boolean,
): Diagnosis | undefined {
  return (
    imageDiagnosis(ctx, cs, spec) ??
    configDiagnosis(ctx, cs) ??
    crashDiagnosis(ctx, cs, spec, init) ??
    (init && spec?.restartPolicy !== 'Always' ? initWaitingDiagnosis(ctx, cs) : undefined)
  );
}
