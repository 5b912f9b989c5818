import 'server-only';
/**
 * The Secrets step. With secrets kept outside the chart the admin chooses ONE of: the wizard
 * creates the Secrets from values they give (`create`; existing ones are never overwritten), or
 * they apply the manifest themselves / through their secret manager (`manifest`; the job then
 * only checks the Secrets exist). Never both, never silently.
 */
import type * as k8s from '@kubernetes/client-node';
import type { Answers } from '../answers';
import type { InstallEventBody } from '../status/events';
import * as kubeOps from './kube-ops';
import { requiredSecrets } from './secrets-plan';

export type SecretsChoice =
  { mode: 'manifest' } | { mode: 'create'; values: Record<string, Record<string, string>> };

export async function runSecretsStep(
  plan: { answers: Answers; release: string; namespace: string; secrets: SecretsChoice },
  kc: k8s.KubeConfig,
  emit: (b: InstallEventBody) => unknown,
  kube: Pick<typeof kubeOps, 'existingSecrets' | 'createSecret'> = kubeOps,
): Promise<{ ok: true } | { ok: false; summary: string[] }> {
  const required = requiredSecrets(plan.answers, plan.release);
  if (required.length === 0) {
    emit({
      type: 'step',
      step: 'secrets',
      state: 'skipped',
      message: 'The chart creates its Secrets',
    });
    return { ok: true };
  }
  emit({
    type: 'step',
    step: 'secrets',
    state: 'running',
    message: `${required.length} Secrets kept outside the chart (${plan.secrets.mode === 'create' ? 'the wizard creates the missing ones' : 'you apply them'})`,
  });
  const present = await kube.existingSecrets(
    kc,
    plan.namespace,
    required.map((s) => s.name),
  );
  const missing = required.filter((s) => !present.has(s.name));
  if (plan.secrets.mode === 'create') {
    const values = plan.secrets.values;
    const lacking = missing.filter((s) =>
      s.keys.some((k) => typeof values[s.name]?.[k] !== 'string'),
    );
    if (lacking.length === 0) {
      for (const s of missing)
        await kube.createSecret(kc, plan.namespace, {
          name: s.name,
          type: s.type,
          stringData: Object.fromEntries(s.keys.map((k) => [k, values[s.name]![k]!])),
        });
      const kept = required.filter((s) => present.has(s.name)).map((s) => s.name);
      emit({
        type: 'step',
        step: 'secrets',
        state: 'done',
        message: `Created ${missing.map((s) => s.name).join(', ') || 'none'}${kept.length ? `; kept existing ${kept.join(', ')}` : ''}`,
      });
      return { ok: true };
    }
    missing.splice(0, missing.length, ...lacking);
  }
  if (missing.length === 0) {
    emit({
      type: 'step',
      step: 'secrets',
      state: 'done',
      message: `All ${required.length} Secrets exist in ${plan.namespace}`,
    });
    return { ok: true };
  }
  const summary = missing.map(
    (s) =>
      `Secret ${s.name} (${s.type}) is missing in namespace ${plan.namespace}: it needs keys ${s.keys.join(', ')} (${s.purpose}).`,
  );
  summary.push(
    'Create them (the wizard gives them as a manifest: `npm run cli -- secrets-manifest --answers FILE`) and install again.',
  );
  emit({ type: 'step', step: 'secrets', state: 'failed', message: summary[0]! });
  return { ok: false, summary };
}
