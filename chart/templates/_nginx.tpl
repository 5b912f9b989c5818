{{/*
nginx.conf shared by the standalone nginx (mode E) and the router (modes A-C): one server name,
TLS with the server certificate on ports.https (8443), plain ports.http (8080) redirecting to HTTPS (or serving, when TLS is
terminated in front of it), and the path routing of the Lightrun Server:
  /auth                                  -> keycloak
  = /, /device, /app, /company, /content -> frontend
  everything else (/debuggees, /socket, /api, /management/prometheus, ...) -> backend
Upstreams are reached over HTTPS when internal TLS is on (verified with the private CA if given).
Args: root, ports ({http, https}), tls (serve HTTPS), acl (router ACL map or nil), router (router values or nil).
*/}}
{{- define "lightrun.nginxConf" -}}
{{- $root := .root -}}
{{- $g := $root.Values.general -}}
{{- $rel := $root.Release.Name -}}
{{- $up := include "lightrun.scheme" $root -}}
{{- $ca := include "lightrun.caSecret" $root -}}
{{- $r := .router -}}
{{- $p := .ports | default (dict "http" 8080 "https" 8443) -}}
{{- $workers := dict "worker_processes" "auto" "worker_connections" 1024 "worker_rlimit_nofile" 2048 -}}
{{- if $r }}{{ $workers = merge (deepCopy ($root.Values.deployments.router.workers_configuration | default dict)) $workers }}{{ end -}}
worker_processes {{ $workers.worker_processes }};
worker_rlimit_nofile {{ int64 $workers.worker_rlimit_nofile }};
pid /tmp/nginx.pid;
error_log /dev/stderr warn;
events {
  worker_connections {{ int64 $workers.worker_connections }};
}
http {
  client_body_temp_path /tmp/client_temp;
  proxy_temp_path /tmp/proxy_temp;
  fastcgi_temp_path /tmp/fastcgi_temp;
  uwsgi_temp_path /tmp/uwsgi_temp;
  scgi_temp_path /tmp/scgi_temp;
  access_log /dev/stdout;
  server_tokens off;
  client_max_body_size 25m;
  proxy_http_version 1.1;
  proxy_read_timeout 3600s;
  proxy_send_timeout 3600s;
  proxy_buffer_size 16k;
  proxy_buffers 8 16k;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  {{- if and $r $g.router.rate_limit.global.enabled }}
  limit_req_zone $binary_remote_addr zone=global:{{ $g.router.rate_limit.global.zone_size }} rate={{ int64 $g.router.rate_limit.global.rps_per_ip }}r/s;
  limit_req_status 429;
  {{- end }}
  {{- with ($r | default dict).http_snippets }}
  {{- . | nindent 2 }}
  {{- end }}
  upstream lightrun_backend { server {{ $rel }}-backend:8080; }
  upstream lightrun_frontend { server {{ $rel }}-frontend:8080; }
  upstream lightrun_keycloak { server {{ $rel }}-keycloak:8080; }
  {{- if .tls }}
  server {
    listen {{ int64 $p.http }};
    server_name {{ $g.lightrun_endpoint }};
    location = /healthz { access_log off; return 200 "ok\n"; }
    location / { return 301 https://$host$request_uri; }
  }
  {{- end }}
  server {
    {{- if .tls }}
    listen {{ int64 $p.https }} ssl;
    ssl_certificate /cert/tls.crt;
    ssl_certificate_key /cert/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:10m;
    {{- else }}
    listen {{ int64 $p.http }};
    {{- end }}
    server_name {{ $g.lightrun_endpoint }};
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto https;
    proxy_set_header X-Forwarded-Port 443;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $connection_upgrade;
    {{- if eq $up "https" }}
    proxy_ssl_server_name on;
    {{- if and (include "lightrun.verifyTls" $root) $ca }}
    proxy_ssl_verify on;
    proxy_ssl_trusted_certificate /ca/ca.crt;
    {{- else }}
    proxy_ssl_verify off;
    {{- end }}
    {{- end }}
    {{- if and $r $g.router.rate_limit.global.enabled }}
    limit_req zone=global burst={{ int64 $g.router.rate_limit.global.rps_per_ip }} nodelay;
    {{- end }}
    {{- if .acl }}{{ with (include "lightrun.nginxAcl" .acl.global | trim) }}{{ . | nindent 4 }}{{ end }}{{ end }}
    {{- with ($r | default dict).server_snippets }}
    {{- . | nindent 4 }}
    {{- end }}
    location = /healthz { access_log off; return 200 "ok\n"; }
    location /auth/admin {
      {{- if .acl }}{{ with (include "lightrun.nginxAcl" .acl.auth_admin | trim) }}{{ . | nindent 6 }}{{ end }}{{ end }}
      proxy_pass {{ $up }}://lightrun_keycloak;
    }
    location /auth {
      proxy_pass {{ $up }}://lightrun_keycloak;
    }
    location = / {
      proxy_pass {{ $up }}://lightrun_frontend;
    }
    location ~ ^/(device|app|company|content)(/|$) {
      proxy_pass {{ $up }}://lightrun_frontend;
    }
    location /debuggees {
      {{- if .acl }}{{ with (include "lightrun.nginxAcl" .acl.agents | trim) }}{{ . | nindent 6 }}{{ end }}{{ end }}
      proxy_pass {{ $up }}://lightrun_backend;
    }
    location /management/prometheus {
      {{- if .acl }}{{ with (include "lightrun.nginxAcl" .acl.metrics | trim) }}{{ . | nindent 6 }}{{ end }}{{ end }}
      proxy_pass {{ $up }}://lightrun_backend;
    }
    location / {
      proxy_pass {{ $up }}://lightrun_backend;
    }
  }
}
{{- end -}}

{{/* allow/deny lines of one router ACL ({allow_ips, deny_ips}); "all" is nginx's own keyword. */}}
{{- define "lightrun.nginxAcl" -}}
{{- range (. | default dict).allow_ips }}
allow {{ . }};
{{- end }}
{{- range (. | default dict).deny_ips }}
deny {{ . }};
{{- end }}
{{- end -}}

{{/*
Deployment of an nginx (standalone or router). Args: root, suffix, component, c (deployment values),
tls, extraPodSpec (e.g. hostPort).
*/}}
{{- define "lightrun.nginxDeployment" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $ca := include "lightrun.caSecret" $root -}}
{{- $ro := eq (include "lightrun.readOnlyRoot" $root) "true" -}}
{{- $ports := $c.ports | default (dict "http" 8080 "https" 8443) -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "lightrun.metadata" (dict "root" $root "suffix" .suffix "component" .component "annotations" $c.annotations) | nindent 2 }}
spec:
  {{- if .hostPort }}
  replicas: 1
  strategy: {type: Recreate}
  {{- else if not (and $c.hpa $c.hpa.enabled) }}
  replicas: {{ $c.replicas | default 1 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "lightrun.selectorLabels" (dict "root" $root "component" .component) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "lightrun.selectorLabels" (dict "root" $root "component" .component) | nindent 8 }}
        {{- with $c.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with (include "lightrun.podAnnotations" (dict "c" $c "checksums" (dict "checksum/config" (.conf | sha256sum))) | trim) }}{{ . | nindent 6 }}{{ end }}
    spec:
      {{- include "lightrun.podCommon" (dict "root" $root "component" .component "c" $c) | trim | nindent 6 }}
      {{- with (include "lightrun.podSecurityContext" (dict "root" $root "ctx" $c.podSecurityContext) | trim) }}{{ . | nindent 6 }}{{ end }}
      containers:
        - name: nginx
          {{- include "lightrun.containerImage" (dict "root" $root "image" $c.image) | nindent 10 }}
          ports:
            - name: http
              containerPort: {{ int64 $ports.http }}
              {{- if .hostPort }}
              hostPort: {{ .hostPort.http }}
              {{- end }}
            {{- if .tls }}
            - name: https
              containerPort: {{ int64 $ports.https }}
              {{- if .hostPort }}
              hostPort: {{ .hostPort.https }}
              {{- end }}
            {{- end }}
          livenessProbe:
            httpGet: {path: /healthz, port: http}
            {{- include "lightrun.probeTiming" $c.livenessProbe | trim | nindent 12 }}
          readinessProbe:
            httpGet: {path: /healthz, port: http}
            {{- include "lightrun.probeTiming" $c.readinessProbe | trim | nindent 12 }}
          {{- include "lightrun.resources" $c.resources | nindent 10 }}
          securityContext:
            {{- include "lightrun.containerSecurityContext" (dict "root" $root "user" $c.containerSecurityContext "readOnly" true) | nindent 12 }}
          volumeMounts:
            - {name: conf, mountPath: /etc/nginx/nginx.conf, subPath: nginx.conf, readOnly: true}
            - {name: tmp, mountPath: /tmp}
            {{- if .tls }}
            - {name: certificate, mountPath: /cert, readOnly: true}
            {{- end }}
            {{- if $ca }}
            - {name: internal-ca, mountPath: /ca, readOnly: true}
            {{- end }}
      volumes:
        - name: conf
          configMap: {name: {{ include "lightrun.name" (dict "root" $root "suffix" .confName) }}}
        - name: tmp
          {{- if $ro }}
          {{- include "lightrun.tmpfs" $root | nindent 10 }}
          {{- else }}
          emptyDir: {sizeLimit: 256Mi}
          {{- end }}
        {{- if .tls }}
        - name: certificate
          secret: {secretName: {{ include "lightrun.certSecret" $root }}}
        {{- end }}
        {{- if $ca }}
        - name: internal-ca
          secret: {secretName: {{ $ca }}, items: [{key: ca.crt, path: ca.crt}]}
        {{- end }}
{{- end -}}
