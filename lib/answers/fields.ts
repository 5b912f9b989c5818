import { z } from 'zod';
import { LIMITS } from './limits';
import { isCidr } from './text-checks';
import { isYamlAmbiguous } from './yaml-ambiguous';
import { ENCRYPTION_KEY_MESSAGE, ENCRYPTION_KEY_PATTERN } from './encryption-key';

/**
 * Field-level schemas shared by the answers schema and the values schema. Every message says what
 * is wrong and what to do, because it is shown next to the field and printed by the CLI.
 */

export { isYamlAmbiguous };

export const dnsLabelSchema = z
  .string()
  .min(1, { message: 'Required: enter a name such as "lightrun".', abort: true })
  .max(53, {
    message: 'Use at most 53 characters (Helm release names are limited to 53).',
    abort: true,
  })
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
  )
  .refine(
    (s) => !isYamlAmbiguous(s),
    'This name reads as a number or a boolean in YAML ("123", "y" …) and lands unquoted in labels and selectors: choose a name with a letter, e.g. lightrun.',
  );

/** Rendered unquoted by the chart: must read back as the same string (docs/chart-3.9.4.md G6). */
export const labelText = (required: string) =>
  z
    .string()
    .min(1, { message: required, abort: true })
    .max(63, { message: 'Use at most 63 characters.', abort: true })
    .regex(
      /^[a-z][a-z0-9_-]*$/,
      'Start with a lowercase letter; then use lowercase letters, digits, "_" or "-".',
    )
    .refine(
      (s) => !isYamlAmbiguous(s),
      'This word reads as a boolean or null in YAML ("yes", "on", "null" …): choose another.',
    );

export const labelTextSchema = labelText('Required.');

// Host names are trimmed first: one pasted from a document often carries spaces or a newline.
export const fqdnSchema = z
  .string()
  .trim()
  .min(1, {
    message: 'Required: enter the host name users will open, e.g. lightrun.your-company.com.',
    abort: true,
  })
  .max(253, { message: 'A host name has at most 253 characters.', abort: true })
  .refine((s) => !/^[a-z]+:\/\//i.test(s), {
    message: 'Enter the host name only, without "https://".',
    abort: true,
  })
  .refine((s) => !/[:/]/.test(s), {
    message: 'Enter the host name only, without a port or a path.',
    abort: true,
  })
  .refine((s) => s === s.toLowerCase(), {
    message: 'Use lowercase letters: Kubernetes Ingress hosts must be lowercase.',
    abort: true,
  })
  .regex(
    /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/,
    'Use a DNS name: labels of letters, digits and "-", separated by dots (e.g. lightrun.your-company.com).',
  )
  .refine(
    (s) => !isYamlAmbiguous(s),
    'This name reads as a number or boolean in YAML: use a real host name.',
  );

/** A bare host name or IP address (database, message queue). No scheme, no port. */
export const hostSchema = z
  .string()
  .trim()
  .min(1, {
    message: 'Required: enter the host name of the server, e.g. mysql.internal.example.com.',
    abort: true,
  })
  .max(LIMITS.host, { message: 'A host name has at most 253 characters.', abort: true })
  .refine((s) => !/^[a-z]+:\/\//i.test(s), {
    message: 'Enter the host name only, without a scheme such as "mysql://".',
    abort: true,
  })
  .refine((s) => !s.includes(':'), {
    message: 'Enter the host name only: the port is fixed by the chart, do not add ":port".',
    abort: true,
  })
  .refine((s) => /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?$/.test(s), {
    message: 'Use a DNS name or an IPv4 address (letters, digits, "-" and ".").',
    abort: true,
  })
  .refine(
    (s) => !isYamlAmbiguous(s),
    'This name reads as a number or boolean in YAML: use a real host name or a dotted IP address.',
  );

const short = (what: string) =>
  z
    .string()
    .max(LIMITS.short, { message: `${what} has at most ${LIMITS.short} characters.`, abort: true });

export const quantitySchema = short('A quantity').regex(
  /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/,
  'Use a Kubernetes quantity such as 100Gi, 512Mi or 10G.',
);

/** JVM heap is computed by the chart only from whole Gi/Mi figures (docs/chart-3.9.4.md §11). */
export const jvmMemorySchema = short('A memory figure').regex(
  /^[1-9]\d*(Gi|Mi)$/,
  'Use a whole number of Gi or Mi (e.g. 7Gi or 7168Mi): the chart derives the Java heap only from those.',
);

