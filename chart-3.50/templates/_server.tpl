{{/*
The Lightrun server Deployment: the backend, and crons (the same image and wiring with the cron
profile, one replica, no Service). Contract 3.50 §8.1: crons takes its init containers' images and
securityContext from the backend's values, the backend's extraEnvs and then its own.
Args: root, component ("backend" or "crons").
*/}}
{{- define "lightrun.server" -}}
{{- $root := .root -}}
{{- $comp := .component -}}
{{- $crons := eq $comp "crons" -}}
{{- $b := $root.Values.deployments.backend -}}
{{- $c := get $root.Values.deployments $comp -}}
{{- $g := $root.Values.general -}}
{{- $name := include "lightrun.name" (dict "root" $root "suffix" $comp) -}}
{{- $kc := include "lightrun.name" (dict "root" $root "suffix" "keycloak") -}}
{{- $scheme := include "lightrun.scheme" $root -}}
{{- $tls := include "lightrun.internalTls" $root -}}
{{- $ca := include "lightrun.caSecret" $root -}}
{{- $ro := eq (include "lightrun.readOnlyRoot" $root) "true" -}}
{{- $secret := include "lightrun.backendSecret" $root -}}
{{- $initCtx := dict "root" $root "user" $b.containerSecurityContext "readOnly" true -}}
{{- $mainCtx := dict "root" $root "user" $c.containerSecurityContext "readOnly" true -}}
{{- $heap := include "lightrun.heapMi" (dict "key" (printf "deployments.%s.resources.memory" $comp) "memory" $c.resources.memory) | int -}}
{{- $xms := ternary (div $heap 3) $heap $crons -}}
{{- $sysConfig := and $g.system_config.content $g.system_config.signature -}}
{{- $sysdiag := and (not $crons) $g.system_diagnostics_k8s_api.enabled $root.Values.serviceAccount.create -}}
{{- $prof := $c.asyncProfiler | default dict -}}
{{- $dumps := $c.dumpsPersistence | default dict -}}
{{- $env := list
  (dict "name" "LIGHTRUN_HOSTNAME" "value" (toString $g.name))
  (dict "name" "DEPLOYMENT_TYPE" "value" (toString $g.deployment_type))
  (dict "name" "SERVER_EXTERNAL_HOST" "value" (toString $g.lightrun_endpoint))
  (dict "name" "SERVER_EXTERNAL_PORT" "value" "443")
  (dict "name" "SERVER_DISPLAY_PORT" "value" "443")
  (dict "name" "SERVER_PORT" "value" "8080")
  (dict "name" "SPRING_PROFILES_ACTIVE" "value" (ternary "prod,swagger,cluster,cron" "prod,swagger,cluster" $crons))
  (dict "name" "_JAVA_OPTIONS" "value" (printf "-Xmx%dm -Xms%dm" $heap $xms))
  (dict "name" "JAR_NAME" "value" (toString ($c.jar_name | default $b.jar_name)))
  (dict "name" "LOGGING_JSON_FORMAT" "value" (toString $b.useJsonLogFormat))
  (dict "name" "SPRING_DATASOURCE_URL" "value" (include "lightrun.jdbcUrl" (dict "root" $root "connector" $b.dbConnector)))
  (dict "name" "SPRING_FLYWAY_URL" "value" (include "lightrun.jdbcUrl" (dict "root" $root "connector" $b.dbConnector)))
  (dict "name" "SPRING_SECURITY_KEYCLOAK_URL" "value" (printf "%s://%s:8080/auth" $scheme $kc))
  (dict "name" "SPRING_SECURITY_OAUTH2_ISSUER_URI" "value" (printf "https://%s/auth/realms/lightrun" $g.lightrun_endpoint))
  (dict "name" "SPRING_SECURITY_REDIRECT_ALLOW_LIST" "value" (printf "https://%s/*" $g.lightrun_endpoint))
  (dict "name" "SPRING_REDIS_HOST" "value" (include "lightrun.redisHost" $root))
  (dict "name" "SPRING_REDIS_PORT" "value" (toString $root.Values.deployments.redis.port))
  (dict "name" "SPRING_REDIS_SSL" "value" (ternary "true" "false" (eq (include "lightrun.redisTls" $root) "true")))
  (dict "name" "SPRING_REDIS_AUTH_ENABLED" "value" (toString $root.Values.deployments.redis.auth.enabled))
  (dict "name" "JCACHE_CONFIG" "value" "file:/jcache-config/jcache.yaml")
  (dict "name" "ARTIFACTS_ENABLE" "value" (toString $b.artifacts.enable))
  (dict "name" "ARTIFACTS_ENABLE_S3_FEATURE" "value" (toString $b.artifacts.enable))
  (dict "name" "ARTIFACTS_REPOSITORY_URL" "value" (toString $b.artifacts.repository_url))
  (dict "name" "ARTIFACTS_SUPPORTED_VERSIONS_URL" "value" (toString $b.artifacts.supported_versions_url))
  (dict "name" "ARTIFACTS_RESOLUTION_MODE" "value" (toString $b.artifacts.resolution_mode))
  (dict "name" "ARTIFACTS_S3_URL" "value" (toString $b.artifacts.s3_url))
  (dict "name" "ARTIFACTS_DOWNLOAD_PRERELEASE" "value" (toString $b.artifacts.download_prerelease))
  (dict "name" "LIGHTRUN_ARTIFACTS_URL" "value" (printf "%s://%s:8080" $scheme (include "lightrun.name" (dict "root" $root "suffix" "artifacts"))))
  (dict "name" "SERVER_SECURITY_ENCRYPTION-KEYS-PATH" "value" "file:/encryption-keys")
  (dict "name" "LIGHTRUN_SECURITY_PINNED_CERT_HASH_FILE_PATH" "value" "/p12/pinned-cert-hash")
  (dict "name" "SERVER_SSL_ENABLED" "value" (ternary "true" "false" (eq $tls "true")))
  (dict "name" "TLS_SKIPCLIENTCERTIFICATEVERIFICATION" "value" (ternary "false" "true" (and (eq $tls "true") (eq (include "lightrun.verifyTls" $root) "true"))))
-}}
{{- if $tls -}}
{{- $env = concat $env (list
  (dict "name" "KEYSTORE_PATH" "value" "/p12/lightrun.p12")
  (dict "name" "SERVER_SSL_KEY_STORE" "value" "file:/p12/lightrun.p12")
  (dict "name" "SERVER_SSL_KEY_STORE_TYPE" "value" "PKCS12")) -}}
{{- end -}}
{{- with $c.appMetrics -}}
{{- if .exposeToDatadog -}}
{{- $env = concat $env (list
  (dict "name" "MANAGEMENT_METRICS_EXPORT_DATADOG_ENABLED" "value" "true")
  (dict "name" "APP_METRICS_INCLUDE" "value" (join "," (.includeMetrics | default list)))) -}}
{{- end -}}
{{- end -}}
{{- if include "lightrun.mqEnabled" $root -}}
{{- $env = concat $env (list
  (dict "name" "SPRING_RABBITMQ_HOST" "value" (include "lightrun.mqHost" $root))
  (dict "name" "SPRING_RABBITMQ_PORT" "value" (toString $g.mq.port))
  (dict "name" "SPRING_RABBITMQ_SSL_ENABLED" "value" (ternary "true" "false" (eq $tls "true")))
  (dict "name" "SPRING_RABBITMQ_SSL_VALIDATE_SERVER_CERTIFICATE" "value" (ternary "true" "false" (eq (include "lightrun.verifyTls" $root) "true")))
  (dict "name" "MQ_ENABLED" "value" "true")
  (dict "name" "TRACKING_MIXPANEL_QUEUE_NAME" "value" (include "lightrun.mqQueue" (dict "root" $root "prefix" "mixpanel-events")))
  (dict "name" "KEYCLOAK_QUEUE_NAME" "value" (include "lightrun.mqQueue" (dict "root" $root "prefix" "keycloak-events")))) -}}
{{- end -}}
{{- if $g.data_streamer.enabled -}}
{{- $env = concat $env (list
  (dict "name" "DATA_STREAMER_ENABLED" "value" "true")
  (dict "name" "DATA_STREAMER_URL" "value" (printf "%s://%s:4195" $scheme (include "lightrun.name" (dict "root" $root "suffix" "data-streamer"))))) -}}
{{- end -}}
{{- with $root.Values.certificate.security_pinned_hashes -}}
{{- $env = append $env (dict "name" "LIGHTRUN_SECURITY_PINNED_HASHES" "value" (join "," .)) -}}
{{- end -}}
{{- if $sysConfig -}}
{{- $env = concat $env (list
  (dict "name" "LIGHTRUN_SYSTEM_CONFIG_JSON_FILE_PATH" "value" "/opt/lightrun/system_config.json")
  (dict "name" "LIGHTRUN_SYSTEM_CONFIG_JSON_SIGNATURE" "value" (toString $g.system_config.signature))) -}}
{{- end -}}
{{- if $ca -}}
{{- $env = append $env (dict "name" "JAVA_TOOL_OPTIONS" "value" "-Djavax.net.ssl.trustStore=/truststore/cacerts -Djavax.net.ssl.trustStorePassword=$(KEYSTORE_PASSWORD)") -}}
{{- end -}}
{{- if $prof.enabled -}}
{{- $env = append $env (dict "name" "JDK_JAVA_OPTIONS" "value" (printf "-agentpath:/async-profiler/lib/libasyncProfiler.so=%s" $prof.arguments)) -}}
{{- end -}}
{{- $extras := ternary (list $b.extraEnvs $c.extraEnvs) (list $b.extraEnvs) $crons -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "lightrun.metadata" (dict "root" $root "suffix" $comp "component" $comp "annotations" $c.annotations) | nindent 2 }}
spec:
  {{- if $crons }}
  replicas: 1
  strategy:
    type: Recreate
  {{- else }}
  {{- if not $c.hpa.enabled }}
  replicas: {{ $c.replicas }}
  {{- end }}
  strategy:
    type: {{ $c.rollout_strategy | default "Recreate" }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "lightrun.selectorLabels" (dict "root" $root "component" $comp) | nindent 6 }}
  template:
    metadata:
      {{- include "lightrun.podLabels" (dict "root" $root "component" $comp "c" $c) | nindent 6 }}
      {{- with (include "lightrun.podAnnotations" (dict "c" $c "checksums" (dict "checksum/jcache" (include (print $root.Template.BasePath "/backend-configmap.yaml") $root | sha256sum))) | trim) }}{{ . | nindent 6 }}{{ end }}
    spec:
      {{- include "lightrun.podCommon" (dict "root" $root "component" $comp "c" $c "automount" $sysdiag) | trim | nindent 6 }}
      {{- with (include "lightrun.podSecurityContext" (dict "root" $root "ctx" $c.podSecurityContext) | trim) }}{{ . | nindent 6 }}{{ end }}
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds | default 45 }}
      initContainers:
        - name: wait-for-keycloak
          {{- include "lightrun.containerImage" (dict "root" $root "image" $b.initContainers.wait_for_keycloak.image) | nindent 10 }}
          command: ["sh", "-c"]
          args:
            - until curl -ksf -o /dev/null "{{ $scheme }}://{{ $kc }}:9000/auth/health/started"; do echo waiting for keycloak; sleep 5; done
          securityContext:
            {{- include "lightrun.containerSecurityContext" $initCtx | nindent 12 }}
          {{- include "lightrun.helperResources" . | nindent 10 }}
        {{- if include "lightrun.mqEnabled" $root }}
        - name: wait-for-rabbitmq
          {{- include "lightrun.containerImage" (dict "root" $root "image" $b.initContainers.wait_for_rabbitmq.image) | nindent 10 }}
          command: ["sh", "-c"]
          args:
            - until curl -ksf -o /dev/null -u "$(SPRING_RABBITMQ_USERNAME):$(SPRING_RABBITMQ_PASSWORD)" "{{ $scheme }}://{{ include "lightrun.mqHost" $root }}:15672/api/overview"; do echo waiting for rabbitmq; sleep 5; done
          env:
            - name: SPRING_RABBITMQ_USERNAME
              valueFrom: {secretKeyRef: {name: {{ $secret }}, key: SPRING_RABBITMQ_USERNAME}}
            - name: SPRING_RABBITMQ_PASSWORD
              valueFrom: {secretKeyRef: {name: {{ $secret }}, key: SPRING_RABBITMQ_PASSWORD}}
          securityContext:
            {{- include "lightrun.containerSecurityContext" $initCtx | nindent 12 }}
          {{- include "lightrun.helperResources" . | nindent 10 }}
        {{- end }}
        - name: pinned-cert-hash-creator
          {{- include "lightrun.containerImage" (dict "root" $root "image" $b.initContainers.p12_creator.image) | nindent 10 }}
          # SHA-256 of the server certificate's public key (SPKI): the pin agents and plugins check.
          command: ["sh", "-c"]
          args:
            - openssl x509 -in /cert/tls.crt -pubkey -noout | openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1 > /p12/pinned-cert-hash
          volumeMounts:
            - {name: certificate, mountPath: /cert, readOnly: true}
            - {name: p12, mountPath: /p12}
          securityContext:
            {{- include "lightrun.containerSecurityContext" $initCtx | nindent 12 }}
          {{- include "lightrun.helperResources" . | nindent 10 }}
        {{- if $tls }}
        - name: p12-creator
          {{- include "lightrun.containerImage" (dict "root" $root "image" $b.initContainers.p12_creator.image) | nindent 10 }}
          # The server certificate as a PKCS#12 keystore for the HTTPS listener of internal TLS.
          command: ["sh", "-c"]
          args:
            - openssl pkcs12 -export -in /cert/tls.crt -inkey /cert/tls.key -name lightrun -out /p12/lightrun.p12 -passout "pass:$(KEYSTORE_PASSWORD)"
          env:
            - name: KEYSTORE_PASSWORD
              valueFrom: {secretKeyRef: {name: {{ $secret }}, key: KEYSTORE_PASSWORD}}
          volumeMounts:
            - {name: certificate, mountPath: /cert, readOnly: true}
            - {name: p12, mountPath: /p12}
          securityContext:
            {{- include "lightrun.containerSecurityContext" $initCtx | nindent 12 }}
          {{- include "lightrun.helperResources" . | nindent 10 }}
        {{- end }}
        {{- if $ca }}
        - name: root-ca-creator
          {{- include "lightrun.containerImage" (dict "root" $root "image" $b.image "appVersionFallback" true) | nindent 10 }}
          # The JVM's default CAs plus the private CA of the internal certificates.
          command: ["sh", "-c"]
          args:
            - cp "$JAVA_HOME/lib/security/cacerts" /truststore/cacerts && chmod u+w /truststore/cacerts && keytool -importcert -noprompt -alias lightrun-internal-ca -file /ca/ca.crt -keystore /truststore/cacerts -storepass changeit && keytool -storepasswd -keystore /truststore/cacerts -storepass changeit -new "$(KEYSTORE_PASSWORD)"
          env:
            - name: KEYSTORE_PASSWORD
              valueFrom: {secretKeyRef: {name: {{ $secret }}, key: KEYSTORE_PASSWORD}}
          volumeMounts:
            - {name: internal-ca, mountPath: /ca, readOnly: true}
            - {name: truststore, mountPath: /truststore}
          securityContext:
            {{- include "lightrun.containerSecurityContext" $initCtx | nindent 12 }}
          resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: 100m, memory: 256Mi}}
        {{- end }}
        {{- if $prof.enabled }}
        {{- include "lightrun.asyncProfilerInits" (dict "root" $root "prof" $prof "ctx" $initCtx) | nindent 8 }}
        {{- end }}
      containers:
        - name: {{ $comp }}
          {{- include "lightrun.containerImage" (dict "root" $root "image" $c.image "appVersionFallback" true) | nindent 10 }}
          ports:
            - {name: {{ $scheme }}, containerPort: 8080, protocol: TCP}
          envFrom:
            - secretRef:
                name: {{ $secret }}
          {{- with (include "lightrun.env" (dict "env" $env "extras" $extras) | trim) }}{{ . | nindent 10 }}{{ end }}
          {{- with $c.lifecycle }}
          lifecycle:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- range $p := list "startupProbe" "livenessProbe" "readinessProbe" }}
          {{- with get $c $p }}
          {{ $p }}:
            httpGet: {path: {{ .path }}, port: 8080, scheme: {{ upper $scheme }}}
            {{- include "lightrun.probeTiming" . | trim | nindent 12 }}
          {{- end }}
          {{- end }}
          {{- include "lightrun.resources" $c.resources | nindent 10 }}
          securityContext:
            {{- include "lightrun.containerSecurityContext" $mainCtx | nindent 12 }}
          volumeMounts:
            - {name: certificate, mountPath: /cert, readOnly: true}
            - {name: p12, mountPath: /p12, readOnly: true}
            - {name: jcache-config, mountPath: /jcache-config, readOnly: true}
            - {name: dumps, mountPath: /dumps}
            - {name: encryption-keys, mountPath: /encryption-keys, readOnly: true}
            {{- if $sysConfig }}
            - {name: system-config, mountPath: /opt/lightrun/system_config.json, subPath: system_config.json, readOnly: true}
            {{- end }}
            {{- if $ca }}
            - {name: truststore, mountPath: /truststore, readOnly: true}
            {{- end }}
            {{- if $prof.enabled }}
            - {name: async-profiler, mountPath: /async-profiler, readOnly: true}
            - {name: async-profiler-tmp, mountPath: /async-profiler-tmp}
            {{- end }}
            {{- if $ro }}
            - {name: tmp, mountPath: /tmp}
            {{- end }}
            {{- with $c.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: certificate
          secret: {secretName: {{ include "lightrun.certSecret" $root }}}
        - name: p12
          emptyDir: {medium: Memory, sizeLimit: 16Mi}
        - name: jcache-config
          configMap: {name: {{ include "lightrun.name" (dict "root" $root "suffix" "backend-jcache-config") }}}
        - name: dumps
          {{- if $dumps.enabled }}
          persistentVolumeClaim: {claimName: {{ $dumps.existingClaim }}}
          {{- else }}
          emptyDir: {sizeLimit: {{ $c.dumpsEmptyDirSizeLimit | default "5Gi" }}}
          {{- end }}
        {{- include "lightrun.encryptionKeysVolume" $root | nindent 8 }}
        {{- if $sysConfig }}
        - name: system-config
          configMap: {name: {{ include "lightrun.name" (dict "root" $root "suffix" "system-config") }}}
        {{- end }}
        {{- if $ca }}
        - name: internal-ca
          secret: {secretName: {{ $ca }}, items: [{key: ca.crt, path: ca.crt}]}
        - name: truststore
          emptyDir: {sizeLimit: 16Mi}
        {{- end }}
        {{- if $prof.enabled }}
        {{- include "lightrun.asyncProfilerVolumes" $prof | nindent 8 }}
        {{- end }}
        {{- if $ro }}
        - name: tmp
          {{- include "lightrun.tmpfs" $root | nindent 10 }}
        {{- end }}
        {{- with $c.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/*
async-profiler: download-async-profiler fetches the release tarball (asyncProfiler.downloadUrl)
into /async-profiler; persist-async-profiler prepares the recordings directory, the existing claim
when persistence is on. The JVM loads the agent through JDK_JAVA_OPTIONS.
Args: root, prof (asyncProfiler values), ctx (securityContext args).
*/}}
{{- define "lightrun.asyncProfilerInits" -}}
- name: download-async-profiler
  {{- include "lightrun.containerImage" (dict "root" .root "image" .prof.initContainers.download_async_profiler.image) | nindent 2 }}
  command: ["sh", "-c"]
  args:
    - curl -fsSL {{ .prof.downloadUrl | quote }} | tar -xz --strip-components=1 -C /async-profiler
  volumeMounts:
    - {name: async-profiler, mountPath: /async-profiler}
  securityContext:
    {{- include "lightrun.containerSecurityContext" .ctx | nindent 4 }}
  {{- include "lightrun.helperResources" . | nindent 2 }}
- name: persist-async-profiler
  {{- include "lightrun.containerImage" (dict "root" .root "image" .prof.initContainers.persist_async_profiler.image) | nindent 2 }}
  command: ["sh", "-c"]
  args:
    - mkdir -p /async-profiler-tmp && touch /async-profiler-tmp/.writable && rm /async-profiler-tmp/.writable
  volumeMounts:
    - {name: async-profiler-tmp, mountPath: /async-profiler-tmp}
  securityContext:
    {{- include "lightrun.containerSecurityContext" .ctx | nindent 4 }}
  {{- include "lightrun.helperResources" . | nindent 2 }}
{{- end -}}

{{/* Volumes of async-profiler. Args: the asyncProfiler values. */}}
{{- define "lightrun.asyncProfilerVolumes" -}}
- name: async-profiler
  emptyDir: {sizeLimit: 256Mi}
- name: async-profiler-tmp
  {{- if and .persistence .persistence.enabled .persistence.existingClaim }}
  persistentVolumeClaim: {claimName: {{ .persistence.existingClaim }}}
  {{- else }}
  emptyDir: {sizeLimit: 1Gi}
  {{- end }}
{{- end -}}
