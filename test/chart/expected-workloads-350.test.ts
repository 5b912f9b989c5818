// The install job waits for the workloads expectedWorkloads reads from the release's manifest
// (lib/status/expected.ts). For a 3.50 plan that manifest is chart-3.50/'s: the expected list must
// name 3.50's workloads — Keycloak as a StatefulSet, artifacts, the router, crons, the queue, the
// data streamer when it is on — with their components, and nothing the chart does not create
// (no 3.9.4 nginx, no queue claim: RabbitMQ is on an emptyDir in 3.50).
import { afterAll, describe, expect, it } from 'vitest';
import { validAnswers } from '@/lib/answers/__fixtures__/valid-answers';
import { expectedWorkloads } from '@/lib/status/expected';
import { branchDefault } from '@/lib/answers/branches';
import { renderValues } from '@/lib/values';
import { helm, isWorkload, parseManifests, RELEASE as R } from './helm';
import { cleanup350, kwokSmall350, raw350, valuesFile } from './chart350';
import type { Answers } from '@/lib/answers';

afterAll(cleanup350);

/** A 3.50 plan as the wizard makes it: the quick path, its encryption key, the queue as chosen. */
function plan350(mq: 'off' | 'local' = 'local'): Answers {
  const a = { ...validAnswers(), chart: '3.50.0' as const };
  if (a.secrets.mode === 'chart') a.secrets.encryptionKey = btoa('k'.repeat(32));
  if (mq === 'local')
    a.messageQueue = {
      ...branchDefault('messageQueue', 'local'),
      user: 'mq-user',
      password: 'mq-password',
    } as Answers['messageQueue'];
  return a;
}

/** helm template of chart-3.50/ with the wizard's values file of the plan (and extra layers). */
function manifestOf(a: Answers, extra: object[] = []): string {
  const file = valuesFile(renderValues(a).values);
  const r = raw350(helm(), [file, kwokSmall350, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

const rows = (m: string) =>
  expectedWorkloads(m)
    .map((w) => `${w.kind}/${w.name} ${w.component} ×${w.replicas}`)
    .sort();

describe('expected workloads of a 3.50 plan on chart-3.50/', () => {
  it('the queue on: Keycloak a StatefulSet, artifacts, router, crons, queue, MySQL; nothing else', () => {
    const m = manifestOf(plan350('local'));
    expect(rows(m)).toEqual(
      [
        `Deployment/${R}-artifacts artifacts ×1`,
        `Deployment/${R}-backend backend ×1`,
        `Deployment/${R}-crons crons ×1`,
        `Deployment/${R}-frontend frontend ×1`,
        `Deployment/${R}-redis redis ×1`,
        `Deployment/${R}-router router ×1`,
        `StatefulSet/${R}-keycloak keycloak ×1`,
        `StatefulSet/${R}-mq mq ×1`,
        `StatefulSet/${R}-mysql mysql ×1`,
      ].sort(),
    );
    // exactly the chart's workloads: every Deployment and StatefulSet it renders, and no other
    const rendered = parseManifests(m)
      .filter(isWorkload)
      .map((o) => `${o.kind}/${o.metadata.name}`)
      .sort();
    expect(
      expectedWorkloads(m)
        .map((w) => `${w.kind}/${w.name}`)
        .sort(),
    ).toEqual(rendered);
  });

  it('the queue off: no queue StatefulSet is waited for', () => {
    const names = expectedWorkloads(manifestOf(plan350('off'))).map((w) => w.name);
    expect(names).not.toContain(`${R}-mq`);
    expect(names).toContain(`${R}-keycloak`);
    expect(names).toContain(`${R}-crons`);
  });

  it('the data streamer on: its Deployment is waited for too, at its replicas (2 by default)', () => {
    const m = manifestOf(plan350('local'), [{ general: { data_streamer: { enabled: true } } }]);
    const streamer = expectedWorkloads(m).filter((w) => w.name === `${R}-data-streamer`);
    expect(streamer).toEqual([
      { kind: 'Deployment', name: `${R}-data-streamer`, component: 'data-streamer', replicas: 2 },
    ]);
  });
});
