import 'server-only';
/**
 * The project's own test and demo charts on the wizard's server, one per profile (the plan's
 * `chart` answer): chart/ for 3.9.4, chart-3.50/ for 3.50.0. What `{ source: 'bundled' }` names
 * for the install, the preflight's dry run and the upgrade plan.
 */
import path from 'node:path';
import { PROJECT_CHART_DIR, type ChartVersion } from '../answers/constants';

/** The repository's chart/ (3.9.4's values layout). */
export const BUNDLED_CHART = path.resolve(process.cwd(), PROJECT_CHART_DIR['3.9.4']);
/** The repository's chart-3.50/ (3.50.0's values layout). */
export const BUNDLED_CHART_350 = path.resolve(process.cwd(), PROJECT_CHART_DIR['3.50.0']);

/** The bundled chart of a plan's profile (absent: 3.9.4). */
export function bundledChartFor(profile: ChartVersion | undefined): string {
  return profile === '3.50.0' ? BUNDLED_CHART_350 : BUNDLED_CHART;
}
