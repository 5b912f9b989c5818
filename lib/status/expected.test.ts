import { describe, expect, it } from 'vitest';
import { expectedWorkloads } from './expected';

const manifest = `---
# Source: lightrun/templates/backend-service.yaml
apiVersion: v1
kind: Service
metadata: { name: lr-backend }
---
# Source: lightrun/templates/backend-deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: lr-backend
  labels: { app.kubernetes.io/component: backend }
spec:
  replicas: 2
  template: { metadata: { labels: { app.kubernetes.io/component: backend } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: lr-frontend }
spec:
  template: { metadata: { labels: { app.kubernetes.io/component: frontend } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: lr-keycloak, labels: { app: keycloak } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: lr-keycloak }
spec: { minReplicas: 3, maxReplicas: 5, scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: lr-keycloak } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: lr-mysql, labels: { app.kubernetes.io/component: mysql } }
spec: { replicas: 1 }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: lr-agent }
---
apiVersion: batch/v1
kind: Job
metadata: { name: lr-migrate }
spec: { completions: 2 }
---
apiVersion: batch/v1
kind: Job
metadata: { name: lr-test, annotations: { helm.sh/hook: test } }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: lr-data }
---
`;

describe('expectedWorkloads', () => {
  it('lists workloads with replicas and components, skipping hooks and non-workloads', () => {
    expect(expectedWorkloads(manifest)).toEqual([
      { kind: 'Deployment', name: 'lr-backend', component: 'backend', replicas: 2 },
      { kind: 'Deployment', name: 'lr-frontend', component: 'frontend', replicas: 1 },
      { kind: 'Deployment', name: 'lr-keycloak', component: 'keycloak', replicas: 3 },
      { kind: 'StatefulSet', name: 'lr-mysql', component: 'mysql', replicas: 1 },
      { kind: 'DaemonSet', name: 'lr-agent', component: '', replicas: 0 },
      { kind: 'Job', name: 'lr-migrate', component: '', replicas: 2 },
      { kind: 'PersistentVolumeClaim', name: 'lr-data', component: '', replicas: 1 },
    ]);
  });
  it('an explicit replicas: 0 wins over an HPA and is kept', () => {
    expect(
      expectedWorkloads(
        'kind: Deployment\nmetadata: {name: a}\nspec: {replicas: 0}\n---\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 2, scaleTargetRef: {kind: Deployment, name: a}}\n',
      ),
    ).toEqual([{ kind: 'Deployment', name: 'a', component: '', replicas: 0 }]);
  });
  it('empty manifest → nothing; invalid YAML names the document', () => {
    expect(expectedWorkloads('')).toEqual([]);
    expect(expectedWorkloads('---\n---\n')).toEqual([]);
    expect(() => expectedWorkloads('kind: Deployment\n---\nkind: [unclosed\n')).toThrow(
      /document 2 is not valid YAML/,
    );
  });
});
