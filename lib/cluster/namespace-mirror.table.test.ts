import { describe, expect, it } from 'vitest';
import {
  applyNamespaceEvent,
  createMirror,
  list,
  MAX_EVENTS,
  RESOURCE_NAMES,
  snapshotOf,
  type NamespaceEvent,
} from './namespace-mirror';
import type { KubeObject } from './watch-core';

const apply = (...evs: NamespaceEvent[]) => evs.reduce(applyNamespaceEvent, createMirror());
const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString();

describe('capping events keeps the newest by time, not by arrival', () => {
  it('events listed newest first: the oldest one is dropped, whatever its place', () => {
    const events = Array.from({ length: MAX_EVENTS + 1 }, (_, i) => ({
      metadata: { name: `e${i}` },
      lastTimestamp: at(MAX_EVENTS - i),
    }));
    const m = apply({ type: 'sync', resource: 'events', objects: events });
    expect(m.objects.events.size).toBe(MAX_EVENTS);
    expect(m.objects.events.has(`e${MAX_EVENTS}`)).toBe(false); // the oldest, listed last
    expect(m.objects.events.has('e0')).toBe(true);
  });
  it("an event's time is lastTimestamp, else eventTime, else its creation time", () => {
    const filler = Array.from({ length: MAX_EVENTS - 2 }, (_, i) => ({
      metadata: { name: `f${i}` },
      lastTimestamp: at(500 + i),
    }));
    const three: KubeObject[] = [
      {
        metadata: { name: 'by-event-time' },
        eventTime: at(1),
        lastTimestamp: undefined,
      } as KubeObject,
      { metadata: { name: 'by-creation', creationTimestamp: at(2) } },
      {
        metadata: { name: 'by-last', creationTimestamp: at(0) },
        lastTimestamp: at(3),
        eventTime: at(0),
      } as KubeObject,
    ];
    const m = apply({ type: 'sync', resource: 'events', objects: [...three, ...filler] });
    expect(m.objects.events.size).toBe(MAX_EVENTS);
    expect(m.objects.events.has('by-event-time')).toBe(false);
    expect(m.objects.events.has('by-creation')).toBe(true);
    const m2 = apply({
      type: 'sync',
      resource: 'events',
      objects: [three[1]!, three[2]!, { metadata: { name: 'no-time' } }, ...filler],
    });
    expect(m2.objects.events.has('no-time')).toBe(false); // no time at all sorts first
    expect([m2.objects.events.has('by-creation'), m2.objects.events.has('by-last')]).toEqual([
      true,
      true,
    ]);
  });
  it('an event with neither metadata nor a time sorts first and is the one dropped', () => {
    const filler = Array.from({ length: MAX_EVENTS }, (_, i) => ({
      metadata: { name: `f${i}` },
      lastTimestamp: at(i),
    }));
    const m = apply({ type: 'sync', resource: 'events', objects: [...filler, { kind: 'Event' }] });
    expect(m.objects.events.size).toBe(MAX_EVENTS);
    expect(m.objects.events.has('')).toBe(false);
    expect(m.objects.events.has('f0')).toBe(true);
  });
});

describe('objects without metadata, partial snapshots', () => {
  it('an object without metadata is kept under the empty name', () => {
    const m = apply({ type: 'upsert', resource: 'pods', object: { kind: 'Pod' } });
    expect([...m.objects.pods.keys()]).toEqual(['']);
  });
  it('a snapshot that lacks a collection leaves it empty; only listed collections count as synced', () => {
    const m = apply(
      { type: 'upsert', resource: 'jobs', object: { metadata: { name: 'old' } } },
      {
        type: 'snapshot',
        objects: { pods: [{ metadata: { name: 'p' } }] } as never,
        synced: ['pods'],
        connection: { state: 'live' },
      },
    );
    expect(list(m, 'jobs')).toEqual([]);
    expect(list(m, 'pods')).toEqual([{ metadata: { name: 'p' } }]);
    expect(snapshotOf(m).synced).toEqual(['pods']);
    expect(snapshotOf(createMirror()).synced).toEqual([]);
    expect(Object.keys(snapshotOf(m).objects)).toEqual(RESOURCE_NAMES);
  });
});
