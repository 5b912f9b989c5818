{{/*
Derived settings: each is computed in one place and used by every template that needs it.
Booleans are returned as "true" or "" so callers can write `if include ...`.
*/}}

{{/* deploy_secrets is an object in 3.9.4; a bare boolean (the guide's form) is honoured too. */}}
{{- define "lightrun.deploySecrets" -}}
{{- $d := .Values.general.deploy_secrets -}}
{{- if kindIs "map" $d -}}
{{- if $d.enabled }}true{{ end -}}
{{- else if $d -}}true{{- end -}}
{{- end -}}

{{- define "lightrun.existingSecret" -}}
{{- $d := .root.Values.general.deploy_secrets -}}
{{- if kindIs "map" $d -}}
{{- (($d.existing_secrets | default dict) | dig .key "" ) -}}
{{- end -}}
{{- end -}}

{{/* Name of the backend Secret (env of the backend, MQ and Redis credentials). */}}
{{- define "lightrun.backendSecret" -}}
{{- $e := "" -}}
{{- if not (include "lightrun.deploySecrets" .) }}{{ $e = include "lightrun.existingSecret" (dict "root" . "key" "backend") }}{{ end -}}
{{- $e | default (printf "%s-backend" .Release.Name) -}}
{{- end -}}

{{/* Name of the keycloak Secret (Keycloak admin, DB credentials). */}}
{{- define "lightrun.keycloakSecret" -}}
{{- $e := "" -}}
{{- if not (include "lightrun.deploySecrets" .) }}{{ $e = include "lightrun.existingSecret" (dict "root" . "key" "keycloak") }}{{ end -}}
{{- $e | default (printf "%s-keycloak" .Release.Name) -}}
{{- end -}}

{{- define "lightrun.aesSecret" -}}
{{- $e := "" -}}
{{- if not (include "lightrun.deploySecrets" .) }}{{ $e = include "lightrun.existingSecret" (dict "root" . "key" "api_keys_encryption") }}{{ end -}}
{{- $e | default (printf "%s-aes" .Release.Name) -}}
{{- end -}}

{{/* The server TLS certificate Secret (kubernetes.io/tls): existing_cert or <rel>-certificate. */}}
{{- define "lightrun.certSecret" -}}
{{- .Values.certificate.existing_cert | default (printf "%s-certificate" .Release.Name) -}}
{{- end -}}

{{/* Registry pull secret name rendered by the chart. */}}
{{- define "lightrun.pullSecretName" -}}
{{- if contains "lightrun" .Release.Name -}}
{{- printf "%s-dockerhub" .Release.Name -}}
{{- else -}}
{{- printf "%s-lightrun-dockerhub" .Release.Name -}}
{{- end -}}
{{- end -}}

{{/*
Pull secret referenced by pods: existingSecret; else the chart's secret when it renders one
(configContent set) or when secrets are deployed outside the chart; none for dockerhub_config null
or for an empty configContent with deploy_secrets on (an empty .dockerconfigjson is invalid).
*/}}
{{- define "lightrun.pullSecretRef" -}}
{{- $c := .Values.secrets.defaults.dockerhub_config -}}
{{- if $c -}}
{{- if $c.existingSecret -}}
{{- $c.existingSecret -}}
{{- else if or $c.configContent (not (include "lightrun.deploySecrets" .)) -}}
{{- include "lightrun.pullSecretName" . -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "lightrun.imagePullSecrets" -}}
{{- with include "lightrun.pullSecretRef" . }}
imagePullSecrets:
  - name: {{ . }}
{{- end }}
{{- end -}}

{{/* ---- Database ---- */}}
{{- define "lightrun.dbHost" -}}
{{- if .Values.general.db_local -}}
{{- printf "%s-mysql" .Release.Name -}}
{{- else -}}
{{- .Values.general.db_endpoint -}}
{{- end -}}
{{- end -}}

{{/* JDBC URL shared by backend (datasource, Flyway) and Keycloak. Args: root, connector */}}
{{- define "lightrun.jdbcUrl" -}}
{{- $v := .root.Values.general -}}
{{- $params := "" -}}
{{- if $v.db_require_secure_transport -}}
{{- $params = "?useSSL=true&trustServerCertificate=true" -}}
{{- else -}}
{{- $params = "?useSSL=false" -}}
{{- end -}}
{{- printf "jdbc:%s://%s:3306/%s%s" (.connector | default "mariadb") (include "lightrun.dbHost" .root) (toString $v.db_database) $params -}}
{{- end -}}

{{/* ---- Message queue ---- */}}
{{- define "lightrun.mqEnabled" -}}
{{- if .Values.general.mq.enabled }}true{{ end -}}
{{- end -}}

