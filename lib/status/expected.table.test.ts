import { describe, expect, it } from 'vitest';
import { expectedWorkloads } from './expected';

describe('expectedWorkloads: HPA, components and documents at their edges', () => {
  it.each([
    [
      'an HPA without minReplicas counts 1',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: HorizontalPodAutoscaler\nspec: {scaleTargetRef: {kind: Deployment, name: a}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'an HPA for a StatefulSet of the same name does not size the Deployment',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 4, scaleTargetRef: {kind: StatefulSet, name: a}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'an HPA naming no target is ignored',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 4, scaleTargetRef: {kind: Deployment}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'an HPA target without a kind is ignored',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 4, scaleTargetRef: {name: a}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'another kind with scaleTargetRef is not an HPA',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: VerticalPodAutoscaler\nspec: {minReplicas: 4, scaleTargetRef: {kind: Deployment, name: a}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'an HPA on a StatefulSet sizes it',
      'kind: StatefulSet\nmetadata: {name: s}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 2, scaleTargetRef: {kind: StatefulSet, name: s}}\n',
      [{ kind: 'StatefulSet', name: 's', component: '', replicas: 2 }],
    ],
    [
      'an HPA without a scaleTargetRef is ignored',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 4}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'a pod template without metadata: no component',
      'kind: Deployment\nmetadata: {name: a}\nspec: {template: {}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'a Job without completions counts 1',
      'kind: Job\nmetadata: {name: j}\n',
      [{ kind: 'Job', name: 'j', component: '', replicas: 1 }],
    ],
    [
      'a Job ignores an HPA and replicas',
      'kind: Job\nmetadata: {name: j}\nspec: {replicas: 7}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 4, scaleTargetRef: {kind: Job, name: j}}\n',
      [{ kind: 'Job', name: 'j', component: '', replicas: 1 }],
    ],
    [
      'a DaemonSet is 0 whatever it says',
      'kind: DaemonSet\nmetadata: {name: d}\nspec: {replicas: 3}\n',
      [{ kind: 'DaemonSet', name: 'd', component: '', replicas: 0 }],
    ],
    [
      'a PVC is 1 whatever it says',
      'kind: PersistentVolumeClaim\nmetadata: {name: c}\nspec: {replicas: 3}\n',
      [{ kind: 'PersistentVolumeClaim', name: 'c', component: '', replicas: 1 }],
    ],
    [
      "the pod template's app label names the component",
      'kind: Deployment\nmetadata: {name: a}\nspec: {template: {metadata: {labels: {app: redis}}}}\n',
      [{ kind: 'Deployment', name: 'a', component: 'redis', replicas: 1 }],
    ],
    [
      "the object's own component label wins over the template's",
      'kind: Deployment\nmetadata: {name: a, labels: {app.kubernetes.io/component: backend}}\nspec: {template: {metadata: {labels: {app.kubernetes.io/component: other}}}}\n',
      [{ kind: 'Deployment', name: 'a', component: 'backend', replicas: 1 }],
    ],
    [
      'a workload without a name, a Pod and a scalar document are left out',
      'kind: Deployment\nmetadata: {}\n---\nkind: Pod\nmetadata: {name: p}\n---\njust text\n---\n42\n',
      [],
    ],
    [
      'a hook annotation of any value leaves it out; other annotations do not',
      'kind: Job\nmetadata: {name: h, annotations: {helm.sh/hook: pre-install}}\n---\nkind: Job\nmetadata: {name: k, annotations: {helm.sh/hook-weight: "1"}}\n',
      [{ kind: 'Job', name: 'k', component: '', replicas: 1 }],
    ],
    // Documents of other kinds are skipped by their top-level kind line, never misread.
    [
      'a quoted kind is read like a plain one',
      'kind: "Deployment"\nmetadata: {name: a}\n---\nkind: \'StatefulSet\'\nmetadata: {name: s}\n',
      [
        { kind: 'Deployment', name: 'a', component: '', replicas: 1 },
        { kind: 'StatefulSet', name: 's', component: '', replicas: 1 },
      ],
    ],
    [
      'a kind line with a comment, and a marker line with a comment',
      '--- # Source: c/d.yaml\nkind: Deployment # the backend\nmetadata: {name: a}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      "an indented kind inside a ConfigMap is not the document's kind",
      'kind: ConfigMap\nmetadata: {name: c}\ndata:\n  f.yaml: |\n    kind: Deployment\n    metadata: {name: x}\n',
      [],
    ],
    [
      'a kind line after the metadata still counts',
      'metadata: {name: a}\nspec: {replicas: 2}\nkind: Deployment\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 2 }],
    ],
    [
      'a flow-style document (no kind line) is parsed',
      '{"kind": "Deployment", "metadata": {"name": "a"}}\n---\n{"kind": "ConfigMap", "metadata": {"name": "c"}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'CRLF line endings are parsed, not skipped',
      'kind: Deployment\r\nmetadata: {name: a}\r\n---\r\nkind: Job\r\nmetadata: {name: j}\r\n',
      [
        { kind: 'Deployment', name: 'a', component: '', replicas: 1 },
        { kind: 'Job', name: 'j', component: '', replicas: 1 },
      ],
    ],
    // Parsed documents that are no object: a null document is dropped before the HPA scan reads it.
    [
      'a null document (null or ~) is left out, the rest still read',
      'null\n---\n~\n---\nkind: Deployment\nmetadata: {name: a}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    // A flow-style document is parsed whatever its kind: only an HPA's scaleTargetRef sizes a workload.
    [
      'a flow-style VerticalPodAutoscaler (parsed, not skipped) does not size the Deployment',
      'kind: Deployment\nmetadata: {name: a}\n---\n{"kind": "VerticalPodAutoscaler", "spec": {"minReplicas": 4, "scaleTargetRef": {"kind": "Deployment", "name": "a"}}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 1 }],
    ],
    [
      'a Deployment carrying a scaleTargetRef of its own does not size another',
      'kind: Deployment\nmetadata: {name: a}\n---\nkind: Deployment\nmetadata: {name: b}\nspec: {minReplicas: 5, scaleTargetRef: {kind: Deployment, name: a}}\n',
      [
        { kind: 'Deployment', name: 'a', component: '', replicas: 1 },
        { kind: 'Deployment', name: 'b', component: '', replicas: 1 },
      ],
    ],
    [
      'a flow-style HPA does size it',
      'kind: Deployment\nmetadata: {name: a}\n---\n{"kind": "HorizontalPodAutoscaler", "spec": {"minReplicas": 3, "scaleTargetRef": {"kind": "Deployment", "name": "a"}}}\n',
      [{ kind: 'Deployment', name: 'a', component: '', replicas: 3 }],
    ],
    [
      '---- is not a marker; a key named --- is not either',
      'kind: Deployment\nmetadata: {name: a}\nspec:\n  x: |\n    ----\n---\nkind: Job\nmetadata: {name: j}\n',
      [
        { kind: 'Deployment', name: 'a', component: '', replicas: 1 },
        { kind: 'Job', name: 'j', component: '', replicas: 1 },
      ],
    ],
  ] as const)('%s', (_n, manifest, want) => {
    expect(expectedWorkloads(manifest)).toEqual(want);
  });

  it('a skipped document is not validated, but the count of documents in an error includes it', () => {
    expect(expectedWorkloads('kind: ConfigMap\ndata: {a: [unclosed\n')).toEqual([]);
    expect(() =>
      expectedWorkloads(
        '# Source: a\n---\nkind: ConfigMap\nmetadata: {name: c}\n---\n# only a comment\n---\nkind: Deployment\nmetadata: [\n',
      ),
    ).toThrow(/^rendered manifest document 2 is not valid YAML/);
  });

  it("the error names the first broken document and the parser's message", () => {
    expect(() => expectedWorkloads('kind: [unclosed\n')).toThrow(
      /^rendered manifest document 1 is not valid YAML: \S/,
    );
  });
});
