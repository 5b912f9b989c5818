{{/*
Derived settings, each computed in one place. Booleans come back as "true" or "" (for `if include`).
*/}}

{{/*
general.deploy_secrets is a map ({enabled, existing_secrets}). A bare `false` turns the chart's
Secrets off; a bare `true` is refused (contract 3.50 §6 F6: the vendor's render stops on it too).
*/}}
{{- define "lightrun.deploySecrets" -}}
{{- $d := .Values.general.deploy_secrets -}}
{{- if kindIs "map" $d -}}
{{- if $d.enabled }}true{{ end -}}
{{- else if $d -}}
{{- fail "general.deploy_secrets must be a map such as {enabled: true}; a bare true is not accepted by chart 3.50" -}}
{{- end -}}
{{- end -}}

{{- define "lightrun.existingSecret" -}}
{{- $d := .root.Values.general.deploy_secrets -}}
{{- if kindIs "map" $d -}}
{{- dig .key "" ($d.existing_secrets | default dict) -}}
{{- end -}}
{{- end -}}

{{/* The backend Secret: env of backend and crons, MQ and Redis credentials, encryption keys. */}}
{{- define "lightrun.backendSecret" -}}
{{- $e := "" -}}
{{- if not (include "lightrun.deploySecrets" .) }}{{ $e = include "lightrun.existingSecret" (dict "root" . "key" "backend") }}{{ end -}}
{{- $e | default (include "lightrun.name" (dict "root" . "suffix" "backend")) -}}
{{- end -}}

{{/* The keycloak Secret: Keycloak admin, database credentials. */}}
{{- define "lightrun.keycloakSecret" -}}
{{- $e := "" -}}
{{- if not (include "lightrun.deploySecrets" .) }}{{ $e = include "lightrun.existingSecret" (dict "root" . "key" "keycloak") }}{{ end -}}
{{- $e | default (include "lightrun.name" (dict "root" . "suffix" "keycloak")) -}}
{{- end -}}

{{/* The server certificate Secret (kubernetes.io/tls). */}}
{{- define "lightrun.certSecret" -}}
{{- .Values.certificate.existing_cert | default (include "lightrun.name" (dict "root" . "suffix" "certificate")) -}}
{{- end -}}

{{/* The chart's pull secret: <rel>-lightrun-dockerhub, or <rel>-dockerhub when <rel> contains "lightrun". */}}
{{- define "lightrun.pullSecretName" -}}
{{- $rel := include "lightrun.rel" . -}}
{{- if contains "lightrun" $rel -}}
{{- printf "%s-dockerhub" $rel -}}
{{- else -}}
{{- printf "%s-lightrun-dockerhub" $rel -}}
{{- end -}}
{{- end -}}

{{/* Pull secret of every pod: existingSecret, else the chart's name; none for dockerhub_config null. */}}
{{- define "lightrun.pullSecretRef" -}}
{{- $c := .Values.secrets.defaults.dockerhub_config -}}
{{- if $c -}}
{{- $c.existingSecret | default (include "lightrun.pullSecretName" .) -}}
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
{{- include "lightrun.name" (dict "root" . "suffix" "mysql") -}}
{{- else -}}
{{- .Values.general.db_endpoint -}}
{{- end -}}
{{- end -}}

{{/* JDBC URL of backend, crons and Keycloak. Args: root, connector */}}
{{- define "lightrun.jdbcUrl" -}}
{{- $v := .root.Values.general -}}
{{- $params := ternary "?useSSL=true&trustServerCertificate=true" "?useSSL=false" (eq (toString $v.db_require_secure_transport) "true") -}}
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
{{- include "lightrun.name" (dict "root" . "suffix" "mq") -}}
{{- else -}}
{{- .Values.general.mq.mq_endpoint -}}
{{- end -}}
{{- end -}}

{{/* The queues: queue_names, or the legacy queue_name alone when the list is empty (as a JSON list). */}}
{{- define "lightrun.mqQueues" -}}
{{- $q := list -}}
{{- range (.Values.general.mq.queue_names | default list) }}{{ $q = append $q (toString .) }}{{ end -}}
{{- if not $q }}{{ $q = list (toString (.Values.general.mq.queue_name | default "")) }}{{ end -}}
{{- toJson $q -}}
{{- end -}}

{{/* The first queue whose name starts with a prefix, any case. Args: root, prefix */}}
{{- define "lightrun.mqQueue" -}}
{{- $found := "" -}}
{{- range (include "lightrun.mqQueues" .root | fromJsonArray) -}}
{{- if and (not $found) (hasPrefix $.prefix (lower .)) }}{{ $found = . }}{{ end -}}
{{- end -}}
{{- $found -}}
{{- end -}}

{{/* ---- Redis ---- */}}
{{- define "lightrun.redisLocal" -}}
{{- if not .Values.deployments.redis.external.enabled }}true{{ end -}}
{{- end -}}

{{- define "lightrun.redisHost" -}}
{{- if include "lightrun.redisLocal" . -}}
{{- include "lightrun.name" (dict "root" . "suffix" "redis") -}}
{{- else -}}
{{- .Values.deployments.redis.external.endpoint -}}
{{- end -}}
{{- end -}}

{{- define "lightrun.redisTls" -}}
{{- if or .Values.general.internal_tls.enabled (and .Values.deployments.redis.external.enabled .Values.deployments.redis.encryption.enabled) }}true{{ end -}}
{{- end -}}

