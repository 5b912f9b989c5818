'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { dashboardUrl } from './install/dashboard-url';
import { downloadText } from '@/lib/browser/download';
import type { PlanWithoutValues } from '@/lib/install/upgrade-plan';
import {
  BACKUP_STEPS,
  helmUpgradeCommand,
  named,
  OWN_BACKUP_PHRASE,
  upgradeRunBody,
  rowsShown,
  userChanges,
  verdict,
  VALUES_FILE,
  type FateFilter,
} from './upgrade-plan-view';
import { BackupsStatus, StepAction, useBackups, type Backups } from './upgrade-plan-backups';
import type { ReleaseTarget } from './wizard-slot';
import './upgrade-plan.css';

type Chart = 'vendor' | 'bundled';
type Answer = { key: string; plan: PlanWithoutValues | null; error: string | null };

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    cache: 'no-store',
    body: JSON.stringify(body),
  });
  const data = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (r.ok) return data;
  const issues = data.issues as { message: string }[] | undefined;
  throw new Error(
    typeof data.error === 'string' ? data.error : (issues?.[0]?.message ?? `HTTP ${r.status}`),
  );
}

/** POST /api/releases/upgrade-plan for a release and a target chart. */
function usePlan(target: ReleaseTarget, chart: Chart) {
  const [res, setRes] = useState<Answer | null>(null);
  const key = JSON.stringify([target, chart]);
  useEffect(() => {
    let live = true;
    post('/api/releases/upgrade-plan', {
      ...target,
      ...(chart === 'bundled' ? { chart: 'bundled' } : {}),
    })
      .then((plan) => live && setRes({ key, plan: plan as PlanWithoutValues, error: null }))
      .catch((e: Error) => live && setRes({ key, plan: null, error: e.message }));
    return () => {
      live = false;
    };
  }, [target, chart, key]);
  return res?.key === key ? res : null;
}

