'use client';

import { STEPS, stepOfPath, type StepId } from '@/lib/answers/steps';
import { unclaimedIssues, type Issue } from '@/lib/browser/issue-display';
import { useIssuesContext } from './issues-context';

const title = (id: StepId) => STEPS.find((s) => s.id === id)?.title ?? id;

/**
 * The step's own error list: issues no field on screen shows (a rule about a whole section, or a
 * field that is not rendered), and issues a change here caused on another step. Nothing the
 * server reports for this step is invisible.
 */
export function StepIssues({
  elsewhere,
  goTo,
}: {
  elsewhere: readonly Issue[];
  goTo: (id: StepId) => void;
}) {
  const { issues, fields } = useIssuesContext();
  // Fields say they are on screen in their layout effects, so a step's first render still sees the
  // fields of the step before. Their claims change the provider's state, and React processes state
  // set in a layout effect before the browser paints (react.dev, useLayoutEffect): that first list
  // is never seen, and the one painted counts the step's own fields. The step is only rendered
  // once the session is restored, after hydration (components/wizard.tsx), never on the server.
  const orphans = unclaimedIssues(issues, fields);
  return (
    <>
      {orphans.length > 0 && (
        <div className="callout danger" data-testid="step-issues" tabIndex={-1}>
          <p>
            <strong>
              {orphans.length === 1
                ? 'This step has a problem that is not tied to one field:'
                : 'This step has problems that are not tied to one field:'}
            </strong>
          </p>
          <ul>
            {orphans.map((i) => (
              <li key={i.path.join('.') + i.message}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
      {elsewhere.length > 0 && (
        <div className="callout warn" data-testid="elsewhere-issues">
          <p>
            <strong>Your answers here now conflict with another step:</strong>
          </p>
          <ul>
            {elsewhere.map((i) => (
              <li key={i.path.join('.') + i.message}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => goTo(stepOfPath(i.path))}
                >
                  {title(stepOfPath(i.path))}
                </button>
                : {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
