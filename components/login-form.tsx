'use client';

import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';

const noSubscribe = () => () => {};

/** Trades the token for the session cookie; on success leaves for the wizard, else says why. */
async function exchange(token: string): Promise<string | null> {
  try {
    const res = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
      cache: 'no-store',
    });
    if (res.ok) {
      window.location.replace('/');
      return null;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    return body.error ?? `The server refused the sign-in (${res.status}).`;
  } catch {
    return 'The wizard’s server could not be reached.';
  }
}

/**
 * Exchanges the access token for a session cookie (HttpOnly: this page never sees it). The link
 * the server prints carries the token in the fragment (`/login#token=…`), which the browser never
 * sends: the page takes it from there, removes it from the address bar and signs in by itself.
 */
export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React runs, a submit would be the browser's own form POST: the button waits for it.
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );

  useEffect(() => {
    const fromLink = () => {
      const m = /^#token=([^&]+)/.exec(window.location.hash);
      if (!m) return;
      // Out of the address bar and the history before anything else happens.
      // (Next's router keeps its own state in the entry: keep it, change only the address)
      window.history.replaceState(window.history.state, '', window.location.pathname);
      void exchange(decodeURIComponent(m[1]!)).then(setError);
    };
    fromLink();
    // The link pasted into a login tab already open is a same-page navigation: no new mount.
    window.addEventListener('hashchange', fromLink);
    return () => window.removeEventListener('hashchange', fromLink);
  }, []);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(await exchange(String(new FormData(e.currentTarget).get('token') ?? '')));
    setBusy(false);
  }
  return (
    <form method="post" action="/api/login" onSubmit={submit} data-testid="login-form">
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
      <button type="submit" disabled={busy || !hydrated} data-testid="login-submit">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