/** `code` spans of a sentence written with backticks. */
function Sentence({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

/**
 * The plan page: what upgrading a running 3.9.4 release to chart 3.50 will do, to read in a
 * minute (docs/upgrade.md, "The plan page"). It changes nothing until the admin presses Upgrade (the guided job).
 */
export function UpgradePlanPage({
  target,
  onClose,
  closeLabel = 'Back to the releases',
}: {
  target: ReleaseTarget;
  onClose: () => void;
  /** What the close button says where the page was opened (the release list, Review). */
  closeLabel?: string;
}) {
  const [chart, setChart] = useState<Chart>('vendor');
  const res = usePlan(target, chart);
  // the backups taken survive a change of the chart planned against: page memory only
  const backups = useBackups(target);
  return (
    <section className="upgrade-plan" data-testid="upgrade-plan" aria-labelledby="plan-title">
      <div className="plan-head">
        <h2 id="plan-title">
          Upgrade plan: <code>{target.release}</code> in <code>{target.namespace}</code>, chart
          3.9.4 → 3.50.0
        </h2>
        <button type="button" className="button ghost small" onClick={onClose}>
          {closeLabel}
        </button>
      </div>
      <label className="plan-chart">
        Planned against{' '}
        <select
          data-testid="plan-chart"
          value={chart}
          onChange={(e) => setChart(e.target.value as Chart)}
        >
          <option value="vendor">Lightrun’s chart 3.50.0 (published)</option>
          <option value="bundled">the wizard’s test chart chart-3.50/</option>
        </select>
      </label>
      {!res && <p className="muted">Reading the release and asking the API server…</p>}
      {res?.error && (
        <p className="callout danger" role="alert" data-testid="plan-error">
          {res.error}
        </p>
      )}
      {res?.plan && (
        <PlanBody plan={res.plan} target={target} bundled={chart === 'bundled'} backups={backups} />
      )}
    </section>
  );
}

function PlanBody({
  plan,
  target,
  bundled,
  backups,
}: {
  plan: PlanWithoutValues;
  target: ReleaseTarget;
  bundled: boolean;
  backups: Backups;
}) {
  const rel = plan.release?.name ?? target.release;
  const ns = plan.release?.namespace ?? target.namespace;
  const say = (t: string) => named(t, rel, ns);
  return (
    <>
      <VerdictLine plan={plan} say={say} />
      <UsersSection plan={plan} say={say} />
      <section data-testid="plan-steps">
        <h3>Your steps, in order</h3>
        <ol className="plan-steps">
          {plan.steps.map((s) => (
            <li key={s.id} data-testid={`step-${s.id}`}>
              <Sentence text={say(s.text)} />
              <StepAction id={s.id} b={backups} />
            </li>
          ))}
        </ol>
        <BackupsStatus
          b={backups}
          needsDatabase={plan.steps.some((s) => s.id === BACKUP_STEPS.database)}
        />
      </section>
      {plan.objects && <ObjectsSection objects={plan.objects} />}
      {plan.objects && <ClaimsSection objects={plan.objects} />}
      <FatesSection plan={plan} say={say} />
      <section data-testid="plan-one-way">
        <h3>After this upgrade, rollback means restoring the backup</h3>
        <ul>
          {plan.oneWay.items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
        <p>{plan.oneWay.rollback}</p>
      </section>
      <RunSection
        target={target}
        rel={rel}
        ns={ns}
        bundled={bundled}
        backups={backups}
        needsDatabase={plan.steps.some((s) => s.id === BACKUP_STEPS.database)}
      />
    </>
  );
}

type Say = (t: string) => string;

function VerdictLine({ plan, say }: { plan: PlanWithoutValues; say: Say }) {
  const v = verdict(plan);
  return (
    <div
      className={`callout ${v.ok ? 'ok' : 'danger'}`}
      role={v.ok ? undefined : 'alert'}
      data-testid="plan-verdict"
    >
      <p>
        <strong>{v.headline}</strong>
      </p>
      {v.refusals.length > 0 && (
        <ul>
          {v.refusals.map((r) => (
            <li key={r.object} data-testid="plan-refusal">
              <strong>{r.object}</strong>: {say(r.todo)}
              <div className="muted small">{r.message}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function UsersSection({ plan, say }: { plan: PlanWithoutValues; say: Say }) {
  const u = userChanges(plan);
  return (
    <section data-testid="plan-users">
      <h3>What changes for the users</h3>
      {u.length === 0 ? (
        <p className="muted">Nothing: the same address, the same way in.</p>
      ) : (
        <ul>
          {u.map((t) => (
            <li key={t}>{say(t)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Objects = NonNullable<PlanWithoutValues['objects']>;

function ObjectList({
  id,
  title,
  items,
}: {
  id: string;
  title: string;
  items: { key: string; text: string; note?: string }[];
}) {
  return (
    <details className="plan-objects" data-testid={`objects-${id}`}>
      <summary>
        {title} <span className="count">({items.length})</span>
      </summary>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.key}>
              <code>{i.text}</code>
              {i.note && <span className="muted"> — {i.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function ObjectsSection({ objects: o }: { objects: Objects }) {
  const ref = (x: { kind: string; name: string }) => ({
    key: `${x.kind}/${x.name}`,
    text: `${x.kind}/${x.name}`,
  });
  return (
    <section data-testid="plan-objects">
      <h3>What helm does to the objects</h3>
      <ObjectList id="deleted" title="Deleted" items={o.deleted.map(ref)} />
      <ObjectList id="created" title="Created" items={o.created.map(ref)} />
      <ObjectList
        id="changed"
        title="Changed"
        items={o.changed.map((c) => ({ ...ref(c), note: c.fields.join(', ') }))}
      />
      <ObjectList
        id="replaced"
        title="Not updated in place"
        items={o.replaced.map((r) => ({ ...ref(r), note: r.why }))}
      />
      {o.unchanged > 0 && (
        <p className="muted small">
          {o.unchanged} object{o.unchanged === 1 ? ' stays' : 's stay'} as{' '}
          {o.unchanged === 1 ? 'it is' : 'they are'}.
        </p>
      )}
    </section>
  );
}

function ClaimsSection({ objects: o }: { objects: Objects }) {
  return (
    <section data-testid="plan-claims">
      <h3>Volume claims</h3>
      {o.claimsKept.length > 0 ? (
        <ul data-testid="claims-kept">
          {o.claimsKept.map((c) => (
            <li key={c.uid}>
              <strong>Kept</strong> <code>{c.name}</code> <span className="muted">UID</span>{' '}
              <code>{c.uid}</code> <span className="muted">({c.of})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No claim is kept.</p>
      )}
      {o.claimsAtRisk.length > 0 && (
        <ul data-testid="claims-at-risk">
          {o.claimsAtRisk.map((c) => (
            <li key={c.uid}>
              <strong className="tag danger">At risk</strong> <code>{c.name}</code>{' '}
              <span className="muted">UID</span> <code>{c.uid}</code>: {c.why}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FatesSection({ plan, say }: { plan: PlanWithoutValues; say: Say }) {
  const [filter, setFilter] = useState<FateFilter>('changed');
  const rows = rowsShown(plan.rows, filter);
  return (
    <section data-testid="plan-fates">
      <h3>What becomes of each answer</h3>
      <label className="plan-filter">
        <input
          type="checkbox"
          data-testid="fates-filter"
          checked={filter === 'changed'}
          onChange={(e) => setFilter(e.target.checked ? 'changed' : 'all')}
        />{' '}
        Only translated and dropped ({rowsShown(plan.rows, 'changed').length} of {plan.rows.length}
        ); anything not listed carries over as it is
      </label>
      <div className="table-scroll">
        <table className="plan-fates">
          <thead>
            <tr>
              <th>3.9.4 key</th>
              <th>Fate</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`fate-${r.id}`}>
                <td>
                  <code>{r.from.join(', ') || r.id}</code>
                  {r.to.length > 0 && (
                    <div className="muted small">
                      → <code>{r.to.join(', ')}</code>
                    </div>
                  )}
                </td>
                <td>
                  <span className={`fate ${r.fate}`}>{r.fate}</span>
                </td>
                <td>{say(r.tell)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The Upgrade button: starts the guided upgrade job and opens its live dashboard. */
function UpgradeButton({
  target,
  bundled,
  backups,
  needsDatabase,
}: {
  target: ReleaseTarget;
  bundled: boolean;
  backups: Backups;
  needsDatabase: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = upgradeRunBody(target, bundled, {
    databaseDone: backups.database.state === 'done',
    typed: backups.typed,
  });
  const start = () => {
    if (!('body' in run)) return;
    setBusy(true);
    setError(null);
    post('/api/releases/upgrade-run', run.body)
      .then((r) => router.push(dashboardUrl(String(r.jobId), target)))
      .catch((e: Error) => {
        setBusy(false);
        setError(e.message);
      });
  };
  return (
    <div className="plan-upgrade" data-testid="plan-upgrade">
      {!needsDatabase && (
        <label className="small">
          Type <q>{OWN_BACKUP_PHRASE}</q> to confirm the database is backed up:{' '}
          <input
            data-testid="own-backup-run"
            value={backups.typed}
            onChange={(e) => backups.setTyped(e.target.value)}
            autoComplete="off"
          />
        </label>
      )}
      <p>
        <button
          type="button"
          className="button"
          data-testid="start-upgrade"
          disabled={busy || !('body' in run)}
          onClick={start}
        >
          {busy ? 'Starting the upgrade…' : 'Upgrade to chart 3.50'}
        </button>{' '}
        <span className="muted small">
          {'wait' in run
            ? run.wait
            : 'The wizard runs the steps above that it can (the queue, the internal certificates), then helm upgrade, and checks what survived. Stopped, it continues when started again.'}
        </span>
      </p>
      {error && (
        <p className="callout danger" role="alert" data-testid="upgrade-error">
          {error}
        </p>
      )}
    </div>
  );
}

function RunSection({
  target,
  rel,
  ns,
  bundled,
  backups,
  needsDatabase,
}: {
  target: ReleaseTarget;
  rel: string;
  ns: string;
  bundled: boolean;
  backups: Backups;
  needsDatabase: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const download = () => {
    setError(null);
    post('/api/releases/upgrade-values', target)
      .then((r) => downloadText(String(r.file ?? VALUES_FILE), String(r.yaml ?? '')))
      .catch((e: Error) => setError(e.message));
  };
  return (
    <section data-testid="plan-run">
      <h3>Running the upgrade</h3>
      <UpgradeButton
        target={target}
        bundled={bundled}
        backups={backups}
        needsDatabase={needsDatabase}
      />
      <p>Or run it by hand with helm, once the steps before it are done:</p>
      <pre className="command" data-testid="plan-helm-command">
        <code>{helmUpgradeCommand(rel, ns, bundled)}</code>
      </pre>
      <button
        type="button"
        className="button secondary small"
        data-testid="download-values-350"
        onClick={download}
      >
        Download {VALUES_FILE}
      </button>{' '}
      <span className="muted small">
        It holds the release’s passwords: keep it out of version control, delete it after.
      </span>
      {error && (
        <p className="callout danger" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
