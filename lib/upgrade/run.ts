/**
 * What the guided 3.9.4 → 3.50 upgrade job decides before and after `helm upgrade`
 * (docs/upgrade.md, "Running the upgrade"; docs/chart-3.50.md §13.4), PURE: the backup gate, the
 * queue's StatefulSet and claims to delete (exactly those the plan names), whether the internal
 * certificates must be made first, the keys an external backend Secret lacks, and what survived.
 * Never a secret's value: Secrets are compared by the sha256 of each key's data.
 */
import { truthy } from '../values/check-rules';
import { getPath, isMap, type Tree } from '../values/tree';
import type { UpgradePlan } from './plan';

/** What the admin types instead of a backup the wizard took, to say one exists (exactly this). */
export const OWN_BACKUP_PHRASE = 'I have my own backup';

/** Whether the typed confirmation is the phrase (spaces around it aside, case as written). */
export const ownBackupConfirmed = (typed: string) => typed.trim() === OWN_BACKUP_PHRASE;

/** A database backup the wizard took (page or `cli backup`): its digest, never its content. */
export interface BackupRecord {
  /** the release's revision when it was taken */
  revision: number;
  sha256: string;
  bytes: number;
  tables: number;
  database: string;
  takenAt: string;
  by: 'page' | 'cli';
}

/** A claim the plan keeps, by name and UID. */
export interface KeptClaim {
  name: string;
  uid: string;
}

/** Name → key → sha256 of the key's data (base64 text as the API server holds it). */
export type SecretDigests = Record<string, Record<string, string>>;

/** The queue's StatefulSet and the claims to delete before helm (U4). */
export interface QueueDeletion {
  statefulSet: string;
  claims: string[];
}

/** What the job recorded before it changed anything: what must survive, and what it decided. */
export interface UpgradeSnapshot {
  /** the 3.9.4 revision the upgrade starts from */
  revision: number;
  takenAt: string;
  claims: KeptClaim[];
  secrets: SecretDigests;
  queue: QueueDeletion | null;
  selfSigned: boolean;
  /** how the backup gate was passed */
  backup: { sha256: string; bytes: number; takenAt: string } | 'own';
}

/** The job's state of one release, kept in the cluster (lib/install/upgrade-state.ts). */
export interface UpgradeState {
  backups: BackupRecord[];
  snapshot?: UpgradeSnapshot;
}

/** At most this many backups are remembered per release (newest last). */
export const KEEP_BACKUPS = 5;

/** The state with one more backup recorded. */
export function withBackup(state: UpgradeState, b: BackupRecord): UpgradeState {
  return { ...state, backups: [...state.backups, b].slice(-KEEP_BACKUPS) };
}

/** Reads the stored state; anything unreadable is an empty state (nothing recorded). */
export function parseUpgradeState(text: string | undefined): UpgradeState {
  let v: unknown;
  try {
    v = JSON.parse(text ?? '{}');
  } catch {
    return { backups: [] };
  }
  if (!isMap(v)) return { backups: [] };
  const backups = Array.isArray(v.backups) ? (v.backups as BackupRecord[]) : [];
  return {
    backups: backups.filter((b) => isMap(b) && typeof b.sha256 === 'string'),
    ...(isMap(v.snapshot) ? { snapshot: v.snapshot as unknown as UpgradeSnapshot } : {}),
  };
}

export type GateVerdict =
  { ok: true; backup: UpgradeSnapshot['backup']; message: string } | { ok: false; message: string };

/**
 * The backup gate: a backup the wizard took of this release at this revision, or the typed
 * phrase exactly. A backup of an earlier revision does not count (the release changed since).
 */
export function backupGate(
  state: UpgradeState,
  t: { release: string; revision: number },
  typed: string | undefined,
): GateVerdict {
  const b = [...state.backups].reverse().find((x) => x.revision === t.revision);
  if (b)
    return {
      ok: true,
      backup: { sha256: b.sha256, bytes: b.bytes, takenAt: b.takenAt },
      message: `Database backup of revision ${t.revision} taken ${b.takenAt} (${b.by === 'cli' ? 'cli backup' : 'the plan page'}): database ${b.database}, ${b.tables} tables, ${b.bytes} bytes gzip, sha256 ${b.sha256}.`,
    };
  if (typed === OWN_BACKUP_PHRASE)
    return {
      ok: true,
      backup: 'own',
      message: `No backup taken by the wizard: the admin confirmed “${OWN_BACKUP_PHRASE}”.`,
    };
  const older = state.backups.filter((x) => x.revision !== t.revision).length;
  return {
    ok: false,
    message: `Refused: no database backup of release ${t.release} at revision ${t.revision} was taken by the wizard${older ? ` (${older} of an earlier revision do not count)` : ''}, and “${OWN_BACKUP_PHRASE}” was not confirmed. Once MySQL 8.4 has started on the data only a backup brings 3.9.4 back. Take one (the plan page's button, or cli backup), or confirm your own. Nothing was changed.`,
  };
}

/**
 * The objects helm would fail on that the job does not remove itself: every one but the queue's
 * StatefulSet when the plan asks to delete it. The job refuses to start while any is left.
 */
