'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { ChoiceField } from '../choice-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

export function InternalTlsStep() {
  const { set } = useSetAnswer();
  const [mode, mq, cluster, chart, release, namespace] = useWatch({
    name: [
      'internalTls.mode',
      'messageQueue.mode',
      'sizing.keycloak.clusterMode',
      'chart',
      'release.name',
      'release.namespace',
    ],
  }) as [string, string, boolean, string | undefined, string, string];
  const artifacts = `${release || '<release>'}-artifacts`;
  return (
    <>
      <ChoiceField
        name="internalTls.mode"
        legend="Pod-to-pod encryption"
        onSelect={(m) => set('internalTls', branches.internalTls(m))}
        choices={[
          {
            value: 'off',
            label: 'Off',
            description: 'TLS ends at the ingress; pods talk plain HTTP inside the cluster.',
          },
          {
            value: 'self-signed',
            label: 'Self-signed',
            description: 'Helm generates 10-year certificates per service at the first install.',
          },
          {
            value: 'existing',
            label: 'My certificates',
            description: 'kubernetes.io/tls Secrets you create (tls.crt, tls.key).',
          },
        ]}
      />
      {mode === 'existing' && (
        <>
          <p className="hint">
            One Secret whose SANs list every service name can be reused in all fields.
          </p>
          <div className="grid-2">
            <TextField name="internalTls.certificates.frontend" label="Frontend Secret" mono />
            <TextField name="internalTls.certificates.keycloak" label="Keycloak Secret" mono />
            <TextField name="internalTls.certificates.redis" label="Redis Secret" mono />
            {mq === 'local' && (
              <TextField name="internalTls.certificates.rabbitmq" label="RabbitMQ Secret" mono />
            )}
            {chart === '3.50.0' && (
              <TextField
                name="internalTls.certificates.artifacts"
                label="Artifacts Secret"
                mono
                hint={`Chart 3.50's artifacts pod; SANs ${artifacts}, ${artifacts}.${namespace || '<namespace>'}, ${artifacts}.${namespace || '<namespace>'}.svc.`}
              />
            )}
            {cluster && (
              <TextField
                name="internalTls.certificates.keycloakCluster"
                label="Keycloak cluster Secret"
                mono
                hint="Needs ca.crt too."
              />
            )}
          </div>
          <ToggleField name="internalTls.verification" label="Verify certificates between pods" />
          <TextField
            name="internalTls.caSecretName"
            label="CA Secret (ca.crt)"
            mono
            placeholder="optional"
            hint="For a private CA; empty trusts the system's public CAs only."
          />
        </>
      )}
    </>
  );
}