export const memorySchema = short('A memory figure').regex(
  /^[1-9]\d*(Ki|Mi|Gi|Ti|k|M|G|T)$/,
  'Use a whole number with a unit, e.g. 128Mi or 2Gi.',
);

export const cpuSchema = short('A CPU figure').regex(
  /^([1-9]\d*m|\d+(\.\d+)?)$/,
  'Use millicores such as 500m, or cores such as 2.',
);

export const secretNameSchema = z
  .string()
  .max(253, { message: 'A Secret name has at most 253 characters.', abort: true })
  .regex(
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
    'Use a Kubernetes object name: lowercase letters, digits, "-" and ".".',
  )
  .refine(
    (s) => !isYamlAmbiguous(s),
    'This Secret name reads as a number, a boolean or null in YAML ("0123", "yes" …) and the chart writes it unquoted, so the pod spec would be refused: rename the Secret.',
  );

/** Used unquoted in shell commands by the chart (keystore, MQ credentials). */
export const shellSafeSchema = z
  .string()
  .max(LIMITS.credential, { message: `Use at most ${LIMITS.credential} characters.`, abort: true })
  .regex(
    /^[A-Za-z0-9._-]*$/,
    'Use letters, digits, ".", "_" or "-" only: the chart passes this value unquoted to a shell.',
  );

export const aesKeySchema = short('The AES key').regex(
  /^[0-9a-fA-F]{32}$/,
  'Enter exactly 32 hexadecimal characters (a 128-bit key, as `openssl rand -hex 16` prints), or generate one.',
);

/** The chart 3.50 encryption key (docs/chart-3.50.md §10): base64 of exactly 32 bytes. */
export const encryptionKeySchema = short('The encryption key').regex(
  ENCRYPTION_KEY_PATTERN,
  ENCRYPTION_KEY_MESSAGE,
);

export const absolutePathSchema = z
  .string()
  .max(LIMITS.path, { message: `A path has at most ${LIMITS.path} characters.`, abort: true })
  .regex(/^\/[A-Za-z0-9._/-]*$/, 'Use an absolute directory path such as /keys.')
  .refine(
    (p) =>
      !['/tmp', '/p12', '/dumps', '/jcache-config', '/usr/src/lightrun'].some(
        (r) => p === r || p.startsWith(`${r}/`),
      ),
    'This path is used by the backend container itself (/tmp, /p12, /dumps, /jcache-config, /usr/src/lightrun): choose another, e.g. /keys.',
  );

export const imageTagSchema = z
  .string()
  .min(1, {
    message:
      'Required: the Lightrun version to run (chart 3.9.4 pairs with 1.50.1-release.ef66f0e08e). An empty tag makes every pod fail.',
    abort: true,
  })
  .max(128, { message: 'An image tag has at most 128 characters.', abort: true })
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
    'Use a container image tag: letters, digits, "_", "." and "-".',
  );

const CIDR_MESSAGE = 'Use CIDR notation, e.g. 10.0.0.0/8, 203.0.113.7/32 or fd00::/8.';
// The pattern only screens the alphabet (for values.schema.json); the structure is checked by
// plain code: the old one-regex form backtracked quadratically on long runs of ":" (issue 10).
export const cidrSchema = z
  .string()
  .max(LIMITS.cidr, { message: `A CIDR has at most ${LIMITS.cidr} characters.`, abort: true })
  // abort: an entry that fails the alphabet fails the structure too; one message, not two (issue 25)
  .regex(/^[0-9A-Fa-f:.]+\/\d{1,3}$/, { message: CIDR_MESSAGE, abort: true })
  .refine(isCidr, CIDR_MESSAGE);

export const portSchema = z
  .string()
  .max(5, { message: 'Use a port number from 1 to 65535 (digits only).', abort: true })
  .regex(
    /^([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])$/,
    'Use a port number from 1 to 65535 (digits only).',
  );

export const annotationKeySchema = z
  .string()
  .min(1, { message: 'Enter the annotation key.', abort: true })
  .max(LIMITS.annotationKey, {
    message:
      'An annotation key has at most 317 characters (a 253-character prefix, "/", a 63-character name).',
    abort: true,
  })
  .regex(
    /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    'Use an annotation key such as prometheus.io/scrape.',
  )
  // The API server's limits: prefix (a DNS subdomain) at most 253, name at most 63 characters.
  .refine(
    (k) => (k.includes('/') ? k.slice(0, k.indexOf('/')).length <= 253 : true),
    'The prefix before "/" has at most 253 characters.',
  )
  .refine(
    (k) => k.slice(k.indexOf('/') + 1).length <= 63,
    'The annotation name after "/" has at most 63 characters: shorten it.',
  );

