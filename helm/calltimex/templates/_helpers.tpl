{{/* Chart name, truncated to the 63 characters Kubernetes allows in a name. */}}
{{- define "calltimex.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "calltimex.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "calltimex.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "calltimex.labels" -}}
helm.sh/chart: {{ include "calltimex.chart" . }}
{{ include "calltimex.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: calltimex
{{- end }}

{{- define "calltimex.selectorLabels" -}}
app.kubernetes.io/name: {{ include "calltimex.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "calltimex.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The Secret holding DATABASE_URL, REDIS_URL, JWT_SECRET, SMTP_URL, BILLING_ENCRYPTION_KEY, METRICS_TOKEN, DATABASE_REPLICA_URLS. */}}
{{- define "calltimex.secretName" -}}
{{- default (include "calltimex.fullname" .) .Values.existingSecret }}
{{- end }}

{{/* Secret keys, shared by the release's Secret and the migration hook's copy of it. */}}
{{- define "calltimex.secretData" -}}
DATABASE_URL: {{ .Values.externalDatabase.url | quote }}
REDIS_URL: {{ .Values.externalRedis.url | quote }}
JWT_SECRET: {{ .Values.auth.jwtSecret | quote }}
{{- if .Values.externalDatabase.replicaUrls }}
DATABASE_REPLICA_URLS: {{ .Values.externalDatabase.replicaUrls | quote }}
{{- end }}
{{- if .Values.smtp.url }}
SMTP_URL: {{ .Values.smtp.url | quote }}
{{- end }}
{{- if .Values.billing.encryptionKey }}
BILLING_ENCRYPTION_KEY: {{ .Values.billing.encryptionKey | quote }}
{{- end }}
{{- if .Values.metrics.token }}
METRICS_TOKEN: {{ .Values.metrics.token | quote }}
{{- end }}
{{- if .Values.oidc.clientSecret }}
OIDC_CLIENT_SECRET: {{ .Values.oidc.clientSecret | quote }}
{{- end }}
{{- if .Values.config.screenshotsS3SecretAccessKey }}
SCREENSHOTS_S3_SECRET_ACCESS_KEY: {{ .Values.config.screenshotsS3SecretAccessKey | quote }}
{{- end }}
{{- end }}

{{/* The Secret's keys as a JSON list: what existingSecretKeys names, or what the chart renders. */}}
{{- define "calltimex.secretKeys" -}}
{{- if .Values.existingSecret }}
{{- toJson .Values.existingSecretKeys }}
{{- else }}
{{- $keys := list "DATABASE_URL" "REDIS_URL" "JWT_SECRET" }}
{{- if .Values.externalDatabase.replicaUrls }}
{{- $keys = append $keys "DATABASE_REPLICA_URLS" }}
{{- end }}
{{- if .Values.smtp.url }}
{{- $keys = append $keys "SMTP_URL" }}
{{- end }}
{{- if .Values.billing.encryptionKey }}
{{- $keys = append $keys "BILLING_ENCRYPTION_KEY" }}
{{- end }}
{{- if .Values.metrics.token }}
{{- $keys = append $keys "METRICS_TOKEN" }}
{{- end }}
{{- if .Values.oidc.clientSecret }}
{{- $keys = append $keys "OIDC_CLIENT_SECRET" }}
{{- end }}
{{- if .Values.config.screenshotsS3SecretAccessKey }}
{{- $keys = append $keys "SCREENSHOTS_S3_SECRET_ACCESS_KEY" }}
{{- end }}
{{- toJson $keys }}
{{- end }}
{{- end }}

{{/* Each secret as a file of the mounted Secret, read by the backend through <KEY>_FILE. */}}
{{- define "calltimex.secretFileEnv" -}}
{{- range (include "calltimex.secretKeys" . | fromJsonArray) }}
- name: {{ . }}_FILE
  value: /run/secrets/calltimex/{{ . }}
{{- end }}
{{- end }}

{{/* NODE_OPTIONS capping the V8 heap at 75 % of the container's memory limit (given: resources). */}}
{{- define "calltimex.heapEnv" -}}
{{- $limit := toString (dig "limits" "memory" "" .) }}
{{- $mib := 0 }}
{{- if regexMatch "^[0-9]+Gi$" $limit }}
{{- $mib = mul (trimSuffix "Gi" $limit | atoi) 1024 }}
{{- else if regexMatch "^[0-9]+Mi$" $limit }}
{{- $mib = trimSuffix "Mi" $limit | atoi }}
{{- end }}
{{- /* checks.yaml refuses a limit written otherwise, so this always renders. */}}
- name: NODE_OPTIONS
  value: {{ printf "--max-old-space-size=%d" (div (mul $mib 3) 4) | quote }}
{{- end }}

{{- define "calltimex.publicUrl" -}}
{{- if .Values.config.publicUrl }}
{{- .Values.config.publicUrl | trimSuffix "/" }}
{{- else if .Values.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- else }}
{{- printf "http://%s-api.%s.svc" (include "calltimex.fullname" .) .Release.Namespace }}
{{- end }}
{{- end }}

{{- define "calltimex.claimName" -}}
{{- default (printf "%s-files" (include "calltimex.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/* Pod-level settings shared by the api, worker and migration pods. */}}
{{- define "calltimex.podSpecCommon" -}}
automountServiceAccountToken: false
{{- with .Values.serviceAccount.name }}
serviceAccountName: {{ . }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/* Volumes of the api and worker pods: the shared files volume, a writable /tmp, the Secret. */}}
{{- define "calltimex.volumes" -}}
- name: secrets
  secret:
    secretName: {{ include "calltimex.secretName" . }}
    # 0440: the files are owned by the pod's fsGroup, which the process runs as.
    defaultMode: 288
- name: data
{{- if .Values.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "calltimex.claimName" . }}
{{- else }}
  emptyDir: {}
{{- end }}
- name: tmp
  emptyDir: {}
{{- end }}

{{- define "calltimex.volumeMounts" -}}
- name: secrets
  mountPath: /run/secrets/calltimex
  readOnly: true
- name: data
  mountPath: /data
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* Environment of the api and worker: the ConfigMap; the Secret comes as files (secretFileEnv). */}}
{{- define "calltimex.envFrom" -}}
- configMapRef:
    name: {{ include "calltimex.fullname" . }}
{{- end }}

{{/* Restarts the pods when the configuration they read changes. */}}
{{- define "calltimex.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.existingSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}
