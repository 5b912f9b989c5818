/**
 * Natural maxima of every answer, so no string or list is unbounded (issue 10: an unbounded field
 * let one request pin the server). Each figure comes from where the value lands; the messages say so.
 */
export const LIMITS = {
  /** RFC 1035 host name. */
  host: 253,
  /** RFC 1123 label: namespaces, label values. */
  dnsLabel: 63,
  /** Kubernetes object names (DNS subdomain). */
  objectName: 253,
  /** A Lightrun license is a few KB; 64 KiB leaves room for any format change without admitting megabytes. */
  licenseContent: 65_536,
  licenseSignature: 16_384,
  /** A PEM chain of 16 certificates of 4 KB each. */
  pemChain: 65_536,
  /** An RSA 16384-bit private key in PEM is about 12.6 KB. */
  pemKey: 16_384,
  /** base64 of a .dockerconfigjson with dozens of registries. */
  dockerConfig: 65_536,
  /** Passwords, user names, tokens and API keys. */
  credential: 1_024,
  /** RabbitMQ queue names are at most 255 bytes. */
  queueName: 255,
  /** Kubernetes: all annotations of one object together at most 256 KiB. */
  annotationsTotal: 262_144,
  /** Annotation key: 253-character prefix, "/", 63-character name. */
  annotationKey: 317,
  annotationsPerObject: 64,
  /** Namespaces or CIDRs listed in one network-policy direction. */
  policyPeers: 256,
  /** IPv6 CIDR: 39 characters of address, "/", 3 digits. */
  cidr: 43,
  /** Chart 3.50's pinned certificate hashes beside the current one (a rotation needs one). */
  pinnedHashes: 16,
  /** One pinned hash as typed: 64 hex digits, with room to say what else was pasted. */
  pinHash: 128,
  /** Quantities, CPU figures, paths, image tags: short by nature. */
  short: 64,
  path: 1_024,
} as const;
