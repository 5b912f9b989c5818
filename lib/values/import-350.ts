/**
 * A chart 3.50 values file -> a chart 3.50 plan (docs/chart-3.50.md, docs/wizard.md "Import a
 * values.yaml"). PURE. A 3.50 plan is the wizard's answers with `chart: 3.50.0`, rendered through
 * the §13.2 translation of its 3.9.4 file (render-350.ts); so the file is read back into the 3.9.4
 * shape that translation starts from, imported as such, and the plan is rendered again and
 * compared with the file over 3.50's defaults: any value the plan would not give back is a note
 * naming its key. Nothing is lost silently.
 */
import type { Answers } from '../answers/schema';
import { evidenceText, type ProfileEvidence } from './chart-profile';
import chartDefaults350 from './chart-defaults-350.json';
import { truthy } from './check-rules';
import { import394, type ImportResult } from './import-394';
import { classifyKept } from './import-report';
import { mirrorOf, rewriteImage } from '../images/reference';
import chartDefaults394 from './chart-defaults.json';
import type { ImportNote } from './mapping';
import { valueToPem } from './base64';
import { selectorLines, tolerationLines } from '../answers/node-selection';
import {
  CRONS_ENABLED,
  ARTIFACTS_CERTIFICATE,
  CUSTOM_CA_CERTIFICATE,
  CUSTOM_CA_SECRET,
  dumpsPath,
  OWN_SELECTORS,
  PINNED_HASHES,
  SYSTEM_CONFIG,
  USER_ENCRYPTION_KEY,
} from './render-350';
import { renderValues } from './render';
import { isSecretPath } from './secret-paths';
import {
  clone,
  deepEqual,
  deepMerge,
  deletePath,
  getPath,
  hasPath,
  setPath,
  type Tree,
} from './tree';

const DEFAULTS_350 = chartDefaults350 as Tree;
const MQ = ['general', 'mq'];
const BACKEND_MEMORY = ['deployments', 'backend', 'resources', 'memory'];

/** The value chart 3.50 uses: the file's, else its default. */
const effective = (user: Tree, p: string[]) =>
  hasPath(user, p) ? getPath(user, p) : getPath(DEFAULTS_350, p);

/**
 * The 3.9.4-shaped tree the translation turns back into this file: the router on (the only way
 * in, G4), the queue on unless the file turns it off and without a claim (§5, §8.3: its size
 * stays 3.50's own `emptyDir.sizeLimit`), the backend's memory as 3.50 gives it (6Gi, §5), and
 * the encryption key taken out to become the answer (§10).
 */
function legacyShape(user: Tree): {
  tree: Tree;
  key: unknown;
  notes: ImportNote[];
  only350: Partial<Answers>;
} {
  const tree = clone(user);
  const only350 = only350Answers(tree);
  const notes: ImportNote[] = [];
  const key = getPath(user, USER_ENCRYPTION_KEY);
  if (truthy(getPath(user, ['secrets', 'keysEncryption', 'rotateKey'])))
    notes.push({
      path: 'secrets.keysEncryption.rotateKey',
      message:
        'rotateKey: true adds a new encryption key on every upgrade (docs/chart-3.50.md §10): the plan writes false. Rotate a key as a one-off upgrade instead.',
    });
  deletePath(tree, ['secrets', 'keysEncryption']);
  setPath(tree, ['general', 'router', 'enabled'], true);
  const mqOn = truthy(effective(user, [...MQ, 'enabled']));
  setPath(tree, [...MQ, 'enabled'], mqOn);
  if (mqOn && truthy(effective(user, [...MQ, 'local']))) setPath(tree, [...MQ, 'storage'], '0');
  if (!hasPath(user, BACKEND_MEMORY))
    setPath(tree, BACKEND_MEMORY, getPath(DEFAULTS_350, BACKEND_MEMORY));
  mirrorRemovedImages(user, tree);
  return { tree, key, notes: [...notes, ...only350.notes], only350: only350.answers };
}

const text = (t: Tree, p: string[]) => {
  const v = getPath(t, p);
  return typeof v === 'string' && v !== '' ? v : null;
};

