/**
 * The chart an install starts with (PURE), apart from the rest of `chart-source.ts`: the wizard's
 * store needs only this at first paint, the picker's texts load with Review.
 */
import { VENDOR_CHART } from '../images/vendor-chart';

export type ChartSource = 'bundled' | 'oci' | 'dir' | 'tgz';

/** What the panel starts with: Lightrun's published chart (OCI) at its version. */
export const DEFAULT_CHART = {
  source: 'oci' as ChartSource,
  ref: VENDOR_CHART.ref,
  version: VENDOR_CHART.version,
};
