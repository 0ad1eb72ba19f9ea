{{/* Names, labels and the few values the templates compute. */}}

{{- define "incident-bot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "incident-bot.fullname" -}}
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

{{- define "incident-bot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selects every pod of this release: the servers and the migration Job. */}}
{{- define "incident-bot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "incident-bot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "incident-bot.labels" -}}
helm.sh/chart: {{ include "incident-bot.chart" . }}
{{ include "incident-bot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: incident-bot
{{- end }}

{{/* Selects the serving pods only (not the migration Job's). */}}
{{- define "incident-bot.serverSelectorLabels" -}}
{{ include "incident-bot.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{- define "incident-bot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "incident-bot.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "incident-bot.secretName" -}}
{{- default (include "incident-bot.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{- define "incident-bot.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* The base URL Slack and people use: PUBLIC_URL, else the ingress host; empty when neither is known. */}}
{{- define "incident-bot.publicUrl" -}}
{{- if .Values.config.PUBLIC_URL }}
{{- .Values.config.PUBLIC_URL | trimSuffix "/" }}
{{- else if and .Values.ingress.enabled .Values.ingress.host }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/* Environment variables taken from the Secret. */}}
{{- define "incident-bot.secretEnv" -}}
{{- $secret := include "incident-bot.secretName" . }}
{{- range $name, $ref := .Values.secrets.keys }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $ref.key }}
      optional: {{ $ref.optional }}
{{- end }}
{{- end }}

{{/* The one writable directory, for pods with a read-only root filesystem. */}}
{{- define "incident-bot.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- end }}

{{- define "incident-bot.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* Checks across values that the schema cannot express. */}}
{{- define "incident-bot.validate" -}}
{{- if le (int .Values.terminationGracePeriodSeconds) (add (int .Values.preStopSleepSeconds) 10 | int) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be more than preStopSleepSeconds (%d) + 10 s, the app's hard stop after SIGTERM" (int .Values.terminationGracePeriodSeconds) (int .Values.preStopSleepSeconds)) }}
{{- end }}
{{- if and .Values.ingress.enabled (not .Values.ingress.host) }}
{{- fail "ingress.host must be set when ingress.enabled is true: it is the host Slack calls" }}
{{- end }}
{{- if and .Values.ingress.enabled (not (or .Values.ingress.paths.slack.enabled .Values.ingress.paths.api.enabled .Values.ingress.paths.ui.enabled)) }}
{{- fail "ingress.paths: enable at least one of slack, api, ui (or turn the ingress off)" }}
{{- end }}
{{- if and .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) }}
{{- fail "ingress.tls.secretName must name the TLS Secret when ingress.tls.enabled is true" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- if eq .Values.config.AUTH_MODE "proxy" }}
{{- if not .Values.config.TRUSTED_PROXY_CIDRS }}
{{- fail "config.TRUSTED_PROXY_CIDRS must list the proxies' addresses when config.AUTH_MODE is proxy" }}
{{- end }}
{{- end }}
{{- end }}
