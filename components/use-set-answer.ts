'use client';

import { useFormContext } from 'react-hook-form';
import type { Answers } from '@/lib/answers';

/**
 * Sets a whole answers sub-tree (a union's branch). The wizard checks every change as a whole on
 * the server, so a cross-field issue appears (or goes away) on both sides of the rule at once.
 */
export function useSetAnswer() {
  const { setValue, getValues } = useFormContext<Answers>();
  return {
    answers: () => getValues(),
    set: (path: string, value: unknown) => {
      setValue(path as 'general', value as Answers['general'], { shouldDirty: true, shouldTouch: true });
    },
  };
}
