import { describe, expect, it } from 'vitest';
import { diffValues } from './values-diff';

describe('diffValues', () => {
  it('lists added, removed and changed leaves, secrets masked', () => {
    const current = {
      general: { lightrun_endpoint: 'a.example.com', old: 1 },
      secrets: { db: { password: 'old-pass' }, license: { content: 'L' } },
      deployments: { backend: { replicas: 1 } },
    };
    const next = {
      general: { lightrun_endpoint: 'b.example.com' },
      secrets: { db: { password: 'new-pass' }, license: { content: 'L' } },
      deployments: { backend: { replicas: 2 }, frontend: { replicas: 2 } },
    };
    expect(diffValues(current, next)).toEqual([
      { path: 'deployments.backend.replicas', change: 'changed', before: '1', after: '2' },
      { path: 'deployments.frontend.replicas', change: 'added', after: '2' },
      { path: 'general.lightrun_endpoint', change: 'changed', before: '"a.example.com"', after: '"b.example.com"' },
      { path: 'general.old', change: 'removed', before: '1' },
      { path: 'secrets.db.password', change: 'changed', before: '********', after: '********' },
    ]);
  });

  it('is empty for equal trees and says nothing of unchanged secrets', () => {
    const t = { secrets: { db: { password: 'p' } }, a: [1, 2] };
    expect(diffValues(t, structuredClone(t))).toEqual([]);
  });
});
