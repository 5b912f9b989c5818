'use client';

import { useState } from 'react';
import type { DoneInfo } from '@/lib/status/reducer';

function Copy({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button secondary small"
      aria-label={label}
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** "Do this now: why…" with the part before the first colon in bold. */
function Lead({ text }: { text: string }) {
  const at = text.indexOf(': ');
  if (at < 0) return <p>{text}</p>;
  return (
    <p>
      <strong>{text.slice(0, at)}</strong>: {text.slice(at + 2)}
    </p>
  );
}

/** Everything ready: where the server is, the first login, and what to do next. */
export function SuccessPanel({
  done,
  namespace,
  rolledBack = false,
  upgraded = false,
}: {
  done: DoneInfo;
  namespace: string;
  rolledBack?: boolean;
  /** the guided 3.9.4 → 3.50 upgrade: what survived, and the key to keep, instead of a first install's steps */
  upgraded?: boolean;
}) {
  return (
    <section
      className="callout ok outcome"
      data-testid="success-panel"
      aria-labelledby="success-title"
    >
      <h2 id="success-title">
        {rolledBack
          ? 'Rolled back: every pod of the previous revision is ready'
          : upgraded
            ? 'Upgraded to chart 3.50: every pod is ready and nothing recorded was lost'
            : 'Lightrun Server is installed and every pod is ready'}
      </h2>
      {upgraded && (
        <ul data-testid="upgrade-survived">
          {done.summary.slice(1).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      <dl className="facts">
        {done.endpoint && (
          <>
            <dt>Endpoint</dt>
            <dd>
              <a href={done.endpoint} target="_blank" rel="noreferrer" data-testid="endpoint">
                {done.endpoint}
              </a>
            </dd>
          </>
        )}
        {done.login && (
          <>
            <dt>First login</dt>
            <dd data-testid="login-user">
              <code>{done.login.user}</code>
            </dd>
          </>
        )}
      </dl>
      {done.login && (
        <>
          <p>
            Its password is in a Secret of namespace <code>{namespace}</code>; read it with:
          </p>
          <div className="command">
            <code data-testid="password-command">{done.login.passwordCommand}</code>
            <Copy text={done.login.passwordCommand} label="Copy the password command" />
          </div>
        </>
      )}
      {!upgraded && done.keyBackup && (
        <div className="callout warn" data-testid="key-backup">
          <Lead text={done.keyBackup.text} />
          <div className="command">
            <code data-testid="key-backup-command">{done.keyBackup.command}</code>
            <Copy text={done.keyBackup.command} label="Copy the key backup command" />
          </div>
        </div>
      )}
      {!upgraded && <NextSteps wayIn={done.wayIn} />}
    </section>
  );
}

/** A first install's next steps. */
function NextSteps({ wayIn }: { wayIn: DoneInfo['wayIn'] }) {
  return (
    <>
      <h3>Next steps</h3>
      <ol className="next-steps">
        {wayIn ? (
          <li data-testid="way-in">
            <strong>DNS</strong>: {wayIn.text}
            <div className="command">
              <code data-testid="way-in-command">{wayIn.command}</code>
              <Copy text={wayIn.command} label="Copy the address command" />
            </div>
          </li>
        ) : (
          <li>
            <strong>DNS</strong>: point the endpoint&apos;s host name at the ingress
            controller&apos;s (or the LoadBalancer Service&apos;s) external address, so browsers and
            agents reach it.
          </li>
        )}
        <li>
          <strong>Certificate</strong>: if the certificate is self-signed or from a private CA, give
          that CA to the agents and IDE plugins (or replace it with one they already trust) before
          connecting them.
        </li>
        <li>
          <strong>Agent</strong>: sign in, copy the company&apos;s agent key from the Lightrun UI
          and install the Lightrun agent in your applications pointing at the endpoint above.
        </li>
      </ol>
    </>
  );
}
