import 'server-only';
/**
 * The API server's own verdict on each object an upgrade changes (docs/upgrade.md): the target
 * render of every changed or replaced object that exists now is sent as a replacement of the live
 * one with `dryRun=All` (validated and admitted, stored nowhere), so an immutable field — a
 * StatefulSet's claim templates, a selector — is refused here with the API server's message,
 * before helm runs. A replacement, not a server-side apply: an apply under another field manager
 * keeps the fields it does not own (the claim templates helm set), and would accept what helm's
 * upgrade then fails on. Secrets are not sent (no immutable field to find in them, and their
 * values stay where they are); an object whose kind changes under its name is helm's delete and
 * create, not an update.
 */
import * as k8s from '@kubernetes/client-node';
import { k8sErrorText } from '../preflight/k8s';
import { parseObjects } from '../upgrade/manifest';
import type { ObjectsPlan } from '../upgrade/objects';
import type { ServerDryRun } from '../upgrade/plan';

/** The field manager the dry runs apply as (a dry run stores nothing, not even its ownership). */
const MANAGER = 'lightrun-wizard-plan';

export async function dryRunChanges(
  kc: k8s.KubeConfig,
  namespace: string,
  target: string,
  objects: ObjectsPlan,
): Promise<ServerDryRun> {
  const api = k8s.KubernetesObjectApi.makeApiClient(kc);
  const wanted = new Set(
    [...objects.changed, ...objects.replaced].map((o) => `${o.apiVersion}/${o.kind}/${o.name}`),
  );
  const verdict: ServerDryRun = { accepted: 0, refused: [] };
  for (const o of parseObjects(target)) {
    if (o.kind === 'Secret' || !wanted.has(`${o.apiVersion}/${o.kind}/${o.name}`)) continue;
    const id = { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.name, namespace } };
    let live: k8s.KubernetesObject;
    try {
      live = await api.read(id);
    } catch {
      continue; // not there now: helm creates it, there is nothing to update
    }
    const metadata = {
      ...(o.body.metadata as object),
      namespace,
      resourceVersion: live.metadata?.resourceVersion,
    };
    try {
      await api.replace({ ...o.body, metadata } as k8s.KubernetesObject, undefined, 'All', MANAGER);
      verdict.accepted++;
    } catch (e) {
      verdict.refused.push({ kind: o.kind, name: o.name, message: k8sErrorText(e) });
    }
  }
  return verdict;
}
