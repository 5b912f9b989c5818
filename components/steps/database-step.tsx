'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { isGenerated } from '@/lib/browser/random';
import { ChoiceField } from '../choice-field';
import { FieldError } from '../field-error';
import { fieldId } from '../field-ids';
import { useFieldIssue } from '../issues-context';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

const RETENTION = [
  // the chart sets no policy: Kubernetes' own default, Retain, applies
  { value: '', label: 'Not set: Kubernetes keeps the volume (Retain)' },
  { value: 'Retain', label: 'Retain' },
  { value: 'Delete', label: 'Delete' },
];

export function DatabaseStep() {
  const { set, answers } = useSetAnswer();
  const [mode, kind, secretsMode, password] = useWatch({
    name: ['database.mode', 'database.storage.kind', 'secrets.mode', 'database.password'],
  }) as [string, string, string, string];
  const chartSecrets = secretsMode === 'chart';
  return (
    <>
      <ChoiceField
        name="database.mode"
        legend="MySQL server"
        columns={2}
        onSelect={(m) => set('database', branches.database(answers(), m))}
        choices={[
          {
            value: 'local',
            label: 'Run MySQL in the cluster',
            description: 'A StatefulSet in the namespace, managed by the chart.',
          },
          {
            value: 'external',
            label: 'Use my MySQL server',
            description: 'Pre-created database, InnoDB, lower_case_table_names=1, port 3306.',
          },
        ]}
      />
      {mode === 'external' && (
        <TextField
          name="database.endpoint"
          label="MySQL host"
          mono
          placeholder="mysql.internal.example.com"
          hint="Host name or IP only: the chart always connects on port 3306."
        />
      )}
      {mode === 'local' && (
        <ChoiceField
          name="database.storage.kind"
          legend="Storage"
          columns={2}
          onSelect={(k) => set('database.storage', branches.dbStorage(k))}
          choices={[
            {
              value: 'persistent',
              label: 'Persistent volume',
              description: 'Data survives pod restarts and rescheduling.',
            },
            {
              value: 'ephemeral',
              label: 'No volume (trials only)',
              description: 'emptyDir: every restart of the MySQL pod loses all data.',
            },
          ]}
        />
      )}
      {mode === 'local' && kind === 'persistent' && (
        <div className="grid-2">
          <TextField name="database.storage.size" label="Volume size" mono />
          <TextField
            name="database.storage.storageClassName"
            label="StorageClass"
            mono
            placeholder="cluster default"
            hint="Empty uses the cluster's default StorageClass."
          />
          <SelectRetention
            name="database.storage.whenDeleted"
            label="PVC when the StatefulSet is deleted"
          />
          <SelectRetention name="database.storage.whenScaled" label="PVC when scaled down" />
        </div>
      )}
      {mode === 'local' && kind === 'ephemeral' && (
        <TextField name="database.storage.sizeLimit" label="emptyDir size limit" mono />
      )}
      <div className="grid-2">
        <TextField name="database.name" label="Database name" mono />
        {chartSecrets && <TextField name="database.user" label="Database user" mono />}
      </div>
      {chartSecrets ? (
        <TextField
          name="database.password"
          label="Database password"
          secret
          hint={
            mode === 'external'
              ? 'The password of that user on your server.'
              : isGenerated(password)
                ? 'Generated in your browser; MySQL is created with it at the first install and keeps it.'
                : 'MySQL is created with it at the first install and keeps it: for an upgrade, enter the password it was installed with.'
          }
        />
      ) : (
        <p className="hint" data-testid="db-credentials-outside">
          The database user and password go into your own backend and keycloak Secrets (step
          “Secrets &amp; API keys”).
        </p>
      )}
      <ToggleField name="database.requireSecureTransport" label="Require TLS to the database" />
    </>
  );
}

function SelectRetention({ name, label }: { name: string; label: string }) {
  const { set } = useSetAnswer();
  const value = useWatch({ name }) as string;
  const id = fieldId(name);
  const error = useFieldIssue(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={`field-${name}`}
        aria-invalid={error ? true : undefined}
        value={value}
        onChange={(e) => set(name, e.target.value)}
      >
        {RETENTION.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      <FieldError name={name} message={error} />
    </div>
  );
}