/**
 * The answers only chart 3.50 has (docs/chart-3.50.md §4), taken out of `tree` so they are not
 * kept twice: the custom CA (its base64 back to PEM) and the system configuration's two parts.
 * A file with both CA keys (F1: the chart refuses it) keeps the certificate, and a note says so.
 */
function only350Answers(tree: Tree): { answers: Partial<Answers>; notes: ImportNote[] } {
  const answers: Partial<Answers> = {};
  const notes: ImportNote[] = [];
  const crt = text(tree, CUSTOM_CA_CERTIFICATE);
  const name = text(tree, CUSTOM_CA_SECRET);
  if (crt) answers.customCa = { mode: 'inline', pem: valueToPem(crt) };
  else if (name) answers.customCa = { mode: 'existing', secretName: name };
  if (crt && name)
    notes.push({
      path: CUSTOM_CA_SECRET.join('.'),
      message: `The file sets both customCaCertificate and existingCaSecret, which chart 3.50 refuses (docs/chart-3.50.md F1): the plan keeps the certificate and drops the Secret name "${name}".`,
    });
  if (crt || name) {
    deletePath(tree, CUSTOM_CA_CERTIFICATE);
    deletePath(tree, CUSTOM_CA_SECRET);
  }
  // the artifacts pod's TLS Secret becomes the answer beside the other components' (import350)
  deletePath(tree, ARTIFACTS_CERTIFICATE);
  const content = text(tree, [...SYSTEM_CONFIG, 'content']);
  const signature = text(tree, [...SYSTEM_CONFIG, 'signature']);
  if (content || signature) {
    answers.systemConfig = { content: content ?? '', signature: signature ?? '' };
    if (content) deletePath(tree, [...SYSTEM_CONFIG, 'content']);
    if (signature) deletePath(tree, [...SYSTEM_CONFIG, 'signature']);
  }
  const pins = pinnedHashes(tree);
  if (pins) answers.certificatePinning = pins;
  const w = workloadsAnswer(tree);
  if (w.answer) answers.workloads = w.answer;
  return { answers, notes: [...notes, ...w.notes] };
}

type Workloads = NonNullable<Answers['workloads']>;
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * Crons, heap dumps and node selection (docs/chart-3.50.md §4, §8.9) as the plan's answer, each
 * taken out of `tree` only when the answer says exactly what the file says; anything else stays
 * in the file as written (a note says why), so no key is lost. MySQL's and RabbitMQ's own node
 * selectors are dropped only when they equal the general one the answer repeats to them.
 */
function workloadsAnswer(tree: Tree): { answer: Workloads | null; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const w: Workloads = {
    crons: true,
    heapDumps: { mode: 'off' },
    nodeSelector: [],
    tolerations: [],
  };
  const crons = getPath(tree, CRONS_ENABLED);
  if (isBool(crons)) {
    w.crons = crons;
    deletePath(tree, CRONS_ENABLED);
  }
  const dumps = dumpsAnswer(tree, w.crons);
  if (dumps.answer) w.heapDumps = dumps.answer;
  notes.push(...dumps.notes, ...selectionAnswer(tree, w));
  const isDefault =
    w.crons && w.heapDumps.mode === 'off' && !w.nodeSelector.length && !w.tolerations.length;
  return { answer: isDefault ? null : w, notes };
}

