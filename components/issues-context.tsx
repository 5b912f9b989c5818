'use client';

import {
  createContext,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { claims, pathKey, type Claim, type Issue } from '@/lib/browser/issue-display';

type Ctx = { issues: readonly Issue[]; fields: readonly Claim[]; claim: (c: Claim) => () => void };

const IssuesContext = createContext<Ctx>({ issues: [], fields: [], claim: () => () => undefined });

/**
 * The issues the current step shows, from the one server issue list (not react-hook-form's
 * per-field error state, which only knows the fields it last validated): every field reads its
 * own, and each field says it is on screen so the step can list the issues no field shows.
 */
export function IssuesProvider({
  issues,
  children,
}: {
  issues: readonly Issue[];
  children: ReactNode;
}) {
  const [fields, setFields] = useState<Claim[]>([]);
  const claim = useCallback((c: Claim) => {
    setFields((f) => [...f, c]);
    return () =>
      setFields((f) => {
        const i = f.indexOf(c);
        return i < 0 ? f : [...f.slice(0, i), ...f.slice(i + 1)];
      });
  }, []);
  const value = useMemo(() => ({ issues, fields, claim }), [issues, fields, claim]);
  return <IssuesContext.Provider value={value}>{children}</IssuesContext.Provider>;
}

/** The issues the step shows at this field (and below it, for a list); registers the field as shown. */
export function useFieldIssues(name: string, children = false): Issue[] {
  const { issues, claim } = useContext(IssuesContext);
  useLayoutEffect(() => claim({ name, children }), [claim, name, children]);
  return issues.filter((i) => claims({ name, children }, i));
}

/** The first message at exactly this field, if any. */
export function useFieldIssue(name: string): string | undefined {
  return useFieldIssues(name).find((i) => pathKey(i.path) === name)?.message;
}

/** True when any shown issue lies at or below one of these paths (to open a collapsed section). */
export function useHasIssuesUnder(names: readonly string[]): boolean {
  const { issues } = useContext(IssuesContext);
  return issues.some((i) => names.some((n) => claims({ name: n, children: true }, i)));
}

export function useIssuesContext(): Ctx {
  return useContext(IssuesContext);
}
