import { describe, expect, it } from 'vitest';
import { RELEASES_394 } from './__fixtures__/releases';
import { STEP_ORDER, upgradePlan } from './plan';
import { translateTo350 } from './translate';

const ids = (v: unknown) => upgradePlan(v).steps.map((s) => s.id);
const ALWAYS = ['save-release', 'run-upgrade', 'after-upgrade'];

describe('upgradePlan', () => {
  it('every step a row can ask for has its place in the order (no row step is lost)', () => {
    for (const v of Object.values(RELEASES_394))
      for (const r of translateTo350(v).rows)
        if (r.step) expect(STEP_ORDER, `${r.id} asks for ${r.step}`).toContain(r.step);
  });

  it('an empty release gets the steps every release takes, in order, and those its rows ask for', () => {
    const steps = ids({});
    for (const a of ALWAYS) expect(steps).toContain(a);
    expect(steps).toEqual([...steps].sort((a, b) => STEP_ORDER.indexOf(a) - STEP_ORDER.indexOf(b)));
  });

  it('a step shows only when a row asks for it, naming the rows', () => {
    const u4 = upgradePlan(RELEASES_394.U4);
    const mq = u4.steps.find((s) => s.id === 'delete-mq-statefulset-and-pvc');
    expect(mq?.because).toEqual(['mq-local-persistent']);
    expect(ids(RELEASES_394.U1)).not.toContain('delete-mq-statefulset-and-pvc');
    expect(ids(RELEASES_394.U2)).toContain('plan-dns-change');
    expect(ids(RELEASES_394.U1)).not.toContain('plan-dns-change');
    expect(ids(RELEASES_394.U5)).toContain('backup-aes-key');
    expect(ids(RELEASES_394.U1)).not.toContain('backup-aes-key');
  });

  it('the database is backed up before the queue is deleted, and both before helm upgrade', () => {
    const steps = ids(RELEASES_394.U4);
    const at = (id: string) => steps.indexOf(id as (typeof steps)[number]);
    expect(at('backup-database')).toBeGreaterThan(at('save-release'));
    expect(at('delete-mq-statefulset-and-pvc')).toBeGreaterThan(at('backup-database'));
    expect(at('run-upgrade')).toBeGreaterThan(at('delete-mq-statefulset-and-pvc'));
    expect(at('backup-encryption-key')).toBeGreaterThan(at('run-upgrade'));
  });

  it('the untouched translation keeps every carry-over key; a hand edit that changes one is named', () => {
    for (const v of Object.values(RELEASES_394)) expect(upgradePlan(v).carryOver).toEqual([]);
    const edited = structuredClone(translateTo350(RELEASES_394.U1).values) as {
      general: Record<string, unknown>;
    };
    edited.general.lightrun_endpoint = 'other.example.test';
    const plan = upgradePlan(RELEASES_394.U1, edited);
    expect(plan.carryOver.map((p) => p.key)).toEqual(['general.lightrun_endpoint']);
  });

  it('carries the translation and the one-way list of the release', () => {
    const plan = upgradePlan(RELEASES_394.U4);
    expect(plan.values).toEqual(translateTo350(RELEASES_394.U4).values);
    expect(plan.oneWay.items.some((i) => i.includes('RabbitMQ claim'))).toBe(true);
  });

  it('says what helm does to the objects only when the manifests are given', () => {
    expect(upgradePlan(RELEASES_394.U2)).not.toHaveProperty('objects');
    const svc = (name: string) =>
      `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {type: LoadBalancer}\n`;
    const plan = upgradePlan(RELEASES_394.U2, undefined, {
      current: svc('acme-nginx'),
      target: svc('acme-router'),
      claims: [],
    });
    expect(plan.objects?.deleted.map((o) => o.name)).toEqual(['acme-nginx']);
    expect(plan.objects?.created.map((o) => o.name)).toEqual(['acme-router']);
    expect(plan.objects?.userVisible).toHaveLength(2);
  });
});