export const annotationSchema = z.strictObject({
  key: annotationKeySchema,
  value: z.string().max(LIMITS.annotationsTotal, {
    message: 'Kubernetes allows at most 256 KiB of annotations per object.',
    abort: true,
  }),
});
export type Annotation = z.infer<typeof annotationSchema>;
export const annotationsSchema = z
  .array(annotationSchema)
  .max(LIMITS.annotationsPerObject, {
    message: `List at most ${LIMITS.annotationsPerObject} annotations.`,
    abort: true,
  })
  .refine(
    (list) =>
      list.reduce((n, a) => n + a.key.length + a.value.length, 0) <= LIMITS.annotationsTotal,
    'Kubernetes allows at most 256 KiB of annotations per object: shorten the values.',
  );

export const retentionSchema = z.enum(['', 'Retain', 'Delete']);

/**
 * The private registry's host, as the first component of an image reference: a DNS name or IPv4
 * address, optionally `:port`. It must hold a "." or a port (or be localhost): containerd reads a
 * first component without either as a Docker Hub account, so `myregistry/lightruncom/server`
 * would be pulled from Docker Hub.
 */
export const registryHostSchema = z
  .string()
  .min(1, {
    message:
      'Required: enter the registry host the cluster pulls from, e.g. registry.example.com or registry.example.com:5000.',
    abort: true,
  })
  .max(LIMITS.host + 6, {
    message: 'A registry host has at most 253 characters plus ":port".',
    abort: true,
  })
  .refine((s) => !/^[a-z]+:\/\//i.test(s), {
    message: 'Enter the host only, without "https://": image references have no scheme.',
    abort: true,
  })
  .refine((s) => !s.includes('/'), {
    message: 'Enter the host (and port) only; put the path after it into "Path prefix".',
    abort: true,
  })
  .refine((s) => s === s.toLowerCase(), {
    message: 'Use lowercase letters: image references need a lowercase registry host.',
    abort: true,
  })
  .refine((s) => registryHostProblem(s) === null, {
    message:
      'Use a host name or IPv4 address, optionally with :port (1-65535), e.g. registry.example.com:5000.',
    abort: true,
  })
  .refine(
    (s) => s.includes('.') || s.includes(':') || s === 'localhost',
    'Add the domain (registry.example.com) or the port (registry:5000): a name without either is read as a Docker Hub account, so the images would be pulled from Docker Hub.',
  );

function registryHostProblem(s: string): string | null {
  const colon = s.indexOf(':');
  const host = colon < 0 ? s : s.slice(0, colon);
  if (colon >= 0) {
    const port = s.slice(colon + 1);
    if (!/^[1-9]\d{0,4}$/.test(port) || Number(port) > 65535) return 'port';
  }
  if (host.length === 0 || host.length > LIMITS.host) return 'host';
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/.test(host)
    ? null
    : 'host';
}

/**
 * The host name of a private registry's token service when it is not the registry's own (GitLab's
 * registry sends clients to the GitLab host), or empty. The preflight sends the pull secret's login
 * to a Bearer realm only on the registry's host or this one (docs/preflight.md#passwords-only-over-tls).
 */
export const tokenHostSchema = z
  .string()
  .max(LIMITS.host, { message: 'A host name has at most 253 characters.', abort: true })
  .refine((s) => !/^[a-z]+:\/\//i.test(s), {
    message: 'Enter the host name only, without "https://": the token service must serve HTTPS.',
    abort: true,
  })
  .refine(
    (s) => s === '' || (!s.includes(':') && registryHostProblem(s.toLowerCase()) === null),
    'Enter a host name or IPv4 address without a port or a path (e.g. gitlab.example.com), or leave it empty.',
  )
  .refine((s) => s === s.toLowerCase(), 'Use lowercase letters.');

/** Path components under the registry host the images go to (`mirror/lightrun`); empty for none. */
export const registryPrefixSchema = z
  .string()
  .max(200, { message: 'A path prefix has at most 200 characters.', abort: true })
  .refine((s) => !s.startsWith('/') && !s.endsWith('/'), {
    message: 'Write the prefix without a leading or trailing "/", e.g. mirror/lightrun.',
    abort: true,
  })
  .refine(
    (s) => s === '' || s.split('/').every((c) => /^[a-z0-9]+([._-]+[a-z0-9]+)*$/.test(c)),
    'Use lowercase path components of letters, digits, ".", "_" and "-", separated by "/" (e.g. mirror/lightrun).',
  );
