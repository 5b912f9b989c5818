'use client';

import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { exposureSummary, type Exposure } from '@/lib/answers/exposure';

const reach = (r: Exposure['reachableFrom']) =>
  r === 'anyone'
    ? 'Anyone who reaches the endpoint'
    : r === 'nobody'
      ? 'Nobody (blocked)'
      : `Only ${r.join(', ')}`;
/** Open to anyone is the point of the web app and the agents' path; for the admin console or metrics it is the alarm. */
const SENSITIVE = ['/auth/admin', '/auth/realms/master', '/management/prometheus'];
const tone = (e: Exposure) =>
  e.reachableFrom === 'nobody'
    ? 'closed'
    : e.reachableFrom !== 'anyone'
      ? 'limited'
      : e.paths.some((p) => SENSITIVE.includes(p))
        ? 'open'
        : 'public';

/** Who can reach which paths of the server from outside the cluster, group by group (lib/answers `exposureSummary`). */
export function ExposureSummary({ title = 'What is exposed' }: { title?: string }) {
  const answers = useWatch() as Answers;
  const rows = useMemo(() => {
    try {
      return exposureSummary(answers);
    } catch {
      return []; // a half-switched branch for one render
    }
  }, [answers]);
  if (rows.length === 0) return null;
  return (
    <section className="exposure" data-testid="exposure-summary" aria-label={title}>
      <h2 className="group-title">{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Paths</th>
            <th scope="col">Reachable from</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.what} data-testid={`exposure-${r.what}`}>
              <th scope="row">
                {r.what}
                <span className="muted exposure-via">{r.via}</span>
              </th>
              <td className="mono">{r.paths.join(' ')}</td>
              <td>
                <span className={`reach ${tone(r)}`} data-tone={tone(r)}>
                  {reach(r.reachableFrom)}
                </span>
                {r.note && <span className="exposure-note">{r.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
