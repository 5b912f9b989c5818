'use client';

import { useState, type ReactNode } from 'react';
import { useHasIssuesUnder } from './issues-context';

/** A collapsed group of rarely changed fields that opens by itself when one of them has an issue. */
export function MoreSection({
  summary,
  paths,
  children,
}: {
  summary: string;
  paths: readonly string[];
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const forced = useHasIssuesUnder(paths);
  return (
    <details
      className="more"
      open={open || forced}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
