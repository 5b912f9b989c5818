'use client';

import type { Answers } from '@/lib/answers';
import { CHART_350_NOT_YET } from '@/lib/answers/chart-350-not-yet';
import { downloadText } from '@/lib/browser/download';
import { renderYaml } from '@/lib/values';
import './install.css';

/**
 * Review's install panel for a chart 3.50 plan: the server refuses every cluster action for it
 * (lib/target CHART_350_NOT_YET), so the preflight and Install are shown disabled with that
 * reason instead of letting the admin click into the refusal; the values download is offered.
 */
export function Chart350Panel({ answers, valid }: { answers: Answers; valid: boolean }) {
  return (
    <section className="install-panel" aria-labelledby="install-title" data-testid="install-panel">
      <h2 id="install-title">Install on a cluster</h2>
      <p className="callout info" id="install-350-reason" data-testid="install-350">
        {CHART_350_NOT_YET} Download values.yaml and install it with the helm command above, on a
        cluster you have checked yourself (docs/chart-3.50.md lists what chart 3.50.0 needs).
      </p>
      <div className="row-actions">
        <button
          type="button"
          className="button secondary"
          disabled
          aria-describedby="install-350-reason"
          data-testid="preflight-button"
        >
          Run the preflight checks
        </button>
        <button
          type="button"
          className="button primary"
          disabled
          aria-describedby="install-350-reason"
          data-testid="install-button"
        >
          Install
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={!valid}
          data-testid="install-350-download"
          onClick={() => downloadText('values.yaml', renderYaml(answers).values)}
        >
          Download values.yaml
        </button>
      </div>
      <p className="muted" data-testid="install-blocked">
        Preflight and Install: not yet for chart 3.50.0. Choose chart 3.9.4 on the first step to
        check and install from here.
      </p>
    </section>
  );
}
