'use client';

import dynamic from 'next/dynamic';
import { useWatch } from 'react-hook-form';
import { LIGHTRUN_VERSION } from '@/lib/answers/constants';
import { branches } from '@/lib/browser/branches';
import { ChoiceField, type Choice } from '../choice-field';
import { FileButton } from '../file-button';
import { MoreSection } from '../more-section';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';
import { useWizardStore } from '../wizard-store';

// Chart 3.50's signed system configuration: loaded only for a 3.50 plan (first-load budget).
const SystemConfig350 = dynamic(() => import('../chart-350-only').then((m) => m.SystemConfig350), {
  ssr: false,
});

/** The chart versions the wizard writes values for, each with what sets it apart (docs/chart-3.50.md). */
const CHART_CHOICES: Choice<'3.50.0' | '3.9.4'>[] = [
  {
    value: '3.50.0',
    label: 'Lightrun chart 3.50.0 (Lightrun 1.91, current)',
    description:
      'The router is the only way in, the message queue is on by default, an encryption key replaces the AES key, Keycloak is a StatefulSet, MySQL 8.4.',
  },
  {
    value: '3.9.4',
    label: 'Lightrun chart 3.9.4 (Lightrun 1.50, the deployment guide’s)',
    description: 'Ingresses or a standalone nginx in front, an optional AES key, MySQL 8.0.',
  },
];

export function EndpointStep() {
  const { set, answers } = useSetAnswer();
  const store = useWizardStore();
  // Until the admin has opened the message-queue step, the queue follows the chart's default
  // (3.50: a local RabbitMQ with generated credentials; 3.9.4: none).
  const chooseChart = (v: string) => {
    const mq = store.get().visited.has('message-queue') ? 'chosen' : 'follow';
    branches
      .chart(answers(), v as '3.9.4' | '3.50.0', undefined, mq)
      .forEach(([path, value]) => set(path, value));
  };
  const [pull, secretsMode, registry, chart] = useWatch({
    name: ['pullSecret.mode', 'secrets.mode', 'registry.mode', 'chart'],
  }) as [string, string, string, string];
  const upload = (path: string) => (text: string) => set(path, text.trim());
  return (
    <>
      <ChoiceField
        name="chart"
        legend="Lightrun chart version"
        columns={2}
        onSelect={chooseChart}
        choices={CHART_CHOICES}
      />
      <TextField
        name="general.endpoint"
        label="Endpoint host name"
        placeholder="lightrun.your-company.com"
        mono
        hint="The host users, IDE plugins and agents open on port 443 — without https:// or a port."
      />
      <TextField
        name="general.name"
        label="Organisation name"
        mono
        placeholder="acme"
        hint="Lowercase, e.g. your company's name: the server shows it as its host name label (general.name)."
      />
      {secretsMode === 'chart' ? (
        <>
          <TextField
            name="license.content"
            label="License content"
            multiline
            secret
            hint="Exactly as Lightrun sent it. Upload the file or paste it."
          >
            <FileButton
              label="Upload…"
              testId="upload-license.content"
              onText={upload('license.content')}
            />
          </TextField>
          <TextField name="license.signature" label="License signature" multiline secret>
            <FileButton
              label="Upload…"
              testId="upload-license.signature"
              onText={upload('license.signature')}
            />
          </TextField>
        </>
      ) : (
        <p className="hint" data-testid="license-outside">
          The license goes into your own backend Secret (LICENSE_CONTENT, LICENSE_SIGNATURE):
          Secrets are created outside the chart (step “Secrets &amp; API keys”).
        </p>
      )}
      {chart === '3.50.0' && <SystemConfig350 />}
      <MoreSection
        summary="Release, namespace, version and registry"
        paths={[
          'release',
          'general.lightrunVersion',
          'general.artifactsDownload',
          'general.openshift',
          'registry',
          'pullSecret',
        ]}
      >
        <div className="grid-2">
          <TextField
            name="release.name"
            label="Helm release name"
            mono
            hint="Every object is named <release>-<component>."
          />
          <TextField name="release.namespace" label="Namespace" mono />
        </div>
        {chart !== '3.50.0' && (
          // chart 3.50's values always name the version it pairs with (1.91): no field for it
          <TextField
            name="general.lightrunVersion"
            label="Lightrun version (image tag)"
            mono
            hint={`Chart 3.9.4 pairs with ${LIGHTRUN_VERSION}.`}
          />
        )}
        <ToggleField
          name="general.artifactsDownload"
          label="Download IDE plugin artifacts from artifacts.lightrun.com"
          hint="The backend fetches IDE plugin versions from artifacts.lightrun.com. Off for air-gapped servers: plugin installs and updates then need manual steps."
        />
        <ToggleField
          name="general.openshift"
          label="Install on OpenShift"
          hint="The security context constraints assign user IDs."
        />
        <ChoiceField
          name="registry.mode"
          legend="Image registry"
          columns={2}
          onSelect={(m) => set('registry', branches.registry(m))}
          choices={[
            {
              value: 'public',
              label: 'Public registries',
              description: 'Docker Hub, as the chart names the images.',
            },
            {
              value: 'private',
              label: 'Private registry',
              description: 'A mirror the cluster can reach: for installs without internet.',
            },
          ]}
        />
        {registry === 'private' && (
          <div className="grid-2" data-testid="registry-fields">
            <TextField
              name="registry.host"
              label="Registry host[:port]"
              placeholder="registry.example.com:5000"
              mono
              hint="The cluster pulls every image from here."
            />
            <TextField
              name="registry.prefix"
              label="Path prefix"
              placeholder="mirror/lightrun"
              mono
              hint="lightruncom/server becomes <host>/<prefix>/lightruncom/server. Empty: right under the host."
            />
            <ToggleField
              name="registry.insecure"
              label="Plain HTTP (insecure registry)"
              hint="Every node's container runtime must allow it too. Only then does the preflight ask it over HTTP, the pull secret's login included."
            />
            <TextField
              name="registry.tokenHost"
              label="Token service host (optional)"
              placeholder="gitlab.example.com"
              mono
              hint="When the registry sends clients for a token to another host (GitLab's registry: the GitLab host). The preflight sends the login to no other host, and only over HTTPS."
            />
          </div>
        )}
        <ChoiceField
          name="pullSecret.mode"
          legend="Image pull secret"
          onSelect={(m) => set('pullSecret', branches.pullSecret(m))}
          choices={[
            {
              value: 'none',
              label: 'None',
              description:
                registry === 'private'
                  ? 'The registry allows anonymous pulls.'
                  : 'Images are public or mirrored.',
            },
            {
              value: 'existing',
              label: 'Existing Secret',
              description: 'A dockerconfigjson Secret in the namespace.',
            },
            {
              value: 'inline',
              label: 'Upload config',
              description:
                registry === 'private'
                  ? 'The chart creates the Secret; the config must hold a login for the private registry.'
                  : 'The chart creates the Secret.',
            },
          ]}
        />
        {pull === 'existing' && <TextField name="pullSecret.name" label="Pull Secret name" mono />}
        {pull === 'inline' && (
          <TextField
            name="pullSecret.configContent"
            label="Docker config (base64)"
            secret
            mono
            hint="Upload ~/.docker/config.json; it is base64-encoded for you."
          >
            <FileButton
              label="Upload…"
              testId="upload-pullSecret"
              onText={(t) => set('pullSecret.configContent', btoa(unescape(encodeURIComponent(t))))}
            />
          </TextField>
        )}
      </MoreSection>
    </>
  );
}
