/**
 * What the wizard itself knows, for the support bundle (no cluster needed): the answers (secret
 * fields emptied, the values rendered with secrets masked) and the install job's event log.
 */
import type { Answers } from '../answers';
import { stripSecrets } from '../answers/strip-secrets';
import type { JobLog } from '../install/job-log';
import { eventLines } from '../status/event-text';
import { initialInstallState, reduceInstall } from '../status/reducer';
import { renderYaml } from '../values';
import { json, type Gathering } from './gathering';

export function putAnswers(g: Gathering, answers: Answers | undefined): void {
  if (!answers) return;
  g.put('answers/answers.json', json(stripSecrets(answers)));
  g.put('answers/values.yaml', renderYaml(answers, { maskSecrets: true }).values);
}

/** The job's events as they were logged, and as the CLI prints them; without a job, a note. */
export function putJobLog(g: Gathering, job: { log: JobLog } | undefined): void {
  if (!job) {
    g.notes.push(
      "No install job of the wizard's server is part of this bundle (taken from the CLI, or the server was restarted since): take the bundle from the install dashboard to include the job's event log.",
    );
    return;
  }
  const events = job.log.since(0);
  g.put(
    'job/events.ndjson',
    events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : ''),
  );
  let state = initialInstallState;
  const lines: string[] = [];
  for (const e of events) {
    lines.push(...eventLines(e, state));
    state = reduceInstall(state, e);
  }
  g.put('job/events.txt', `${lines.join('\n')}\n`);
}
