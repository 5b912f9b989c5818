import { describe, expect, it } from 'vitest';
import { oneWay } from '.';
import { U1, U3, U4 } from './__fixtures__/releases';

const has = (items: string[], word: string) => items.some((i) => i.includes(word));

describe('oneWay (docs/chart-3.50.md §13.3)', () => {
  it('a local MySQL: its data directory, the schemas and the key; no queue claim', () => {
    const { items } = oneWay(U1);
    expect(items).toHaveLength(3);
    expect(has(items, 'MySQL converts its data directory')).toBe(true);
    expect(has(items, 'convert their tables')).toBe(true);
    expect(has(items, 'encryption key')).toBe(true);
    expect(has(items, 'RabbitMQ claim')).toBe(false);
  });

  it('a local MySQL without a StatefulSet: its data is lost at the restart', () => {
    const { items } = oneWay({ general: { statefulset: { enabled: false } } });
    expect(has(items, 'MySQL converts')).toBe(false);
    expect(has(items, 'emptyDir')).toBe(true);
  });

  it('the 3.9.4 default (nothing set) is a local MySQL', () => {
    expect(has(oneWay({}).items, 'MySQL converts')).toBe(true);
  });

  it('an external database and broker: no MySQL data directory, no queue claim', () => {
    const { items } = oneWay(U3);
    expect(items).toHaveLength(2);
    expect(has(items, 'MySQL converts')).toBe(false);
  });

  it('a local RabbitMQ on a claim adds the claim; storage "0" does not', () => {
    expect(has(oneWay(U4).items, 'RabbitMQ claim')).toBe(true);
    const ephemeral = { general: { mq: { enabled: true, storage: '0' } } };
    expect(has(oneWay(ephemeral).items, 'RabbitMQ claim')).toBe(false);
    const external = { general: { mq: { enabled: true, local: false } } };
    expect(has(oneWay(external).items, 'RabbitMQ claim')).toBe(false);
  });

  it('says that a rollback is a restore, not helm rollback', () => {
    expect(oneWay(U1).rollback).toContain('restore');
    expect(oneWay(U1).rollback).toContain('Do not run helm rollback');
  });
});
