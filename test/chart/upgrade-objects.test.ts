// The objects part of the upgrade plan over real renders: chart/ (3.9.4) with the U1-U5 values of
// docs/chart-3.50.md §13.1 against chart-3.50/ with their translation, under helm v4 and v3. What
// the plan says helm deletes and creates is §13.1's account for each; U4's RabbitMQ StatefulSet is
// the one helm cannot update, and its claim the one at risk while MySQL's is kept.
import { afterAll, describe, expect, it } from 'vitest';
import { translateTo350 } from '../../lib/upgrade';
import { objectsPlan, type LiveClaim, type ObjectRef } from '../../lib/upgrade/objects';
import { RELEASES_394 } from '../../lib/upgrade/__fixtures__/releases';
import type { Tree } from '../../lib/values/tree';
import { cleanup350, valuesFile } from './chart350';
import { chart350Dir, helmBinaries, templateRaw, type HelmBin } from './helm';

afterAll(cleanup350);
const REL = 'acme';
const r = (kind: string, ...names: string[]) => names.map((n) => `${kind}/${REL}-${n}`);

/**
 * §13.1's "Deleted by the upgrade" and "Added" columns. The project's chart/ renders no pull
 * Secret without a registry config while chart-3.50/ always does, so the Secret is added to each
 * (docs/upgrade.md); U3 is "as U1", U4 is what its upgrade does once its StatefulSet and claim
 * were deleted first (§13.1: the same upgrade then succeeds).
 */
const U1_DELETED = [
  ...r('Deployment', 'keycloak'),
  ...r('Ingress', 'clients', 'agents', 'keycloak-admin', 'metrics-metrics'),
  ...r('ServiceAccount', 'nginx'),
];
const U1_CREATED = [
  ...r('StatefulSet', 'keycloak'),
  ...r('Deployment', 'router', 'artifacts', 'crons'),
  ...r('Service', 'router', 'artifacts'),
  ...r('ConfigMap', 'router-conf', 'artifacts-config'),
  ...r('Ingress', 'router'),
  ...r('ServiceAccount', 'router', 'artifacts', 'crons'),
  ...r('Secret', 'lightrun-dockerhub'),
];
const CONTRACT: Record<string, { deleted: string[]; created: string[] }> = {
  U1: { deleted: U1_DELETED, created: U1_CREATED },
  U2: {
    deleted: [
      ...r('Deployment', 'nginx', 'keycloak'),
      ...r('Service', 'nginx'),
      ...r('ConfigMap', 'nginx-conf'),
      ...r('ServiceAccount', 'nginx'),
    ],
    created: U1_CREATED.filter((n) => n !== `Ingress/${REL}-router`),
  },
  U3: { deleted: U1_DELETED, created: U1_CREATED },
  U4: { deleted: U1_DELETED, created: U1_CREATED },
  U5: {
    deleted: [
      ...r('Secret', 'aes'),
      ...r('Deployment', 'keycloak'),
      ...r('ServiceAccount', 'nginx'),
    ],
    created: [
      ...r('StatefulSet', 'keycloak'),
      ...r('Deployment', 'artifacts', 'crons'),
      ...r('Service', 'artifacts'),
      ...r('ConfigMap', 'artifacts-config'),
      ...r('ServiceAccount', 'artifacts', 'crons'),
      ...r('Secret', 'lightrun-dockerhub'),
    ],
  },
};

/** The claims each release's StatefulSets made, as the namespace would list them. */
const CLAIMS: Record<string, LiveClaim[]> = {
  U1: [{ name: `mysql-${REL}-mysql-0`, uid: 'uid-mysql' }],
  U2: [{ name: `mysql-${REL}-mysql-0`, uid: 'uid-mysql' }],
  U3: [],
  U4: [
    { name: `lrdata-${REL}-mysql-0`, uid: 'uid-mysql' },
    { name: `${REL}-mq-data-${REL}-mq-0`, uid: 'uid-mq' },
  ],
  U5: [{ name: `mysql-${REL}-mysql-0`, uid: 'uid-mysql' }],
};

const names = (l: ObjectRef[]) => l.map((o) => `${o.kind}/${o.name}`).sort();

function plan(bin: HelmBin, v: Tree, claims: LiveClaim[]) {
  const before = templateRaw([valuesFile(v)], { bin, release: REL, skipSchema: true });
  const after = templateRaw([valuesFile(translateTo350(v).values)], {
    bin,
    release: REL,
    chart: chart350Dir,
  });
  expect([before.code, after.code], before.stderr + after.stderr).toEqual([0, 0]);
  return objectsPlan(before.stdout, after.stdout, claims);
}

describe.each(helmBinaries())('the objects of the U1-U5 upgrades, with $name', (bin) => {
  it.each(Object.entries(RELEASES_394))('%s: deleted and created as §13.1 says', (id, v) => {
    const p = plan(bin, v, CLAIMS[id]!);
    expect(names(p.deleted)).toEqual([...CONTRACT[id]!.deleted].sort());
    expect(names(p.created)).toEqual([...CONTRACT[id]!.created].sort());
    // Keycloak: a Deployment becomes a StatefulSet of the same name, which helm can do
    expect(p.replaced.find((o) => o.name === `${REL}-keycloak`)).toMatchObject({
      kind: 'Deployment',
      toKind: 'StatefulSet',
      helmFails: false,
    });
    // MySQL's StatefulSet changes only its pod template: helm updates it, the claim stays
    expect(p.replaced.filter((o) => o.name === `${REL}-mysql`)).toEqual([]);
    if (id !== 'U3')
      expect(
        p.changed.find((o) => o.kind === 'StatefulSet' && o.name === `${REL}-mysql`)?.fields,
      ).toContain('spec.template');
    expect(p.claimsKept.map((c) => [c.name, c.uid])).toEqual(
      CLAIMS[id]!.filter((c) => c.uid === 'uid-mysql').map((c) => [c.name, c.uid]),
    );
  });

  it('U4: the RabbitMQ StatefulSet is the one helm cannot update, and its claim is at risk', () => {
    const p = plan(bin, RELEASES_394.U4!, CLAIMS.U4!);
    const failing = p.replaced.filter((o) => o.helmFails);
    expect(failing.map((o) => `${o.kind}/${o.name}`)).toEqual([`StatefulSet/${REL}-mq`]);
    expect(failing[0]!.why).toContain('spec.volumeClaimTemplates');
    expect(p.claimsAtRisk.map((c) => [c.name, c.uid])).toEqual([
      [`${REL}-mq-data-${REL}-mq-0`, 'uid-mq'],
    ]);
  });

  it('only U2 gets a new load-balancer address', () => {
    for (const [id, v] of Object.entries(RELEASES_394)) {
      const uv = plan(bin, v, []).userVisible;
      if (id === 'U2')
        expect(uv).toEqual([
          `Service ${REL}-nginx (LoadBalancer) is deleted: its address goes with it.`,
          `Service ${REL}-router (LoadBalancer) is new: new address: DNS must change.`,
        ]);
      else expect(uv, id).toEqual([]);
    }
  });

  it('no Secret value appears in what the plan says', () => {
    const v = RELEASES_394.U5!;
    const text = JSON.stringify(plan(bin, v, CLAIMS.U5!));
    for (const s of ['Db-pass-123', 'Keycl0ak-admin-pw', '00112233445566778899aabbccddeeff'])
      expect(text).not.toContain(s);
    expect(text).not.toContain(Buffer.from('Db-pass-123').toString('base64'));
  });
});
