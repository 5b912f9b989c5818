// Pinned versions of everything the local test cluster is built from.
// Changing a version here is the only thing that triggers a rebuild (the cache is keyed by it).
export const K8S = 'v1.36.3'; // kube-apiserver, kube-controller-manager, kube-scheduler, kubectl
export const ETCD = 'v3.6.16'; // go.etcd.io/etcd/server/v3 (kwok maps 1.34–1.36 to etcd 3.6.x)
export const KWOK = 'v0.8.0'; // sigs.k8s.io/kwok/cmd/kwok
export const HELM4 = 'v4.3.1'; // helm.sh/helm/v4/cmd/helm
export const HELM3 = 'v3.22.0'; // helm.sh/helm/v3/cmd/helm (latest 3.x on the module proxy)
// The GitOps controllers' CRDs the export is validated against (docs/gitops.md), read from the
// same modules' sources on the Go module proxy: Argo CD's Application, Flux's OCIRepository,
// HelmRepository and HelmRelease, External Secrets' ExternalSecret and stores.
export const ARGO_CD = 'v3.1.8'; // github.com/argoproj/argo-cd/v3
export const FLUX_SOURCE = 'v1.7.2'; // github.com/fluxcd/source-controller
export const FLUX_HELM = 'v1.4.0'; // github.com/fluxcd/helm-controller
export const EXTERNAL_SECRETS = 'v0.20.4'; // github.com/external-secrets/external-secrets
