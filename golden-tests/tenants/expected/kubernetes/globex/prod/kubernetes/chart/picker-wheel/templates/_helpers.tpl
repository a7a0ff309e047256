{{/* Rendered by scenario-to-cloud: generic templates, everything scenario-specific is in values.yaml. */}}

{{- define "s2c.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "s2c.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "s2c.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "s2c.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "s2c.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Standard labels; call with (dict "root" $ "component" "api"). */}}
{{- define "s2c.labels" -}}
helm.sh/chart: {{ include "s2c.chart" .root }}
{{ include "s2c.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service | quote }}
app.kubernetes.io/part-of: {{ include "s2c.name" .root }}
scenario-to-cloud.vrooli.dev/environment: {{ .root.Values.environment | quote }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "s2c.selectorLabels" -}}
app.kubernetes.io/name: {{ include "s2c.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name | quote }}
app.kubernetes.io/component: {{ .component | quote }}
{{- end -}}

{{- define "s2c.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "s2c.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* A container image: repository@digest when a digest is pinned, else repository:tag. */}}
{{- define "s2c.image" -}}
{{- if .digest -}}
{{- printf "%s@%s" .repository .digest -}}
{{- else -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}
{{- end -}}

{{/* Probe for a service; call with (dict "probe" $svc.probe "extra" (dict ...)). */}}
{{- define "s2c.probe" -}}
{{- if eq .probe.type "http" }}
httpGet:
  path: {{ .probe.path | quote }}
  port: {{ .probe.port }}
{{- else if eq .probe.type "tcp" }}
tcpSocket:
  port: {{ .probe.port }}
{{- else }}
exec:
  command:
    {{- include "s2c.words" (dict "root" .root "words" .probe.command) | trim | nindent 4 }}
{{- end }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
{{- end -}}

{{/* Environment of a workload: secrets first, so plain values can use $(NAME) of them. */}}
{{- define "s2c.env" -}}
{{- $root := .root -}}
{{- $full := include "s2c.fullname" $root -}}
{{- range .uses }}
{{- $res := index $root.Values.backingResources . }}
{{- if $res.enabled }}
{{- if eq $res.mode "external" }}
{{- range $res.urlEnv }}
- name: {{ . | quote }}
  valueFrom:
    secretKeyRef:
      name: {{ $full }}-{{ $res.name }}-endpoint
      key: url
{{- end }}
{{- else }}
{{- with $res.password }}
- name: {{ .env | quote }}
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s-%s" $full .secret | quote }}
      key: password
{{- end }}
{{- range $res.urlEnv }}
- name: {{ . | quote }}
  value: {{ include "s2c.data" (dict "root" $root "text" $res.inClusterUrl) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- range .secretEnv }}
- name: {{ .name | quote }}
  valueFrom:
    secretKeyRef:
      name: {{ printf "%s-%s" $full .secret | quote }}
      key: {{ .key | quote }}
{{- end }}
{{- range $name, $value := .env }}
- name: {{ $name | quote }}
  value: {{ include "s2c.data" (dict "root" $root "text" $value) }}
{{- end }}
{{- end -}}

{{/*
Bundle data is data: a string from values is never passed to tpl. The only substitution is the
release's full name for the placeholder ${s2c.fullname}, which the compiler writes where a value
addresses another service of this release (bundle input can never produce it: "${...}" there is
a checked reference). The result is one quoted YAML scalar.
*/}}
{{- define "s2c.data" -}}
{{ .text | toString | replace "${s2c.fullname}" (include "s2c.fullname" .root) | quote }}
{{- end -}}

{{/* A command or argument list: each word through s2c.data. */}}
{{- define "s2c.words" -}}
{{- range .words }}
- {{ include "s2c.data" (dict "root" $.root "text" .) }}
{{- end }}
{{- end -}}

{{/*
Pod metadata and scheduling: the service's own knobs, else (scheduling) or with (labels,
annotations) the chart-wide ones. Call with (dict "root" $ "svc" $svc "component" name).
*/}}
{{- define "s2c.podMetadata" -}}
labels:
  {{- include "s2c.labels" (dict "root" .root "component" .component) | nindent 2 }}
  {{- with (merge (dict) .svc.podLabels .root.Values.podLabels) }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with (merge (dict) .svc.podAnnotations .root.Values.podAnnotations) }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "s2c.scheduling" -}}
{{- $v := .root.Values }}
{{- with (or .svc.nodeSelector $v.nodeSelector) }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (or .svc.tolerations $v.tolerations) }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (or .svc.affinity $v.affinity) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with (or .svc.topologySpreadConstraints $v.topologySpreadConstraints) }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* A container's env: the generated entries, then extraEnv (chart-wide, then the service's); envFrom existingSecret. */}}
{{- define "s2c.containerEnv" -}}
{{- $extra := concat .root.Values.extraEnv .svc.extraEnv }}
{{- if or .env $extra }}
env:
  {{- with .env }}
  {{- . | trim | nindent 2 }}
  {{- end }}
  {{- with $extra }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- with (or .svc.existingSecret .root.Values.existingSecret) }}
envFrom:
  - secretRef:
      name: {{ . | quote }}
{{- end }}
{{- end -}}
