import 'server-only';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bundledChartFor } from '../install/bundled-chart';
import { chartSourceSchema, resolveChart, vendorChartVersion } from '../install/request';
import {
  RequestProblems,
  resolveAnswers,
  resolveTarget,
  targetSchema,
  type Problem,
} from '../target';
import { kubeConfigFor, KubeconfigError } from '../cluster/kubeconfig';
import {
  plansExternalProbes,
  preflightChecks,
  type PreflightDeps,
  type PreflightRequest,
} from './index';
import { semaphore } from '../pool';
import { probeLimiter } from './probe-limit';
import type { CheckResult, PreflightPlan } from './result';
import { runChecks } from './runner';

/** POST /api/preflight and the CLI: the target (names validated like the install's) and the answers. */
export const preflightRequestSchema = targetSchema.extend({
  answers: z.unknown(),
  /** The chart the install will use, for the dry run (default: Lightrun's published chart, as the install's). */
  chart: chartSourceSchema.optional(),
});

const fsProbe = {
  isDir: (p: string) => existsSync(p) && statSync(p).isDirectory(),
  isFile: (p: string) => existsSync(p) && statSync(p).isFile(),
  resolve: (p: string) => path.resolve(p),
};

/** Validates the request (throws RequestProblems naming each field) into what the checks need. */
export function resolvePreflight(body: {
  answers: unknown;
  context?: string;
  namespace?: string;
  release?: string;
  chart?: z.infer<typeof chartSourceSchema>;
}): PreflightRequest {
  const problems: Problem[] = [];
  const collect = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof RequestProblems)) throw e;
      problems.push(...e.problems);
      return null;
    }
  };
  const answers = collect(() => resolveAnswers(body.answers));
  // The plan's profile picks the bundled chart (chart/ or chart-3.50/) and the published version.
  const chart = collect(() =>
    resolveChart(
      body.chart,
      bundledChartFor(answers?.chart),
      fsProbe,
      vendorChartVersion(answers?.chart),
    ),
  );
  // Without an explicit target, the answers' own release name and namespace.
  const target = collect(() =>
    resolveTarget({
      ...body,
      namespace: body.namespace || answers?.release.namespace,
      release: body.release || answers?.release.name,
    }),
  );
  if (!answers || !target || !chart) throw new RequestProblems(problems); // every problem at once
  return { ...target, answers, chart };
}

/** The cluster connection for the context; a bad kubeconfig becomes the API check's failure, not an exception. */
export function kubeFor(
  context: string | null,
  env: NodeJS.ProcessEnv = process.env,
): PreflightDeps['kube'] {
  try {
    return { kc: kubeConfigFor(context ?? undefined, env) };
  } catch (e) {
    if (e instanceof KubeconfigError)
      return { error: `${e.problem.message} ${e.problem.fix}`.trim() };
    throw e;
  }
}

/**
 * Runs that connect to hosts the answers name, per caller, for this server process
 * (probe-limit.ts): the route's caller is the client the server stamped, the CLI its own.
 */
export const externalProbes = probeLimiter();

/**
 * Preflights that run their checks at once in this server; the others wait their turn (their
 * plan is already on the page). Each holds API clients, TLS handshakes and probes: twenty at once
 * stalled every other request of the server for seconds (docs/security.md).
 */
export const MAX_CONCURRENT_PREFLIGHTS = 4;
const preflightSlots = semaphore(MAX_CONCURRENT_PREFLIGHTS);

/** The CLI's caller name: a terminal user can reach the same hosts without the wizard. */
export const CLI_CALLER = 'cli';

function depsFor(req: PreflightRequest, env: NodeJS.ProcessEnv, caller: string): PreflightDeps {
  return {
    kube: kubeFor(req.context, env),
    chartDir: bundledChartFor(req.answers.chart),
    probesRetryAfter: plansExternalProbes(req.answers)
      ? externalProbes.take(caller, Date.now())
      : 0,
  };
}

/** Every check for this request against the real cluster and services, yielded as each finishes (the CLI). */
export function preflight(
  req: PreflightRequest,
  signal?: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): AsyncGenerator<CheckResult> {
  return runChecks(preflightChecks(req, depsFor(req, env, CLI_CALLER)), signal);
}

/**
 * The route's stream: first the plan (every check that will report), then each result as it
 * finishes. `caller` is who asked (lib/http/server-state.ts `requestSource`).
 */
export async function* preflightStream(
  req: PreflightRequest,
  caller: string,
  signal?: AbortSignal,
  env: NodeJS.ProcessEnv = process.env,
): AsyncGenerator<PreflightPlan | CheckResult> {
  const checks = preflightChecks(req, depsFor(req, env, caller));
  yield { plan: checks.map((c) => ({ id: c.id, title: c.title, timeoutMs: c.timeoutMs })) };
  const release = await preflightSlots.acquire(signal);
  try {
    yield* runChecks(checks, signal);
  } finally {
    release();
  }
}
