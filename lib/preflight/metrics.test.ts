import { describe, expect, it } from 'vitest';
import { defaultAnswers, HPA_DEFAULTS } from '../answers';
import { decideMetrics, hpaComponents } from './metrics';

describe('decideMetrics', () => {
  it.each([
    [
      { registered: false as const },
      'fail',
      'The metrics API (metrics.k8s.io) is not registered: the backend autoscaler cannot read CPU use.',
    ],
    [
      {
        registered: true as const,
        available: false,
        reason: 'MissingEndpoints',
        message: 'endpoints for service/metrics-server in "kube-system" have no addresses',
      },
      'fail',
      'The metrics API is registered but not available (MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses).',
    ],
    [
      { registered: true as const, available: true, reason: 'Passed', message: '' },
      'pass',
      'The metrics API is available for the backend autoscaler.',
    ],
  ])('%j', (facts, status, message) => {
    expect(decideMetrics(['backend'], facts)).toMatchObject({ status, message });
  });

  it('applies only with an autoscaler on', () => {
    const a = defaultAnswers();
    expect(hpaComponents(a)).toEqual([]);
    a.sizing.frontend.hpa = { ...HPA_DEFAULTS.frontend };
    a.sizing.backend.hpa = { ...HPA_DEFAULTS.backend };
    expect(hpaComponents(a)).toEqual(['backend', 'frontend']);
    expect(
      decideMetrics(['backend', 'frontend'], {
        registered: true,
        available: true,
        reason: '',
        message: '',
      }).message,
    ).toBe('The metrics API is available for the backend and frontend autoscalers.');
  });
});
