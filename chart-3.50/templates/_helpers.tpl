{{/*
Naming. Every object is "<rel>-<suffix>", where <rel> is general.nameOverride when set, else the
release name (contract 3.50 §4), so the same values give the same object names as the vendor chart.
Labels keep the Helm release as app.kubernetes.io/instance: selectors do not move with nameOverride.
*/}}
{{- define "lightrun.rel" -}}
{{- .Values.general.nameOverride | default .Release.Name | toString | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* "<rel>-<suffix>". Args: root, suffix. */}}
{{- define "lightrun.name" -}}
{{- printf "%s-%s" (include "lightrun.rel" .root) .suffix | trunc 63 | trimSuffix "-" -}}
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

{{/* The same three labels as the project's 3.9.4 chart (chart/): an upgrade keeps every selector. */}}
{{- define "lightrun.selectorLabels" -}}
app.kubernetes.io/name: lightrun
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* name, namespace, labels, annotations. Args: root, suffix, component, [extraLabels], [annotations] */}}
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
The five Lightrun images fall back to the chart's appVersion when their tag is empty, instead of
rendering the invalid "repo:".
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
Container securityContext: general.base_container_securityContext (without runAsUser on OpenShift),
readOnlyRootFilesystem for the containers that support it, then the keys of the component's
containerSecurityContext the base does not set (maps one level deep). The base cannot be weakened.
Args: root, user (map or null), [readOnly].
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

{{/* Pod securityContext as given; no fsGroup on OpenShift. Args: root, ctx */}}
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

{{/* In-memory emptyDir of general.readOnlyRootFilesystem_tmpfs_sizeLimit. */}}
{{- define "lightrun.tmpfs" -}}
emptyDir:
  medium: Memory
  sizeLimit: {{ .Values.general.readOnlyRootFilesystem_tmpfs_sizeLimit }}
{{- end -}}

{{/* One figure is both request and limit. Args: the resources map. */}}
{{- define "lightrun.resources" -}}
resources:
  requests:
    cpu: {{ .cpu | quote }}
    memory: {{ .memory | quote }}
  limits:
    cpu: {{ .cpu | quote }}
    memory: {{ .memory | quote }}
{{- end -}}

{{/* 75% of a whole Gi/Mi memory figure, in MiB. Args: key (for the message), memory. */}}
{{- define "lightrun.heapMi" -}}
{{- $m := toString .memory -}}
{{- $mi := 0 -}}
{{- if regexMatch "^[0-9]+Gi$" $m -}}
{{- $mi = mul (trimSuffix "Gi" $m | int) 1024 -}}
{{- else if regexMatch "^[0-9]+Mi$" $m -}}
{{- $mi = trimSuffix "Mi" $m | int -}}
{{- else -}}
{{- fail (printf "%s %q: the JVM heap is 75%% of it, so give a whole number of Gi or Mi" .key $m) -}}
{{- end -}}
{{- div (mul $mi 3) 4 -}}
{{- end -}}

{{/*
Env list: the chart's entries minus the names any of the extra lists defines, then each extra list
in turn, a later list replacing an earlier one's entry of the same name. No duplicate names (which
server-side apply refuses). Args: env, extras (list of lists).
*/}}
{{- define "lightrun.env" -}}
{{- $out := .env -}}
{{- range $extra := .extras -}}
{{- $names := list -}}
{{- range ($extra | default list) -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- $kept := list -}}
{{- range $out -}}
{{- if not (has .name $names) -}}
{{- $kept = append $kept . -}}
{{- end -}}
{{- end -}}
{{- $out = concat $kept ($extra | default list) -}}
{{- end -}}
{{- with $out }}
env:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Scheduling (contract 3.50 §8.9, the tag's behaviour): general.nodeSelector, or only the
component's own nodeSelector for MySQL and RabbitMQ (own: true); general.tolerations everywhere;
the component's affinity and topologySpreadConstraints. Args: root, c, [own]
*/}}
{{- define "lightrun.scheduling" -}}
{{- $ns := ternary .c.nodeSelector .root.Values.general.nodeSelector (eq (toString .own) "true") -}}
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

{{/* Probe timing fields. Args: the probe values map. */}}
{{- define "lightrun.probeTiming" -}}
{{- range $k := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "successThreshold" "failureThreshold" }}
{{- if hasKey $ $k }}
{{ $k }}: {{ get $ $k }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Pod fields every workload shares. Args: root, component, c, [own], [automount] */}}
{{- define "lightrun.podCommon" -}}
serviceAccountName: {{ include "lightrun.serviceAccountName" (dict "root" .root "suffix" .component) }}
automountServiceAccountToken: {{ or .automount .root.Values.serviceAccount.automountServiceAccountToken | default false }}
{{- include "lightrun.imagePullSecrets" .root }}
{{- include "lightrun.scheduling" . }}
{{- end -}}

{{/* A component's ServiceAccount, or serviceAccount.name (default: the always rendered <rel>) without create. */}}
{{- define "lightrun.serviceAccountName" -}}
{{- if .root.Values.serviceAccount.create -}}
{{- include "lightrun.name" . -}}
{{- else -}}
{{- .root.Values.serviceAccount.name | default (include "lightrun.rel" .root) -}}
{{- end -}}
{{- end -}}

{{/* Pod annotations: podAnnotations plus checksums. Args: c, checksums */}}
{{- define "lightrun.podAnnotations" -}}
{{- $a := merge (deepCopy (.c.podAnnotations | default dict)) (.checksums | default dict) -}}
{{- with $a }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod template labels. Args: root, component, c */}}
{{- define "lightrun.podLabels" -}}
labels:
  {{- include "lightrun.selectorLabels" . | nindent 2 }}
  {{- with .c.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}

{{/* Resources of the small helper init containers. */}}
{{- define "lightrun.helperResources" -}}
resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 100m, memory: 128Mi}}
{{- end -}}
