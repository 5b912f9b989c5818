import 'server-only';
/**
 * The install team's server API: each route and CLI command calls one of these. Inputs are
 * validated (request.ts) before anything reaches helm or the cluster.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { bundledChartFor } from './bundled-chart';
import { kubeConfigFor } from '../cluster/kubeconfig';
import { findHelm } from '../helm/find-helm';
import { makeRedactor, secretValuesOf } from '../helm/redact';
import { JobLog } from './job-log';
import { helmCli } from './helm-cli';
import { runInstallJob, type InstallPlan } from './job';
import { namespaceFeed } from './feed';
import { startJob, type JobRecord } from './registry';
import {
  DEFAULT_TIMEOUT_SECONDS,
  resolveChart,
  resolveSecrets,
  vendorChartVersion,
  type InstallRequest,
} from './request';
import { RequestProblems, resolveAnswers, resolveTarget } from '../target';

export const realFs = {
  isDir: (p: string) => existsSync(p) && statSync(p).isDirectory(),
  isFile: (p: string) => existsSync(p) && statSync(p).isFile(),
  resolve: (p: string) => path.resolve(p),
};

/** Names that are public anyway (never redacted: redacting them would garble every line). */
function publicNames(t: { namespace: string; release: string }, endpoint: string): string[] {
  return [t.namespace, t.release, ...endpoint.split('.')];
}

/**
 * Starts an install (or upgrade) job, or joins the one running for the same context/namespace/
 * release. Throws RequestProblems (bad input), KubeconfigError, HelmNotFoundError.
 */
export async function startInstall(
  req: InstallRequest,
  o: { now?: () => number } = {},
): Promise<{ job: JobRecord; joined: boolean }> {
  const problems: RequestProblems['problems'] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof RequestProblems)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  };
  // Every problem at once: target, chart and answers are checked before any is used.
  const target = attempt(() => resolveTarget(req));
  // The answers are read before the chart (their profile picks the bundled chart and the
  // published chart's version); their problems are still reported after the chart's.
  let answerProblems: RequestProblems | null = null;
  let answers: ReturnType<typeof resolveAnswers> | undefined;
  try {
    answers = resolveAnswers(req.answers);
  } catch (e) {
    if (!(e instanceof RequestProblems)) throw e;
    answerProblems = e;
  }
  const bundled = bundledChartFor(answers?.chart);
  const chart = attempt(() =>
    resolveChart(req.chart, bundled, realFs, vendorChartVersion(answers?.chart)),
  );
  if (answerProblems) problems.push(...answerProblems.problems);
  if (problems.length || !target || !chart || !answers) throw new RequestProblems(problems);
  const kc = kubeConfigFor(target.context ?? undefined);
  const bin = await findHelm();
  const endpoint = (answers.general as { endpoint: string }).endpoint;
  const redact = makeRedactor(secretValuesOf(answers, publicNames(target, endpoint)));
  const plan: Omit<InstallPlan, 'jobId'> = {
    answers,
    ...target,
    ...chart,
    localChart: req.chart?.source === 'dir' || req.chart?.source === 'tgz',
    ...(chart.chart === bundled ? { bundledChart: true } : {}),
    overrides: req.overrides ?? [],
    timeoutSeconds: req.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    secrets: resolveSecrets(answers, req.secrets),
  };
  const now = o.now ?? Date.now;
  const feed = namespaceFeed(kc, target.context, target.namespace);
  return startJob({ kind: 'install', ...target, answers, live: feed }, ({ id, log, signal }) =>
    runInstallJob(
      { ...plan, jobId: id },
      { helm: helmCli(bin, redact), valuesHelm: helmCli(bin, makeRedactor([])), kc, feed, now },
      log,
      signal,
    ),
  );
}

export type { JobLog };