export function blockingObjects(plan: UpgradePlan, release: string): string[] {
  const q = queueDeletion(plan, release);
  return (plan.objects?.replaced ?? [])
    .filter((r) => r.helmFails && !(q && r.kind === 'StatefulSet' && r.name === q.statefulSet))
    .map((r) => `${r.kind} ${r.name}: ${r.why}`);
}

/**
 * U4: the queue's StatefulSet and its claims, exactly as the plan names them (the StatefulSet
 * helm cannot update, the claims at risk that belong to it), when the plan has the step.
 */
export function queueDeletion(plan: UpgradePlan, release: string): QueueDeletion | null {
  if (!plan.steps.some((s) => s.id === 'delete-mq-statefulset-and-pvc')) return null;
  const name = `${release}-mq`;
  const refused = (plan.objects?.replaced ?? []).some(
    (r) => r.kind === 'StatefulSet' && r.name === name && r.helmFails,
  );
  if (!refused) return null;
  const claims = (plan.objects?.claimsAtRisk ?? [])
    .filter((c) => c.of === `StatefulSet ${name}`)
    .map((c) => c.name);
  return { statefulSet: name, claims };
}

/** Whether the 3.50 values ask for self-signed internal TLS (T7: the upgrade does not make it). */
export function selfSignedTls(values350: Tree): boolean {
  return (
    truthy(getPath(values350, ['general', 'internal_tls', 'enabled'])) &&
    getPath(values350, ['general', 'internal_tls', 'certificates', 'source']) ===
      'generate_self_signed_certificates'
  );
}

/** The keys the 3.50 pods read from a backend Secret kept outside the chart, or null when the chart makes it. */
export function externalSecretNeeds(
  values350: Tree,
  release: string,
): { secret: string; keys: string[] } | null {
  const ds = getPath(values350, ['general', 'deploy_secrets']);
  if (!isMap(ds) || truthy(ds.enabled)) return null;
  const named = getPath(ds, ['existing_secrets', 'backend']);
  const secret = typeof named === 'string' && named.trim() ? named.trim() : `${release}-backend`;
  const mqOn = getPath(values350, ['general', 'mq', 'enabled']) !== false;
  return {
    secret,
    keys: [
      ...(mqOn ? ['SPRING_RABBITMQ_USERNAME', 'SPRING_RABBITMQ_PASSWORD'] : []),
      'encryption-key-0',
    ],
  };
}

/** The refusal naming exactly the keys to add (never a value), or null when none is missing. */
export function missingKeysMessage(
  need: { secret: string; keys: string[] },
  present: readonly string[] | null,
  namespace: string,
): string | null {
  if (present === null)
    return `Refused: the backend Secret ${need.secret} is not in namespace ${namespace}. Create it with ${need.keys.join(', ')} (and the keys 3.9.4 read) first. Nothing was changed.`;
  const missing = need.keys.filter((k) => !present.includes(k));
  if (!missing.length) return null;
  const how = missing.includes('encryption-key-0')
    ? ' encryption-key-0 is a new key: `openssl rand -base64 32`; keep a copy of it.'
    : '';
  return `Refused: the backend Secret ${need.secret} is kept outside the chart and lacks ${missing.join(', ')}, which the 3.50 pods read. Add ${missing.length === 1 ? 'it' : 'them'} (kubectl -n ${namespace} edit secret ${need.secret}) and run the upgrade again.${how} Nothing was changed.`;
}

/** The command that saves the new encryption key to a file: the admin runs it, the wizard never reads the value. */
export function encryptionKeyCommand(secret: string, namespace: string): string {
  return `kubectl -n ${namespace} get secret ${secret} -o jsonpath='{.data.encryption-key-0}' | base64 -d > encryption-key-0.txt`;
}

/** What survived the upgrade: the kept claims' UIDs, the recorded Secrets' keys. */
export function survived(
  before: Pick<UpgradeSnapshot, 'claims' | 'secrets'>,
  after: { claims: readonly KeptClaim[]; secrets: SecretDigests },
): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  for (const c of before.claims) {
    const now = after.claims.find((x) => x.name === c.name);
    if (now?.uid === c.uid) lines.push(`Claim ${c.name} kept: same UID ${c.uid}.`);
    else {
      ok = false;
      lines.push(
        now
          ? `Claim ${c.name} is a new claim (UID ${now.uid}, was ${c.uid}): its data is not the one from before.`
          : `Claim ${c.name} (UID ${c.uid}) is gone.`,
      );
    }
  }
  for (const [name, keys] of Object.entries(before.secrets)) {
    const now = after.secrets[name];
    const changed = Object.keys(keys).filter((k) => now?.[k] !== keys[k]);
    if (!now) lines.push(`Secret ${name} is gone.`);
    else if (changed.length) lines.push(`Secret ${name}: ${changed.join(', ')} changed.`);
    else lines.push(`Secret ${name}: its ${Object.keys(keys).length} keys unchanged.`);
    if (!now || changed.length) ok = false;
  }
  return { ok, lines };
}
