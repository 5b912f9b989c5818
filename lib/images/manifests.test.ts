import { describe, expect, it } from 'vitest';
import { imagesFromManifests, imageUsesOf, parseManifests } from './manifests';

const MANIFESTS = `---
# Source: lightrun/templates/backend.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: lr-backend}
spec:
  template:
    spec:
      initContainers:
        - {name: init, image: "lightruncom/chart-helper:latest"}
      containers:
        - {name: backend, image: "lightruncom/server:1"}
        - {name: side, image: "lightruncom/server:1"}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: lr-mysql}
spec: {template: {spec: {containers: [{name: mysql, image: "mysql:8.0.38"}]}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ds}
spec: {template: {spec: {containers: [{name: d, image: "quay.io/x/ds:2"}]}}}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: hook
  annotations: {"helm.sh/hook": pre-install}
spec: {template: {spec: {containers: [{name: j, image: "busybox:1.36"}]}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cron}
spec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: "reg.io:5000/cron@sha256:abc"}]}}}}}
---
apiVersion: v1
kind: Pod
metadata: {name: test}
spec: {containers: [{name: t, image: "curl:8"}], ephemeralContainers: [{name: e, image: "debug:1"}]}
---
apiVersion: v1
kind: List
items:
  - {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: rs}, spec: {template: {spec: {containers: [{name: r, image: "rs:1"}]}}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: {image: "not-an-image:1"}
---
`;

describe('images from rendered manifests', () => {
  it('every workload kind, init and ephemeral containers, hooks and crons; distinct and sorted', () => {
    expect(imagesFromManifests(MANIFESTS)).toEqual([
      'busybox:1.36',
      'curl:8',
      'debug:1',
      'lightruncom/chart-helper:latest',
      'lightruncom/server:1',
      'mysql:8.0.38',
      'quay.io/x/ds:2',
      'reg.io:5000/cron@sha256:abc',
      'rs:1',
    ]);
  });
  it('names where each one is used', () => {
    const uses = imageUsesOf(parseManifests(MANIFESTS));
    expect(uses.find((u) => u.container === 'init')).toEqual({
      kind: 'Deployment',
      name: 'lr-backend',
      container: 'init',
      init: true,
      image: 'lightruncom/chart-helper:latest',
    });
    expect(uses.filter((u) => u.image === 'lightruncom/server:1')).toHaveLength(2);
  });
  it('empty input has no images; broken YAML is an error', () => {
    expect(imagesFromManifests('')).toEqual([]);
    expect(imagesFromManifests('---\n---\n')).toEqual([]);
    expect(() => imagesFromManifests('kind: Pod\nspec: {containers: [\n')).toThrow(
      /not valid YAML/,
    );
  });
});
