'use client';

import { get, useFormContext } from 'react-hook-form';
import type { Answers } from '@/lib/answers';
import { isGenerated } from '@/lib/browser/random';
import { useLostSecrets } from './lost-secrets-context';

/**
 * Sets a whole answers sub-tree (a union's branch). The wizard checks every change as a whole on
 * the server, so a cross-field issue appears (or goes away) on both sides of the rule at once.
 * A secret a reload emptied stays empty even when the new branch would generate one: the old
 * value may live in an installed MySQL (new values only through the explicit "generate" button).
 */
export function useSetAnswer() {
  // Untyped paths: react-hook-form's Path<Answers> over every union branch is too large for tsc.
  const { setValue, getValues } = useFormContext<Record<string, unknown>>();
  const lost = useLostSecrets();
  return {
    answers: () => getValues() as Answers,
    set: (path: string, value: unknown) => {
      const before = getValues();
      setValue(path, value, {
        shouldDirty: true,
        shouldTouch: true,
      });
      for (const p of lost) {
        const now = get(getValues(), p) as unknown;
        // filled by a branch's defaults, or by a generator: not by the admin's own upload or paste
        if (!get(before, p) && now && (p !== path || isGenerated(now as string)))
          setValue(p, '', { shouldDirty: true });
      }
    },
  };
}
