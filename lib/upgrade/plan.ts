/**
 * The upgrade plan of a 3.9.4 release as one object: the translated values, each key group's fate,
 * the steps to take before `helm upgrade` in the order of docs/chart-3.50.md §13.4 (the ones every
 * release takes, then those its rows ask for), what cannot be undone, and the keys a hand-edited
 * 3.50 file would have changed that must stay. PURE: the CLI prints it, a page can show it.
 */
import { mustStayIdentical, type CarryOverProblem } from './carry-over';
import { objectsPlan, type LiveClaim, type ObjectsPlan } from './objects';
import { oneWay, type OneWay } from './one-way';
import { translateTo350, type Translated } from './translate';
import type { Fate, StepId } from './types';

/** A step before the upgrade, as the admin reads it. */
export interface PlanStep {
  id: StepId | 'save-release' | 'run-upgrade' | 'after-upgrade';
  text: string;
  /** the rows that ask for it (empty for the steps every release takes) */
  because: string[];
}

export interface UpgradePlan extends Translated {
  steps: PlanStep[];
  oneWay: OneWay;
  /** carry-over keys the translated values changed (always empty for an untouched translation) */
  carryOver: CarryOverProblem[];
  /** what helm will do to the objects and claims, when the manifests were given (objects.ts) */
  objects?: ObjectsPlan;
  /** the API server's dry run of each changed object, when the plan was made against a cluster */
  dryRun?: ServerDryRun;
}

/** What the API server said to the changed objects applied as a dry run (docs/upgrade.md). */
export interface ServerDryRun {
  /** objects it accepted as the upgrade would change them */
  accepted: number;
  /** objects it refused, with its message: helm's upgrade would fail on each */
  refused: { kind: string; name: string; message: string }[];
}

/** The release as it runs and the target chart's render of the translated values. */
export interface PlanManifests {
  /** `helm get manifest` of the release */
  current: string;
  /** `helm template` of the target chart with the translated values */
  target: string;
  /** the namespace's PersistentVolumeClaims */
  claims: readonly LiveClaim[];
}

type AnyStep = PlanStep['id'];

/** Every step in §13.4's order; `always` steps are in every plan. */
const STEPS: ReadonlyArray<{ id: AnyStep; always?: true; text: string }> = [
  {
    id: 'save-release',
    always: true,
    text: 'Keep the release as it is now: `helm get values <release> -n <namespace> -o yaml`, the chart version (3.9.4), and the Secrets <release>-backend, <release>-keycloak and <release>-certificate (`kubectl get secret … -o yaml`), kept where only admins can read them.',
  },
  {
    id: 'backup-aes-key',
    text: 'Keep a copy of the AES key from Secret <release>-aes: the upgrade deletes it and 3.50 has no use for it.',
  },
  {
    id: 'backup-database',
    text: 'Back up the database: the in-chart MySQL with `cli backup --release <release> --namespace <namespace> --out FILE` or the plan page’s button (mysqldump of the Lightrun database in the MySQL pod, through the API’s exec), or a snapshot of its claim; an external database with your DBA’s backup.',
  },
  {
    id: 'upgrade-external-mysql',
    text: 'Upgrade the external MySQL server to 8.4.3 or later before the Lightrun upgrade.',
  },
  { id: 'mirror-images', text: 'Mirror the 3.50 images into the private registry.' },
  {
    id: 'delete-mq-statefulset-and-pvc',
    text: 'Scale StatefulSet <release>-mq to 0, then delete it and its claim: 3.50 cannot keep a RabbitMQ claim, and a plain helm upgrade fails half-way on it.',
  },
  {
    id: 'precreate-internal-tls',
    text: 'Create the internal CA and the six certificates 3.50 expects before the upgrade (render the 3.50 chart’s internal-TLS template with the same release, namespace and values and apply it), or move to existing certificates.',
  },
  {
    id: 'add-keys-to-external-secret',
    text: 'Add SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD (when the queue is on) and encryption-key-0 to the backend Secret you manage.',
  },
  {
    id: 'add-artifacts-certificate',
    text: 'Create the artifacts certificate Secret and name it in general.internal_tls.certificates.existing_certificates.artifacts.',
  },
  {
    id: 'plan-dns-change',
    text: 'Plan the DNS (and firewall) change: the Service <release>-router gets a new load-balancer address.',
  },
  {
    id: 'run-upgrade',
    always: true,
    text: 'Run `helm upgrade <release> <chart 3.50.0> -n <namespace> -f values-3.50.yaml` (the whole file, no --reuse-values; never helm template | kubectl apply). If it fails, fix the cause and run the same upgrade again; do not roll back.',
  },
  {
    id: 'backup-encryption-key',
    text: 'Back up encryption-key-0 from Secret <release>-backend as soon as the upgrade has made it.',
  },
  {
    id: 'after-upgrade',
    always: true,
    text: 'Check that `helm history` shows the new revision deployed.',
  },
];

function stepsFor(rows: readonly Fate[]): PlanStep[] {
  return STEPS.flatMap((s) => {
    const because = rows.filter((r) => r.step === s.id).map((r) => r.id);
    return s.always || because.length > 0 ? [{ id: s.id, text: s.text, because }] : [];
  });
}

/**
 * The plan for a release's values (`helm get values`), or for a hand-edited 3.50 file of it; with
 * the manifests, what helm will do to the objects and claims too.
 */
export function upgradePlan(
  values394: unknown,
  edited350?: unknown,
  manifests?: PlanManifests,
): UpgradePlan {
  const translated = translateTo350(values394);
  return {
    ...translated,
    steps: stepsFor(translated.rows),
    oneWay: oneWay(values394),
    carryOver: mustStayIdentical(values394, edited350 ?? translated.values),
    ...(manifests
      ? { objects: objectsPlan(manifests.current, manifests.target, manifests.claims) }
      : {}),
  };
}

/** Every step id a row may ask for is in the ordered list (plan.test.ts keeps them in step). */
export const STEP_ORDER: readonly AnyStep[] = STEPS.map((s) => s.id);