{{/* ---- Internal TLS ---- */}}
{{- define "lightrun.internalTls" -}}
{{- if .Values.general.internal_tls.enabled }}true{{ end -}}
{{- end -}}

{{- define "lightrun.scheme" -}}
{{- if .Values.general.internal_tls.enabled }}https{{ else }}http{{ end -}}
{{- end -}}

{{/* Self-signed internal TLS in use (enabled and the generate source). */}}
{{- define "lightrun.selfSigned" -}}
{{- if and .Values.general.internal_tls.enabled (eq (toString .Values.general.internal_tls.certificates.source) "generate_self_signed_certificates") }}true{{ end -}}
{{- end -}}

{{- define "lightrun.verifyTls" -}}
{{- if .Values.general.internal_tls.certificates.verification }}true{{ end -}}
{{- end -}}

{{/*
TLS Secret of a component under internal TLS: <rel>-<suffix>-cert (self-signed) or the named
existing Secret. Args: root, key (existing_certificates key), suffix.
*/}}
{{- define "lightrun.internalCertSecret" -}}
{{- $c := .root.Values.general.internal_tls.certificates -}}
{{- $src := toString $c.source -}}
{{- if eq $src "generate_self_signed_certificates" -}}
{{- include "lightrun.name" (dict "root" .root "suffix" (printf "%s-cert" .suffix)) -}}
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

{{/* The private CA Secret (ca.crt) the server and router verify internal certificates with. */}}
{{- define "lightrun.caSecret" -}}
{{- if .Values.general.internal_tls.enabled -}}
{{- .Values.general.internal_tls.certificates.existing_ca_secret_name | default "" -}}
{{- end -}}
{{- end -}}

{{/*
The Secret mounted as Keycloak's extra trust store (/opt/keycloak/conf/truststores): the custom CA
of secrets.customCa (LDAPS), or the internal CA of self-signed internal TLS.
*/}}
{{- define "lightrun.keycloakTruststore" -}}
{{- $ca := .Values.secrets.customCa -}}
{{- if $ca.customCaCertificate -}}
{{- include "lightrun.name" (dict "root" . "suffix" "custom-ca-certificate") -}}
{{- else if $ca.existingCaSecret -}}
{{- $ca.existingCaSecret -}}
{{- else if include "lightrun.selfSigned" . -}}
{{- include "lightrun.name" (dict "root" . "suffix" "internal-tls-ca") -}}
{{- end -}}
{{- end -}}

{{/* ---- Encryption keys (contract 3.50 §10) ---- */}}

{{/*
The encryption-key-N entries of the live backend Secret, as JSON {"<N>": "<base64 data>"}. Empty
under `helm template` and client dry runs (lookup sees no cluster there).
*/}}
{{- define "lightrun.liveEncryptionKeys" -}}
{{- $live := lookup "v1" "Secret" .Release.Namespace (include "lightrun.backendSecret" .) -}}
{{- $out := dict -}}
{{- range $k, $v := (($live | default dict).data | default dict) -}}
{{- if regexMatch "^encryption-key-[0-9]+$" $k -}}
{{- $_ := set $out (trimPrefix "encryption-key-" $k | atoi | toString) $v -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
Numbers of the encryption keys the release has after this render, as a JSON list, ascending:
the live ones (or 0 for a new release) plus one more with rotateKey on an existing release.
With deploy_secrets off: the external Secret's keys, or 0 when none are found.
*/}}
{{- define "lightrun.encryptionKeyNumbers" -}}
{{- $live := include "lightrun.liveEncryptionKeys" . | fromJson -}}
{{- $max := -1 -}}
{{- range $k, $_ := $live }}{{ if gt (atoi $k) $max }}{{ $max = atoi $k }}{{ end }}{{ end -}}
{{- $nums := list -}}
{{- if lt $max 0 -}}
{{- $nums = list 0 -}}
{{- else -}}
{{- range $n := until (add1 $max | int) }}{{ if hasKey $live (toString $n) }}{{ $nums = append $nums $n }}{{ end }}{{ end -}}
{{- if and (include "lightrun.deploySecrets" .) .Values.secrets.keysEncryption.rotateKey -}}
{{- $nums = append $nums (add1 $max) -}}
{{- end -}}
{{- end -}}
{{- toJson $nums -}}
{{- end -}}

{{/* The encryption-keys volume of backend and crons: every key, optional. */}}
{{- define "lightrun.encryptionKeysVolume" -}}
- name: encryption-keys
  secret:
    secretName: {{ include "lightrun.backendSecret" . }}
    optional: true
    items:
      {{- range (include "lightrun.encryptionKeyNumbers" . | fromJsonArray) }}
      - {key: encryption-key-{{ int64 . }}, path: encryption-key-{{ int64 . }}}
      {{- end }}
{{- end -}}

{{/* ---- MySQL version ---- */}}
{{/* The MySQL tag as a string. */}}
{{- define "lightrun.mysqlTag" -}}
{{- .Values.deployments.mysql.image.tag | toString -}}
{{- end -}}

{{/* "true" when the MySQL tag is a string semver can read (F4/F5 in validate.yaml refuse the rest). */}}
{{- define "lightrun.mysqlTagValid" -}}
{{- $tag := .Values.deployments.mysql.image.tag -}}
{{- if and (kindIs "string" $tag) (regexMatch "^v?[0-9]+(\\.[0-9]+)?(\\.[0-9]+)?(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$" $tag) }}true{{ end -}}
{{- end -}}
