'use client';

import { useWatch } from 'react-hook-form';
import { branches } from '@/lib/browser/branches';
import { isGenerated } from '@/lib/browser/random';
import { AnnotationsField } from '../annotations-field';
import { ChoiceField } from '../choice-field';
import { TextField } from '../text-field';
import { ToggleField } from '../toggle-field';
import { useSetAnswer } from '../use-set-answer';

const PROMETHEUS = [
  { key: 'prometheus.io/scrape', value: 'true' },
  { key: 'prometheus.io/path', value: '/metrics' },
  { key: 'prometheus.io/port', value: '15692' },
];

export function MessageQueueStep() {
  const { set, answers } = useSetAnswer();
  const [mode, kind, secretsMode, mqPassword] = useWatch({
    name: [
      'messageQueue.mode',
      'messageQueue.storage.kind',
      'secrets.mode',
      'messageQueue.password',
    ],
  }) as [string, string, string, string];
  return (
    <>
      <ChoiceField
        name="messageQueue.mode"
        legend="RabbitMQ"
        onSelect={(m) => set('messageQueue', branches.messageQueue(answers(), m))}
        choices={[
          { value: 'off', label: 'No message queue', description: 'The chart default.' },
          {
            value: 'local',
            label: 'Run RabbitMQ in the cluster',
            description: 'A StatefulSet and the service mq_endpoint.',
          },
          {
            value: 'external',
            label: 'Use my RabbitMQ',
            description: 'AMQP on the port below, management API on 15672.',
          },
        ]}
      />
      {mode === 'external' && (
        <TextField
          name="messageQueue.endpoint"
          label="RabbitMQ host"
          mono
          placeholder="rabbitmq.internal.example.com"
        />
      )}
      {mode !== 'off' && (
        <>
          <div className="grid-2">
            <TextField name="messageQueue.port" label="AMQP port" mono />
            <TextField name="messageQueue.queueName" label="Queue name" mono />
            {secretsMode === 'chart' && (
              <TextField name="messageQueue.user" label="RabbitMQ user" mono />
            )}
            {secretsMode === 'chart' && (
              <TextField
                name="messageQueue.password"
                label="RabbitMQ password"
                secret
                hint={
                  mode !== 'local'
                    ? 'The password of that user on your broker.'
                    : isGenerated(mqPassword)
                      ? 'Generated in your browser.'
                      : 'RabbitMQ is created with it at the first install: for an upgrade, enter the password it was installed with.'
                }
              />
            )}
          </div>
          {secretsMode !== 'chart' && (
            <p className="hint">
              The RabbitMQ user and password go into your own backend Secret
              (SPRING_RABBITMQ_USERNAME/PASSWORD).
            </p>
          )}
        </>
      )}
      {mode === 'local' && (
        <>
          <ChoiceField
            name="messageQueue.storage.kind"
            legend="Storage"
            columns={2}
            onSelect={(k) => set('messageQueue.storage', branches.mqStorage(k))}
            choices={[
              {
                value: 'persistent',
                label: 'Persistent volume',
                description: 'Queued events survive a pod restart.',
              },
              {
                value: 'ephemeral',
                label: 'No volume — storage "0"',
                description: 'For tests: all queue data is lost on a pod restart.',
              },
            ]}
          />
          {kind === 'persistent' && (
            <div className="grid-2">
              <TextField name="messageQueue.storage.size" label="Volume size" mono />
              <TextField
                name="messageQueue.storage.storageClassName"
                label="StorageClass"
                mono
                placeholder="cluster default"
              />
            </div>
          )}
          <ToggleField
            name="messageQueue.metrics"
            label="Expose Prometheus metrics"
            hint="Enables the RabbitMQ Prometheus plugin; metrics are served by the service on port 15692."
          />
          <AnnotationsField
            name="messageQueue.serviceAnnotations"
            legend="RabbitMQ service annotations"
            hint="For Prometheus autodiscovery, annotate the service (scrape, path, port)."
            presets={{ label: 'Add Prometheus annotations', items: PROMETHEUS }}
          />
        </>
      )}
    </>
  );
}
