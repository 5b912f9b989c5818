import type { Exposure } from '@/lib/answers/exposure';

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

/** The exposure rows as a table (nothing when there are none). */
export function ExposureTable({ rows, title }: { rows: Exposure[]; title: string }) {
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
