'use client';

import { useState, type FormEvent } from 'react';

/** Exchanges the access token for a session cookie (HttpOnly: this page never sees it). */
export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const token = String(new FormData(e.currentTarget).get('token') ?? '');
    setBusy(true);
    try {
      const res = await fetch('/api/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token }),
        cache: 'no-store',
      });
      if (res.ok) return window.location.replace('/');
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `The server refused the login (${res.status}).`);
    } catch {
      setError('The wizard’s server could not be reached.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} data-testid="login-form">
      <label htmlFor="token">Access token</label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
        data-testid="login-token"
      />
      {error && (
        <p className="error" role="alert" data-testid="login-error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="login-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
