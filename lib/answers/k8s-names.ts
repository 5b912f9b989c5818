import { z } from 'zod';
import { isYamlAmbiguous } from './yaml-ambiguous';

/**
 * Names that land in Kubernetes objects where the vendor chart writes them unquoted
 * (docs/chart-3.9.4.md G6): a StorageClass or IngressClass named `yes`, `0123` or `null` turns
 * into a boolean, a number or nothing in the rendered manifest, and the API server refuses the
 * object. Each schema checks what the API validates there (DNS-1123 label or subdomain) and
 * refuses YAML-ambiguous words, with a message that names the field and says what to do.
 */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const ambiguity = (what: string, todo: string) =>
  `This ${what} reads as a number, a boolean or null in YAML ("yes", "0123", "null" …) and the chart writes it unquoted, so Kubernetes would refuse it: ${todo}`;

/** A DNS-1123 subdomain (StorageClass, IngressClass, Secret) that survives an unquoted render. */
export function objectNameSchema(what: string, todo: string, opts: { optional?: boolean } = {}) {
  const s = z
    .string()
    .max(253, { message: `A ${what} name has at most 253 characters.`, abort: true })
    .regex(
      DNS_SUBDOMAIN,
      `Use a Kubernetes ${what} name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.`,
    )
    .refine((v) => !isYamlAmbiguous(v), ambiguity(`${what} name`, todo));
  return opts.optional ? z.union([z.literal(''), s]) : s;
}

/** A namespace name (DNS-1123 label, at most 63) used as a label value in the network policy. */
export const namespaceNameSchema = z
  .string()
  .min(1, { message: 'Enter a namespace name.', abort: true })
  .max(63, { message: 'A namespace name has at most 63 characters.', abort: true })
  .regex(
    DNS_LABEL,
    'Use a namespace name: lowercase letters, digits and "-", starting and ending with a letter or digit.',
  )
  .refine(
    (v) => !isYamlAmbiguous(v),
    ambiguity(
      'namespace name',
      'a namespace with such a name cannot be matched; list the namespace by its real name.',
    ),
  );

/** The RabbitMQ queue name: an env value and a queue definition, written unquoted. */
export const queueNameSchema = z
  .string()
  .min(1, { message: 'Enter the queue name (the chart default is mixpanel-events).', abort: true })
  .max(255, { message: 'RabbitMQ queue names have at most 255 characters.', abort: true })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Use letters, digits, ".", "_" and "-" for the queue name, e.g. mixpanel-events.',
  )
  .refine(
    (v) => !isYamlAmbiguous(v),
    ambiguity('queue name', 'choose another, e.g. mixpanel-events.'),
  );