{{- define "lightrun.mqLocal" -}}
{{- if and .Values.general.mq.enabled .Values.general.mq.local }}true{{ end -}}
{{- end -}}

{{- define "lightrun.mqHost" -}}
{{- if .Values.general.mq.local -}}
{{- printf "%s-mq" .Release.Name -}}
{{- else -}}
{{- .Values.general.mq.mq_endpoint -}}
{{- end -}}
{{- end -}}

{{- define "lightrun.mqPersistent" -}}
{{- $s := toString .Values.general.mq.storage -}}
{{- if and $s (ne $s "0") }}true{{ end -}}
{{- end -}}

{{/* ---- Redis ---- */}}
{{- define "lightrun.redisLocal" -}}
{{- if not .Values.deployments.redis.external.enabled }}true{{ end -}}
{{- end -}}

{{- define "lightrun.redisHost" -}}
{{- if include "lightrun.redisLocal" . -}}
{{- printf "%s-redis" .Release.Name -}}
{{- else -}}
{{- .Values.deployments.redis.external.endpoint -}}
{{- end -}}
{{- end -}}

{{- define "lightrun.redisTls" -}}
{{- /* Local Redis speaks TLS with internal TLS; an external one also when encryption is on. */ -}}
{{- if or .Values.general.internal_tls.enabled (and .Values.deployments.redis.external.enabled .Values.deployments.redis.encryption.enabled) }}true{{ end -}}
{{- end -}}

{{/* ---- Internal TLS ---- */}}
{{- define "lightrun.internalTls" -}}
{{- if .Values.general.internal_tls.enabled }}true{{ end -}}
{{- end -}}

{{- define "lightrun.scheme" -}}
{{- if .Values.general.internal_tls.enabled }}https{{ else }}http{{ end -}}
{{- end -}}

{{- define "lightrun.selfSigned" -}}
{{- if eq (toString .Values.general.internal_tls.certificates.source) "generate_self_signed_certificates" }}true{{ end -}}
{{- end -}}

{{/*
TLS Secret of an internal component. Args: root, key (existing_certificates key), suffix (self-signed name suffix).
*/}}
{{- define "lightrun.internalCertSecret" -}}
{{- $c := .root.Values.general.internal_tls.certificates -}}
{{- $src := toString $c.source -}}
{{- if eq $src "generate_self_signed_certificates" -}}
{{- printf "%s-%s-cert" .root.Release.Name .suffix -}}
{{- else if eq $src "existing_certificates" -}}
{{- $name := dig .key "" ($c.existing_certificates | default dict) -}}
{{- if not $name -}}
{{- fail (printf "general.internal_tls.certificates.existing_certificates.%s: name the Secret (tls.crt, tls.key) of this component, or use source generate_self_signed_certificates" .key) -}}
{{- end -}}
{{- $name -}}
{{- else -}}
{{- fail (printf "general.internal_tls.certificates.source %q: use existing_certificates or generate_self_signed_certificates" $src) -}}
{{- end -}}
{{- end -}}

{{/* The private CA Secret (key ca.crt) pods trust for internal TLS, when given. */}}
{{- define "lightrun.caSecret" -}}
{{- if .Values.general.internal_tls.enabled -}}
{{- .Values.general.internal_tls.certificates.existing_ca_secret_name | default "" -}}
{{- end -}}
{{- end -}}

{{- define "lightrun.verifyTls" -}}
{{- if .Values.general.internal_tls.certificates.verification }}true{{ end -}}
{{- end -}}

{{/* ---- External access mode ---- */}}
{{- define "lightrun.routerMode" -}}
{{- if .Values.general.router.enabled }}true{{ end -}}
{{- end -}}

{{- define "lightrun.ingressMode" -}}
{{- if and (not .Values.general.router.enabled) .Values.general.ingress_controller (not .Values.general.openshift) }}true{{ end -}}
{{- end -}}

{{/* Router off on OpenShift (docs/chart-3.9.4.md §14): two plain Ingresses, <rel>-clients (/ -> frontend) and <rel>-agents, and a proxying frontend. */}}
{{- define "lightrun.openshiftIngress" -}}
{{- if and (not .Values.general.router.enabled) .Values.general.openshift }}true{{ end -}}
{{- end -}}

{{- define "lightrun.nginxMode" -}}
{{- if and (not .Values.general.router.enabled) (not .Values.general.ingress_controller) }}true{{ end -}}
{{- end -}}

{{/* Keycloak version from its image tag (X.Y.Z prefix; unparsable tags count as 1.38.0). */}}
{{- define "lightrun.keycloakVersion" -}}
{{- $tag := toString (.Values.deployments.keycloak.image.tag | default .Chart.AppVersion) -}}
{{- regexFind "^[0-9]+\\.[0-9]+\\.[0-9]+" $tag | default "1.38.0" -}}
{{- end -}}
