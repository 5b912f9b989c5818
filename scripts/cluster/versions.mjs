// Pinned versions of everything the local test cluster is built from.
// Changing a version here is the only thing that triggers a rebuild (the cache is keyed by it).
export const K8S = 'v1.36.3'; // kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
export const ETCD = 'v3.6.16'; // go.etcd.io/etcd/server/v3 (kwok maps 1.34–1.36 to etcd 3.6.x)
export const KWOK = 'v0.8.0'; // sigs.k8s.io/kwok/cmd/kwok
export const HELM4 = 'v4.3.1'; // helm.sh/helm/v4/cmd/helm
export const HELM3 = 'v3.22.0'; // helm.sh/helm/v3/cmd/helm (latest 3.x on the module proxy)
