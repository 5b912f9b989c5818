import { describe, expect, it } from 'vitest';
import { backoffDelay, itemsWithKind, listUrl, parseWatchLine, watchUrl } from './watch-core';

describe('backoffDelay (0.5 s doubling, capped at 10 s, ±25 %)', () => {
  it.each([
    [1, 0.5, 500],
    [2, 0.5, 1000],
    [3, 0.5, 2000],
    [4, 0.5, 4000],
    [5, 0.5, 8000],
    [6, 0.5, 10_000],
    [7, 0.5, 10_000],
    [100, 0.5, 10_000],
    [1, 0, 375],
    [1, 0.999999, 625],
    [6, 0, 7500],
    [6, 0.999999, 12_500],
    [0, 0.5, 500],
    [-3, 0.5, 500],
    [2.7, 0.5, 1000],
  ])('attempt %d, rand %d -> %d ms', (attempt, rand, want) => {
    expect(backoffDelay(attempt, undefined, rand)).toBe(want);
  });
  it('takes its own figures', () => {
    expect(backoffDelay(3, { initialMs: 100, maxMs: 300 }, 0.5)).toBe(300);
    expect(backoffDelay(2, { initialMs: 100, maxMs: 300 }, 0.5)).toBe(200);
  });
});

describe('URLs', () => {
  it('list pages', () => {
    expect(listUrl('/api/v1/namespaces/a/pods', 500)).toBe('/api/v1/namespaces/a/pods?limit=500');
    expect(listUrl('/api/v1/namespaces/a/pods', 2, 'eyJ2Ijo+/=')).toBe(
      '/api/v1/namespaces/a/pods?limit=2&continue=eyJ2Ijo%2B%2F%3D',
    );
  });
  it('watch resumes from the resourceVersion, with bookmarks and a server-side end', () => {
    expect(watchUrl('/apis/apps/v1/namespaces/a/deployments', '123')).toBe(
      '/apis/apps/v1/namespaces/a/deployments?watch=true&allowWatchBookmarks=true&resourceVersion=123&timeoutSeconds=45',
    );
    expect(watchUrl('/p', '9', 5)).toBe(
      '/p?watch=true&allowWatchBookmarks=true&resourceVersion=9&timeoutSeconds=5',
    );
  });
});

describe('parseWatchLine', () => {
  const pod = { kind: 'Pod', metadata: { name: 'a', resourceVersion: '42' } };
  it.each([
    {
      line: JSON.stringify({ type: 'ADDED', object: pod }),
      want: { kind: 'event', type: 'ADDED', object: pod, resourceVersion: '42' },
    },
    {
      line: JSON.stringify({ type: 'MODIFIED', object: pod }),
      want: { kind: 'event', type: 'MODIFIED', object: pod, resourceVersion: '42' },
    },
    {
      line: JSON.stringify({ type: 'DELETED', object: pod }),
      want: { kind: 'event', type: 'DELETED', object: pod, resourceVersion: '42' },
    },
    { line: JSON.stringify({ type: 'ADDED' }), want: { kind: 'skip' } },
    {
      line: JSON.stringify({
        type: 'BOOKMARK',
        object: { kind: 'Pod', metadata: { resourceVersion: '77' } },
      }),
      want: { kind: 'bookmark', resourceVersion: '77' },
    },
    {
      line: JSON.stringify({ type: 'BOOKMARK', object: { metadata: {} } }),
      want: { kind: 'skip' },
    },
    {
      line: JSON.stringify({
        type: 'ERROR',
        object: {
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: 'too old resource version: 1 (99)',
        },
      }),
      want: { kind: 'gone' },
    },
    {
      line: JSON.stringify({ type: 'ERROR', object: { kind: 'Status', reason: 'Gone' } }),
      want: { kind: 'gone' },
    },
    {
      line: JSON.stringify({
        type: 'ERROR',
        object: {
          kind: 'Status',
          code: 500,
          reason: 'InternalError',
          message: 'etcdserver: request timed out',
        },
      }),
      want: { kind: 'error', code: 500, message: 'etcdserver: request timed out' },
    },
    {
      line: JSON.stringify({ type: 'ERROR', object: {} }),
      want: {
        kind: 'error',
        code: undefined,
        message: 'the API server ended the watch with an error',
      },
    },
    { line: '{"type":"ADDED","obj', want: { kind: 'skip' } },
    { line: 'null', want: { kind: 'skip' } },
    { line: JSON.stringify({ type: 'WEIRD', object: pod }), want: { kind: 'skip' } },
  ])('$line', ({ line, want }) => {
    expect(parseWatchLine(line)).toEqual(want);
  });
});

describe('itemsWithKind', () => {
  it('fills kind and apiVersion from the list, keeps what items have', () => {
    expect(
      itemsWithKind({
        kind: 'DeploymentList',
        apiVersion: 'apps/v1',
        items: [
          { metadata: { name: 'a' } },
          { kind: 'X', apiVersion: 'y/v1', metadata: { name: 'b' } },
        ],
      }),
    ).toEqual([
      { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'a' } },
      { kind: 'X', apiVersion: 'y/v1', metadata: { name: 'b' } },
    ]);
    expect(itemsWithKind({})).toEqual([]);
  });
});