/** One claim for backend and crons (crons only while it runs), or off; else kept as written. */
function dumpsAnswer(
  tree: Tree,
  cronsOn: boolean,
): { answer: Workloads['heapDumps'] | null; notes: ImportNote[] } {
  const read = (c: 'backend' | 'crons') => {
    const d = getPath(tree, dumpsPath(c));
    const on = truthy(getPath(d as Tree, ['enabled']));
    const claim = getPath(d as Tree, ['existingClaim']);
    return { on, claim: typeof claim === 'string' ? claim : null, present: d !== undefined };
  };
  const [b, c] = [read('backend'), read('crons')];
  const drop = () =>
    ['backend', 'crons'].forEach((k) => deletePath(tree, dumpsPath(k as 'backend')));
  if (!b.present && !c.present) return { answer: null, notes: [] };
  const simple = (d: Tree | undefined) =>
    d === undefined || Object.keys(d).every((k) => k === 'enabled' || k === 'existingClaim');
  const shapesOk =
    simple(getPath(tree, dumpsPath('backend')) as Tree) &&
    simple(getPath(tree, dumpsPath('crons')) as Tree);
  if (shapesOk && !b.on && !c.on) {
    drop();
    return { answer: null, notes: [] };
  }
  const one = b.on && b.claim !== null && (cronsOn ? c.on && c.claim === b.claim : !c.on);
  if (shapesOk && one) {
    drop();
    return { answer: { mode: 'claim', claim: b.claim! }, notes: [] };
  }
  return {
    answer: null,
    notes: [
      {
        path: 'deployments.backend.dumpsPersistence',
        message:
          'The file keeps heap dumps otherwise than on one claim for backend and crons: the plan keeps both dumpsPersistence keys as written, and its heap-dump answer stays "off" (docs/chart-3.50.md §4).',
      },
    ],
  };
}

/**
 * general.nodeSelector and general.tolerations as lines; MySQL's and RabbitMQ's own selectors
 * (read only by them, §8.9) kept whenever they are not the general one the plan repeats.
 */
function selectionAnswer(tree: Tree, w: Workloads): ImportNote[] {
  const notes: ImportNote[] = [];
  const tolerations = getPath(tree, ['general', 'tolerations']);
  const tl = tolerationLines(tolerations);
  if (tl && tl.length) {
    w.tolerations = tl;
    deletePath(tree, ['general', 'tolerations']);
  } else if (Array.isArray(tolerations) && tolerations.length)
    notes.push({
      path: 'general.tolerations',
      message:
        'A toleration here says more than a taint line can (tolerationSeconds, an empty key or operator): the plan keeps general.tolerations as written.',
    });
  const general = getPath(tree, ['general', 'nodeSelector']);
  const lines = selectorLines(general);
  if (!lines || !lines.length) {
    if (!lines && general !== undefined && general !== null)
      notes.push({
        path: 'general.nodeSelector',
        message: 'Not a map of node labels the plan can say: kept as written.',
      });
    return notes;
  }
  w.nodeSelector = lines;
  deletePath(tree, ['general', 'nodeSelector']);
  const local = {
    mysql: truthy(effective(tree, ['general', 'db_local'])),
    rabbitmq:
      truthy(effective(tree, [...MQ, 'enabled'])) && truthy(effective(tree, [...MQ, 'local'])),
  };
  for (const c of ['mysql', 'rabbitmq'] as const) {
    const p = [...OWN_SELECTORS[c]];
    const own = getPath(tree, p);
    if (!local[c]) continue; // not deployed: a key of its own stays as written
    if (deepEqual(own, general)) deletePath(tree, p);
    else {
      setPath(tree, p, own ?? {});
      notes.push({
        path: p.join('.'),
        message: `${c === 'mysql' ? 'MySQL' : 'RabbitMQ'} reads only its own node selector (docs/chart-3.50.md §8.9), and the file gives it ${own === undefined || deepEqual(own, {}) ? 'none' : 'another one'} than general.nodeSelector: the plan keeps it as written instead of repeating the general one.`,
      });
    }
  }
  return notes;
}

/**
 * The file's pinned hashes, every one kept in its order: the first is read as the current
 * certificate's, the others as previous ones (the render writes them back in the same order).
 * Each is kept as written, so validation names one that is not 64 lowercase hex digits.
 */
function pinnedHashes(tree: Tree): Answers['certificatePinning'] | null {
  const list = getPath(tree, PINNED_HASHES);
  if (!Array.isArray(list)) return null;
  deletePath(tree, PINNED_HASHES);
  if (list.length === 0) return null;
  const [hash = '', ...previous] = list.map((h) =>
    h === null || h === undefined ? '' : String(h),
  );
  return previous.length > 0 ? { mode: 'rotation', hash, previous } : { mode: 'current', hash };
}

/** Image keys chart 3.50 removed (§3): a 3.50 file never names them. */
const REMOVED_IMAGES = [['deployments', 'standalone_nginx', 'image', 'repository']];
const BACKEND_REPOSITORY = ['deployments', 'backend', 'image', 'repository'];

