'use client';

import dynamic from 'next/dynamic';
import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { isGenerated, randomAesKey } from '@/lib/browser/random';
import { ChoiceField } from '../choice-field';
import { MoreSection } from '../more-section';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

// Chart 3.50's encryption key field and AES note: loaded only for a 3.50 plan (first-load budget).
const Keys350 = dynamic(() => import('../chart-350-secrets').then((m) => m.Keys350), {
  ssr: false,
});

// Chart 3.50's custom CA for LDAPS: the same, loaded only for a 3.50 plan.
const CustomCa350 = dynamic(() => import('../chart-350-only').then((m) => m.CustomCa350), {
  ssr: false,
});

export function SecretsStep() {
  const { set, answers } = useSetAnswer();
  const [mode, aes, release, ns, kc, ks, chart] = useWatch({
    name: [
      'secrets.mode',
      'apiKeysEncryption.enabled',
      'release.name',
      'release.namespace',
      'secrets.keycloakPassword',
      'secrets.keystorePassword',
      'chart',
    ],
  }) as [string, boolean, string, string, string, string, string];
  const is350 = chart === '3.50.0';
  const generated = [
    isGenerated(kc) && 'the Keycloak admin password',
    isGenerated(ks) && 'the keystore password',
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <>
      <ChoiceField
        name="secrets.mode"
        legend="Who creates the Secrets"
        columns={2}
        onSelect={(m) =>
          branches.secretValues(answers(), m).forEach(([path, value]) => set(path, value))
        }
        choices={[
          {
            value: 'chart',
            label: 'The chart (deploy_secrets)',
            description: 'Simplest. Values also land in the Helm release record.',
          },
          {
            value: 'existing',
            label: 'I create them',
            description:
              'Secrets stay out of values and out of git; you create them before installing.',
          },
        ]}
      />
      {mode === 'chart' ? (
        <>
          <div className="callout info" data-testid="generated-note">
            {generated && (
              <>
                {generated[0]!.toUpperCase() + generated.slice(1)}{' '}
                {generated.includes(' and ') ? 'were' : 'was'} generated in your browser.{' '}
              </>
            )}
            The first login is <code>administrator@localhost.com</code> with the Keycloak admin
            password; after the install read it with{' '}
            <code>{`kubectl get secret ${release}-backend -n ${ns} -o jsonpath='{.data.SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD}' | base64 -d`}</code>
            .
          </div>
          <div className="grid-2">
            <TextField
              name="secrets.keycloakPassword"
              label="Keycloak admin / first-login password"
              secret
            />
            <TextField name="secrets.keystorePassword" label="Backend keystore password" secret />
          </div>
          <MoreSection
            summary="Integrations (optional)"
            paths={[
              'secrets.mailPassword',
              'secrets.googleClientId',
              'secrets.googleClientSecret',
              'secrets.datadogApiKey',
              'secrets.mixpanelToken',
              'secrets.hubspotToken',
            ]}
          >
            <div className="grid-2">
              <TextField name="secrets.mailPassword" label="Mail server password" secret />
              <TextField name="secrets.googleClientId" label="Google SSO client ID" secret />
              <TextField
                name="secrets.googleClientSecret"
                label="Google SSO client secret"
                secret
              />
              <TextField name="secrets.datadogApiKey" label="Datadog API key" secret />
              <TextField name="secrets.mixpanelToken" label="Mixpanel token" secret />
              <TextField name="secrets.hubspotToken" label="HubSpot token" secret />
            </div>
          </MoreSection>
        </>
      ) : (
        <>
          <p className="hint" data-testid="existing-secrets-note">
            The license, the database and message-queue credentials and the AES key go into these
            Secrets, not into values.yaml (keys: LICENSE_CONTENT, LICENSE_SIGNATURE,
            SPRING_DATASOURCE_USERNAME/PASSWORD, SPRING_SECURITY_KEYCLOAK_CLI_PASSWORD,
            KEYSTORE_PASSWORD… in the backend Secret; KEYCLOAK_USER/PASSWORD, DB_USER/PASSWORD in
            the keycloak Secret; aes.key in the AES Secret).
          </p>
          <div className="grid-3">
            <TextField
              name="secrets.backend"
              label="Backend Secret"
              mono
              placeholder={`${release}-backend`}
            />
            <TextField
              name="secrets.keycloak"
              label="Keycloak Secret"
              mono
              placeholder={`${release}-keycloak`}
            />
            <TextField
              name="secrets.apiKeysEncryption"
              label="AES key Secret"
              mono
              placeholder={`${release}-aes`}
            />
          </div>
        </>
      )}
      {is350 ? <Keys350 outside={mode !== 'chart'} /> : <AesKey mode={mode} aes={aes} />}
      {is350 && <CustomCa350 />}
    </>
  );
}

/** Chart 3.9.4's AES key for the system API keys (chart 3.50 replaced it with encryption keys). */
function AesKey({ mode, aes }: { mode: string; aes: boolean }) {
  const { set } = useSetAnswer();
  return (
    <>
      <h2 className="group-title">System API keys encryption</h2>
      <ToggleField
        name="apiKeysEncryption.enabled"
        label="Encrypt system API keys with an AES key"
        hint="The backend reads a 128-bit hex key from aes.key. Keep a copy: another key makes stored API keys unreadable."
        onToggle={(on) => set('apiKeysEncryption', branches.apiKeysEncryption(on))}
      />
      {aes && (
        <div className="nested">
          {mode === 'chart' && (
            <TextField
              name="apiKeysEncryption.aesKey"
              label="AES key (32 hex characters)"
              secret
              mono
            >
              <button
                type="button"
                className="button secondary small"
                data-testid="generate-aes"
                onClick={() => set('apiKeysEncryption.aesKey', randomAesKey())}
              >
                Generate
              </button>
            </TextField>
          )}
          <TextField name="apiKeysEncryption.mountPath" label="Key mount path" mono />
        </div>
      )}
    </>
  );
}
