/**
 * Lightrun's chart as published (docs/air-gap.md), in a module of its own: the wizard's first page
 * needs the reference and not the mirror commands of `mirror.ts` (the first-load budget).
 */

/** The version of Lightrun's chart the wizard targets: its one constant (the profile's version). */
const VENDOR_CHART_VERSION = '3.9.4';

/**
 * The vendor's chart as published: the single place of its reference and version, read by
 * lib/install/request.ts (a request that names no chart), the install panel and Review's helm
 * command.
 */
export const VENDOR_CHART = {
  ref: 'oci://registry-1.docker.io/lightruncom/lightrun-helm-chart',
  version: VENDOR_CHART_VERSION,
  file: `lightrun-helm-chart-${VENDOR_CHART_VERSION}.tgz`,
} as const;
