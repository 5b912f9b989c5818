'use client';

import type { StepId } from '@/lib/answers';
import { CertificateStep } from './steps/certificate-step';
import { DatabaseStep } from './steps/database-step';
import { EndpointStep } from './steps/endpoint-step';
import { ExternalAccessStep } from './steps/external-access-step';
import { InternalTlsStep } from './steps/internal-tls-step';
import { MessageQueueStep } from './steps/message-queue-step';
import { SecretsStep } from './steps/secrets-step';
import { SecurityStep } from './steps/security-step';
import { SizingStep } from './steps/sizing-step';

const BODIES: Record<Exclude<StepId, 'review'>, () => React.JSX.Element> = {
  endpoint: EndpointStep,
  certificate: CertificateStep,
  database: DatabaseStep,
  'message-queue': MessageQueueStep,
  'external-access': ExternalAccessStep,
  'internal-tls': InternalTlsStep,
  security: SecurityStep,
  secrets: SecretsStep,
  sizing: SizingStep,
};

export function StepBody({ id }: { id: Exclude<StepId, 'review'> }) {
  const Body = BODIES[id];
  return <Body />;
}