/**
 * A file whose images come from one mirror (the backend's says which) has the images 3.50 removed
 * from the same mirror in the 3.9.4 shape, so the private-registry answer is read as one mirror.
 */
function mirrorRemovedImages(user: Tree, tree: Tree): void {
  const backend = getPath(user, BACKEND_REPOSITORY);
  const chartBackend = String(getPath(chartDefaults394, BACKEND_REPOSITORY) ?? '');
  const mirror = typeof backend === 'string' ? mirrorOf(backend, chartBackend) : null;
  if (!mirror) return;
  for (const p of REMOVED_IMAGES) {
    const source = String(getPath(chartDefaults394, p) ?? '');
    if (source) setPath(tree, p, rewriteImage(source, mirror));
  }
}

/** Leaf paths (lists whole) where two trees differ, over both trees' keys. */
export function differences(a: unknown, b: unknown, path: string[] = []): string[][] {
  const isMapLike = (x: unknown): x is Tree =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  if (!isMapLike(a) || !isMapLike(b)) return deepEqual(a, b) ? [] : [path];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => differences(a[k], b[k], [...path, k]));
}

/** The plan's 3.50 file again, and every key where it would differ from the imported one. */
function roundTrip(user: Tree, answers: Answers): ImportNote[] {
  let back: Tree;
  try {
    back = renderValues(answers).values;
  } catch (e) {
    return [
      {
        path: 'chart',
        message: `The plan cannot be rendered for chart 3.50 yet: ${(e as Error).message}`,
      },
    ];
  }
  const was = deepMerge(DEFAULTS_350, user);
  const now = deepMerge(DEFAULTS_350, back);
  return differences(was, now)
    .filter((p) => !EXPLAINED.has(p.join('.')))
    .map((p) => ({
      path: p.join('.'),
      message: changedMessage(p, getPath(was, p), getPath(now, p)),
    }));
}

/** Keys whose change the import already explains in a note of its own. */
const EXPLAINED = new Set(['secrets.keysEncryption.rotateKey', USER_ENCRYPTION_KEY.join('.')]);

/** What the plan would write instead; a secret's value is never shown. */
export function changedMessage(p: string[], was: unknown, now: unknown): string {
  const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 80));
  const values = isSecretPath(p) ? '' : ` (the file: ${show(was)}; the plan: ${show(now)})`;
  return `The plan's file gives this key another value than the imported one${values}: the wizard models it differently for chart 3.50. Check it on the review.`;
}

export function import350(user: Tree, evidence: readonly ProfileEvidence[]): ImportResult {
  const legacy = legacyShape(user);
  const r = import394(legacy.tree, { version: '3.9.4', evidence: [] });
  const answers = { ...r.answers, ...legacy.only350, chart: '3.50.0' } as Answers;
  if (answers.internalTls.mode === 'existing') {
    const artifacts = getPath(user, ARTIFACTS_CERTIFICATE);
    answers.internalTls.certificates.artifacts = typeof artifacts === 'string' ? artifacts : '';
  }
  const notes: ImportNote[] = [
    {
      path: evidence[0]?.path ?? '',
      message: `Read as a file for Lightrun's chart 3.50 (it sets ${evidenceText(evidence, '3.50.0')}): the plan is for chart 3.50.0.`,
    },
    ...legacy.notes,
  ];
  if (typeof legacy.key === 'string' && legacy.key !== '') {
    if (answers.secrets.mode === 'chart')
      answers.secrets = { ...answers.secrets, encryptionKey: legacy.key };
    else
      notes.push({
        path: USER_ENCRYPTION_KEY.join('.'),
        message:
          'With the Secrets made outside the chart the key belongs in your backend Secret as encryption-key-0 (docs/chart-3.50.md §9): the plan does not write it.',
      });
  }
  notes.push(...r.notes, ...roundTrip(user, answers));
  const { kept, unknown } = classifyKept(answers.passthrough as Tree, DEFAULTS_350);
  return { answers, notes, kept, unknown, original: user };
}
