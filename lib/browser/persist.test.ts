import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { loadSession, saveSession } from './persist';

// A Map-backed stand-in for the browser's localStorage (this module only calls getItem/setItem).
beforeEach(() => {
  const m = new Map<string, string>();
  (globalThis as { localStorage?: unknown }).localStorage = {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('saved sessions and the registry answer', () => {
  it('a session with a private registry comes back with it', () => {
    const a = validAnswers();
    a.registry = {
      mode: 'private',
      host: 'reg.io:5000',
      prefix: 'm',
      insecure: false,
      tokenHost: '',
    };
    saveSession({ answers: a, visited: ['endpoint'], step: 'review' });
    expect(loadSession()!.answers.registry).toEqual(a.registry);
  });
  it('a session saved before the registry answer existed loads as public registries', () => {
    const { registry: _gone, ...old } = validAnswers();
    localStorage.setItem(
      'lightrun-wizard:v1',
      JSON.stringify({ answers: old, visited: [], step: 'sizing' }),
    );
    const s = loadSession()!;
    expect(s.step).toBe('sizing');
    expect(s.answers.registry).toEqual({ mode: 'public' });
  });
  it('a private registry saved before its preflight answers loads as not insecure, no token host', () => {
    const old = validAnswers() as unknown as Record<string, unknown>;
    old.registry = { mode: 'private', host: 'reg.io:5000', prefix: 'm' };
    localStorage.setItem(
      'lightrun-wizard:v1',
      JSON.stringify({ answers: old, visited: [], step: 'review' }),
    );
    expect(loadSession()!.answers.registry).toEqual({
      mode: 'private',
      host: 'reg.io:5000',
      prefix: 'm',
      insecure: false,
      tokenHost: '',
    });
  });
  it('a session of another shape is still refused', () => {
    localStorage.setItem(
      'lightrun-wizard:v1',
      JSON.stringify({ answers: { registry: { mode: 'public' } }, visited: [], step: 'x' }),
    );
    expect(loadSession()).toBeNull();
  });
});
