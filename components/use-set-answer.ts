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
  const { setValue, getValues } = useFormContext<Answers>();
  const lost = useLostSecrets();
  return {
    answers: () => getValues(),
    set: (path: string, value: unknown) => {
      const before = getValues();
      setValue(path as 'general', value as Answers['general'], {
        shouldDirty: true,
        shouldTouch: true,
      });
      for (const p of lost) {
        const now = get(getValues(), p) as unknown;
        // filled by a branch's defaults, or by a generator: not by the admin's own upload or paste
        if (!get(before, p) && now && (p !== path || isGenerated(now as string)))
          setValue(p as 'general', '' as never, { shouldDirty: true });
      }
    },
  };
}
