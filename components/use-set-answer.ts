'use client';

import { useFormContext } from 'react-hook-form';
import type { Answers } from '@/lib/answers';

/**
 * Sets a whole answers sub-tree (a union's branch) and validates it at once, and re-checks the
 * sections already showing errors: a cross-field error (internal TLS vs. the chart's nginx) must
 * go away as soon as the other side of the rule changes.
 */
export function useSetAnswer() {
  const { setValue, getValues, trigger, formState } = useFormContext<Answers>();
  return {
    answers: () => getValues(),
    set: (path: string, value: unknown) => {
      setValue(path as 'general', value as Answers['general'], { shouldDirty: true, shouldValidate: true, shouldTouch: true });
      const stale = Object.keys(formState.errors) as (keyof Answers)[];
      if (stale.length > 0) void trigger(stale);
    },
  };
}
