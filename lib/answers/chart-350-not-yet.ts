/**
 * Why every cluster action (preflight, install, release actions) refuses a chart 3.50 plan today:
 * the server's answer (lib/target) and Review's disabled Install say the same sentence. A module
 * of its own, so the wizard's first load does not carry it.
 */
export const CHART_350_NOT_YET =
  'The wizard checks and installs chart 3.9.4 only so far: a plan for chart 3.50.0 can be rendered (cli render), not yet checked against a cluster or installed.';
