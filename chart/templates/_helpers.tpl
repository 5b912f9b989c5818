{{/*
Naming. Every object is "<release>-<suffix>" (3.9.4 has no nameOverride: docs/chart-3.9.4.md), so
the same values give the same object names as the vendor chart.
*/}}
{{- define "lightrun.name" -}}
{{- printf "%s-%s" .root.Release.Name .suffix | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lightrun.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: lightrun
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: lightrun
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{- define "lightrun.selectorLabels" -}}
app.kubernetes.io/name: lightrun
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Standard metadata block: name, namespace, labels. Args: root, suffix, component, [extraLabels], [annotations] */}}
{{- define "lightrun.metadata" -}}
name: {{ include "lightrun.name" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "lightrun.labels" . | nindent 2 }}
  {{- with .extraLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with .annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Image reference. Args: image (repository/tag), root, [appVersionFallback].
Backend, frontend and keycloak default to tag "" (docs/chart-3.9.4.md G3); an empty tag would render
"repo:" (an invalid reference), so those fall back to the chart's appVersion.
*/}}
{{- define "lightrun.image" -}}
{{- $tag := toString (.image.tag | default "") -}}
{{- if and (not $tag) .appVersionFallback -}}
{{- $tag = .root.Chart.AppVersion -}}
{{- end -}}
{{- if $tag -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- else -}}
{{- .image.repository -}}
{{- end -}}
{{- end -}}

{{/* image + imagePullPolicy lines of a container. Same args as lightrun.image. */}}
{{- define "lightrun.containerImage" -}}
image: {{ include "lightrun.image" . | quote }}
{{- with .image.pullPolicy }}
imagePullPolicy: {{ . }}
{{- end }}
{{- end -}}

{{/*
Container securityContext, the guide's rule: the defaults (general.base_container_securityContext,
plus readOnlyRootFilesystem for frontend/backend/keycloak) cannot be overridden; keys of the
user's containerSecurityContext that the defaults do not have are added (two levels deep, e.g.
capabilities.add next to the default capabilities.drop). Overlapping keys keep the default.
Args: root, user (map or null), [readOnly] (apply general.readOnlyRootFilesystem).
*/}}
{{- define "lightrun.containerSecurityContext" -}}
{{- $out := deepCopy (.root.Values.general.base_container_securityContext | default dict) -}}
{{- if .root.Values.general.openshift -}}
{{- $_ := unset $out "runAsUser" -}}
{{- end -}}
{{- if .readOnly -}}
{{- $_ := set $out "readOnlyRootFilesystem" (eq (include "lightrun.readOnlyRoot" .root) "true") -}}
{{- end -}}
{{- range $k, $v := (.user | default dict) -}}
{{- if not (hasKey $out $k) -}}
{{- $_ := set $out $k $v -}}
{{- else if and (kindIs "map" $v) (kindIs "map" (get $out $k)) -}}
{{- $inner := get $out $k -}}
{{- range $k2, $v2 := $v -}}
{{- if not (hasKey $inner $k2) -}}
{{- $_ := set $inner $k2 $v2 -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{- define "lightrun.readOnlyRoot" -}}
{{- if .Values.general.readOnlyRootFilesystem }}true{{ else }}false{{ end -}}
{{- end -}}

{{/* Pod securityContext: copied as given; OpenShift assigns groups itself (no fsGroup). Args: root, ctx */}}
{{- define "lightrun.podSecurityContext" -}}
{{- $ctx := deepCopy (.ctx | default dict) -}}
{{- if .root.Values.general.openshift -}}
{{- $_ := unset $ctx "fsGroup" -}}
{{- end -}}
{{- with $ctx }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* A size-limited in-memory emptyDir for writable paths under a read-only root filesystem. */}}
{{- define "lightrun.tmpfs" -}}
emptyDir:
  medium: Memory
  sizeLimit: {{ .Values.general.readOnlyRootFilesystem_tmpfs_sizeLimit }}
{{- end -}}

{{/* One figure is both request and limit (Guaranteed QoS). Args: the resources map. */}}
{{- define "lightrun.resources" -}}
resources:
  requests:
    cpu: {{ .cpu | quote }}
    memory: {{ .memory | quote }}
  limits:
    cpu: {{ .cpu | quote }}
    memory: {{ .memory | quote }}
{{- end -}}

{{/* 75% of an integer Gi/Mi memory figure, in MiB, for -Xmx/-Xms. */}}
{{- define "lightrun.heapMi" -}}
{{- $m := toString . -}}
{{- $mi := 0 -}}
{{- if regexMatch "^[0-9]+Gi$" $m -}}
{{- $mi = mul (trimSuffix "Gi" $m | int) 1024 -}}
{{- else if regexMatch "^[0-9]+Mi$" $m -}}
{{- $mi = trimSuffix "Mi" $m | int -}}
{{- else -}}
{{- fail (printf "memory %q of a JVM component must be an integer followed by Gi or Mi (the heap is 75%% of it)" $m) -}}
{{- end -}}
{{- div (mul $mi 3) 4 -}}
{{- end -}}

{{/*
Env list: the chart's entries (a list of EnvVar maps), minus any name the user's extraEnvs also
defines (theirs replace ours, e.g. _JAVA_OPTIONS), then the extraEnvs. Server-side apply rejects
duplicate names, so this de-duplication matters. Args: env, extra.
*/}}
{{- define "lightrun.env" -}}
{{- $names := list -}}
{{- range (.extra | default list) -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- $out := list -}}
{{- range .env -}}
{{- if not (has .name $names) -}}
{{- $out = append $out . -}}
{{- end -}}
{{- end -}}
{{- $out = concat $out (.extra | default list) -}}
{{- with $out }}
env:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* nodeSelector (general + component), tolerations, affinity, topologySpreadConstraints. Args: root, c (component values) */}}
{{- define "lightrun.scheduling" -}}
{{- $ns := merge (deepCopy (.c.nodeSelector | default dict)) (deepCopy (.root.Values.general.nodeSelector | default dict)) -}}
{{- with $ns }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.general.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .c.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .c.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Probe timing fields shared by every probe. Args: the probe values map. */}}
{{- define "lightrun.probeTiming" -}}
{{- range $k := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "successThreshold" "failureThreshold" }}
{{- if hasKey $ $k }}
{{ $k }}: {{ get $ $k }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Pod-level fields every workload shares. Args: root, component, c */}}
{{- define "lightrun.podCommon" -}}
serviceAccountName: {{ include "lightrun.serviceAccountName" (dict "root" .root "suffix" .component) }}
automountServiceAccountToken: {{ .root.Values.serviceAccount.automountServiceAccountToken | default false }}
{{- include "lightrun.imagePullSecrets" .root }}
{{- include "lightrun.scheduling" . }}
{{- end -}}

{{- define "lightrun.serviceAccountName" -}}
{{- if .root.Values.serviceAccount.create -}}
{{- include "lightrun.name" . -}}
{{- else -}}
{{- .root.Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Pod annotations: the component's podAnnotations plus checksums that roll pods on config changes. Args: c, checksums (map) */}}
{{- define "lightrun.podAnnotations" -}}
{{- $a := merge (deepCopy (.c.podAnnotations | default dict)) (.checksums | default dict) -}}
{{- with $a }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
