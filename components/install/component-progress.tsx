'use client';

import { memo } from 'react';
import type { ComponentProgress } from '@/lib/status/progress';

/** "ready / expected" bars per component. */
export const ComponentProgressList = memo(function ComponentProgressList({
  components,
}: {
  components: ComponentProgress[];
}) {
  if (components.length === 0) return <p className="empty">Waiting for the rendered manifests…</p>;
  return (
    <ul className="progress-list" data-testid="component-progress">
      {components.map((c) => {
        const pct = c.expected === 0 ? 100 : Math.round((c.ready / c.expected) * 100);
        return (
          <li
            key={c.component}
            className={c.state}
            data-testid="component"
            data-component={c.component}
          >
            <span className="progress-name">{c.component}</span>
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${pct}%` }} />
            </span>
            <span className="progress-count" data-testid="component-count">
              {c.ready} / {c.expected}
            </span>
          </li>
        );
      })}
    </ul>
  );
});
