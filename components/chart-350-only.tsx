'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { ChoiceField } from './choice-field';
import { FileButton } from './file-button';
import { MoreSection } from './more-section';
import { TextField } from './text-field';
import { useSetAnswer } from './use-set-answer';

/**
 * Chart 3.50's custom CA for LDAPS (docs/chart-3.50.md §4): none, the CA's PEM (the chart makes a
 * Secret of it) or an existing Secret. Loaded only for a 3.50 plan; the rules (F2, T8, T9) are
 * the schema's and show on the choice.
 */
export function CustomCa350() {
  const { set } = useSetAnswer();
  const [mode, release] = useWatch({ name: ['customCa.mode', 'release.name'] }) as [
    string | undefined,
    string,
  ];
  return (
    <>
      <h2 className="group-title">Custom CA for LDAPS (optional)</h2>
      <ChoiceField
        name="customCa.mode"
        legend="A CA Keycloak should trust, e.g. your LDAP server's"
        absent="none"
        onSelect={(m) => set('customCa', branches.customCa(m))}
        choices={[
          { value: 'none', label: 'None', description: 'Keycloak trusts the usual public CAs.' },
          {
            value: 'inline',
            label: 'Paste the CA certificate',
            description: `The chart creates Secret ${release}-custom-ca-certificate from it.`,
          },
          {
            value: 'existing',
            label: 'An existing Secret',
            description: 'You create it, with the CA in a key ending in .pem.',
          },
        ]}
      />
      {mode === 'inline' && (
        <TextField
          name="customCa.pem"
          label="CA certificate (PEM)"
          multiline
          mono
          hint="The certificate of the CA that signed your LDAP server's certificate, starting with -----BEGIN CERTIFICATE-----; Keycloak then trusts ldaps:// connections to that server."
        >
          <FileButton
            label="Upload…"
            accept=".crt,.pem,.cer"
            testId="upload-customCa.pem"
            onText={(t) => set('customCa.pem', t)}
          />
        </TextField>
      )}
      {mode === 'existing' && (
        <TextField
          name="customCa.secretName"
          label="CA Secret name"
          mono
          placeholder="ldap-ca"
          hint="A Secret in the release namespace; each key ending in .pem (e.g. ca.pem) is added to Keycloak's trust store."
        />
      )}
    </>
  );
}

/**
 * Chart 3.50's signed system configuration (docs/chart-3.50.md §4, T11), under the license it
 * comes with. Loaded only for a 3.50 plan.
 */
export function SystemConfig350() {
  const { set } = useSetAnswer();
  const upload = (path: string) => (text: string) => set(path, text.trim());
  return (
    <MoreSection summary="System configuration from Lightrun (optional)" paths={['systemConfig']}>
      <p className="hint" data-testid="system-config-note">
        Only if Lightrun sent you one: a signed server configuration in two parts. Paste both as
        sent — the base64 text, not the JSON it decodes to.
      </p>
      <TextField name="systemConfig.content" label="System configuration content" multiline mono>
        <FileButton
          label="Upload…"
          testId="upload-systemConfig.content"
          onText={upload('systemConfig.content')}
        />
      </TextField>
      <TextField
        name="systemConfig.signature"
        label="System configuration signature"
        multiline
        mono
      >
        <FileButton
          label="Upload…"
          testId="upload-systemConfig.signature"
          onText={upload('systemConfig.signature')}
        />
      </TextField>
    </MoreSection>
  );
}
