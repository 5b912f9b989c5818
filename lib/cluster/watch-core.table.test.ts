import { describe, expect, it } from 'vitest';
import { itemsWithKind, parseWatchLine } from './watch-core';

// Each way a watch line can say "gone", and the lines with parts missing (the API server may
// send an ERROR with no object, an event object without metadata).
describe('parseWatchLine: one signal at a time, parts missing', () => {
  it.each([
    ['410 without a reason', { type: 'ERROR', object: { code: 410 } }, { kind: 'gone' }],
    ['Expired without a code', { type: 'ERROR', object: { reason: 'Expired' } }, { kind: 'gone' }],
    ['Gone without a code', { type: 'ERROR', object: { reason: 'Gone' } }, { kind: 'gone' }],
    [
      'another code with another reason',
      { type: 'ERROR', object: { code: 409, reason: 'Conflict', message: 'conflict' } },
      { kind: 'error', code: 409, message: 'conflict' },
    ],
    [
      'an ERROR with no object',
      { type: 'ERROR' },
      { kind: 'error', code: undefined, message: 'the API server ended the watch with an error' },
    ],
    [
      'an event object without metadata',
      { type: 'MODIFIED', object: { kind: 'Pod' } },
      { kind: 'event', type: 'MODIFIED', object: { kind: 'Pod' }, resourceVersion: undefined },
    ],
    [
      'a bookmark without metadata',
      { type: 'BOOKMARK', object: { kind: 'Pod' } },
      { kind: 'skip' },
    ],
    ['a bookmark without an object', { type: 'BOOKMARK' }, { kind: 'skip' }],
  ] as const)('%s', (_n, data, want) => {
    expect(parseWatchLine(JSON.stringify(data))).toEqual(want);
  });
});

describe('itemsWithKind: only a trailing "List" is cut', () => {
  it('ListenerList items are Listener', () => {
    expect(itemsWithKind({ kind: 'ListenerList', items: [{ metadata: { name: 'a' } }] })).toEqual([
      { kind: 'Listener', metadata: { name: 'a' } },
    ]);
  });
  it('a list without kind or apiVersion adds neither', () => {
    expect(itemsWithKind({ items: [{ metadata: { name: 'a' } }] })).toEqual([
      { metadata: { name: 'a' } },
    ]);
  });
});
