// KWOK stages for the local cluster.
//
// kwok v0.8.0 run standalone has no built-in stages: it is given kwokctl's default node/pod
// stages and the volume stages (copied from the kwok module into the binary cache at build
// time), plus the project's failure stages below, selected by a pod label.
//
// Failure simulation (label on the Pod, e.g. in a Deployment's pod template):
//   sim.lightrun.dev/failure: image-pull   -> Pending, every container waiting ImagePullBackOff
//                                             ("Back-off pulling image \"<image>\""), Warning event
//   sim.lightrun.dev/failure: crashloop    -> Running, containers waiting CrashLoopBackOff,
//                                             lastState.terminated.exitCode (default 1) and
//                                             restartCount (default 5), Warning BackOff event
//   sim.lightrun.dev/failure: never-ready  -> Running, containers running but ready=false forever,
//                                             Warning Unhealthy "Readiness probe failed" event
// Optional annotations: sim.lightrun.dev/exit-code (crashloop, default "1"),
//                       sim.lightrun.dev/restarts  (crashloop, default "5").
// The failure stages have weight 1, so they always win over kwok's weight-0 `pod-ready` stage.
export const FAILURE_LABEL = 'sim.lightrun.dev/failure';

// Each failure stage only fires while the pod does not yet show the simulated state, so it
// settles after one update instead of re-firing. (jq selectors: kwok v0.8.0's CEL environment
// cannot resolve nested Pod types such as v1.ContainerStatus, and a stage whose CEL fails to
// compile is left half-initialised and crashes kwok on the next match.)
const notYet = (reason) =>
  `{key: '.status.containerStatuses.[].state.waiting.reason', operator: NotIn, values: [${reason}]}`;

// The parts every failure stage shares: the selector on the failure label, weight 1, the
// Warning event, and a status whose conditions say "not ready" and which lists every container.
const NOT_READY_CONDITIONS = `
      conditions:
      - {type: PodReadyToStartContainers, status: "True", lastTransitionTime: {{ $t | Quote }}}
      - {type: Initialized, status: "True", lastTransitionTime: {{ $t | Quote }}}
      - {type: Ready, status: "False", reason: ContainersNotReady, message: "containers with unready status: [{{ range $i, $c := .spec.containers }}{{ if $i }} {{ end }}{{ $c.name }}{{ end }}]", lastTransitionTime: {{ $t | Quote }}}
      - {type: ContainersReady, status: "False", reason: ContainersNotReady, message: "containers with unready status: [{{ range $i, $c := .spec.containers }}{{ if $i }} {{ end }}{{ $c.name }}{{ end }}]", lastTransitionTime: {{ $t | Quote }}}
      - {type: PodScheduled, status: "True", lastTransitionTime: {{ $t | Quote }}}
`;

/** One failure Stage: `status` opens the status template, `container` ends each container's status. */
function stage({ name, value, until, event, status, container }) {
  return `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata: {name: ${name}}
spec:
  resourceRef: {apiGroup: v1, kind: Pod}
  selector:
    matchLabels: {${FAILURE_LABEL}: ${value}}
    matchExpressions:
    - {key: .metadata.deletionTimestamp, operator: DoesNotExist}
    - ${until}
  weight: 1
  delay: {durationMilliseconds: 300}
  next:
    event:
      type: Warning
      reason: ${event.reason}
      message: ${event.message}
    statusTemplate: |
${status.slice(1)}${NOT_READY_CONDITIONS.slice(1)}      containerStatuses:
      {{ range .spec.containers }}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}
${container.slice(1)}      {{ end }}
`;
}

export const failureStages = `
${[
  stage({
    name: 'sim-image-pull-backoff',
    value: 'image-pull',
    until: notYet('ImagePullBackOff'),
    event: {
      reason: 'Failed',
      message:
        "'Failed to pull image: rpc error: code = NotFound desc = failed to pull and unpack image: not found (simulated)'",
    },
    status: `
      {{ $t := .metadata.creationTimestamp }}
      phase: Pending
      startTime: {{ $t | Quote }}
`,
    container: `
        imageID: ""
        ready: false
        started: false
        restartCount: 0
        state:
          waiting:
            reason: ImagePullBackOff
            message: {{ printf "Back-off pulling image %q" .image | Quote }}
`,
  }),
  stage({
    name: 'sim-crashloop-backoff',
    value: 'crashloop',
    until: notYet('CrashLoopBackOff'),
    event: { reason: 'BackOff', message: "'Back-off restarting failed container (simulated)'" },
    status: `
      {{ $t := .metadata.creationTimestamp }}
      {{ $ann := or .metadata.annotations dict }}
      {{ $restarts := or (index $ann "sim.lightrun.dev/restarts") "5" }}
      {{ $exit := or (index $ann "sim.lightrun.dev/exit-code") "1" }}
      {{ $pod := printf "%s_%s(%s)" .metadata.name .metadata.namespace .metadata.uid }}
      phase: Running
      startTime: {{ $t | Quote }}
      {{ with .spec.nodeName }}{{ with NodeIPWith . }}hostIP: {{ . | Quote }}{{ end }}{{ end }}
`,
    container: `
        imageID: {{ printf "%s@sha256:0000000000000000000000000000000000000000000000000000000000000000" .image | Quote }}
        ready: false
        started: false
        restartCount: {{ $restarts }}
        lastState:
          terminated:
            exitCode: {{ $exit }}
            reason: Error
            startedAt: {{ $t | Quote }}
            finishedAt: {{ $t | Quote }}
        state:
          waiting:
            reason: CrashLoopBackOff
            message: {{ printf "back-off 5m0s restarting failed container=%s pod=%s" .name $pod | Quote }}
`,
  }),
  stage({
    name: 'sim-never-ready',
    value: 'never-ready',
    until: `{key: '.status.containerStatuses.[].state.running', operator: DoesNotExist}`,
    event: {
      reason: 'Unhealthy',
      message: "'Readiness probe failed: HTTP probe failed with statuscode: 503 (simulated)'",
    },
    status: `
      {{ $t := .metadata.creationTimestamp }}
      phase: Running
      startTime: {{ $t | Quote }}
      {{ with .spec.nodeName }}{{ with NodeIPWith . }}hostIP: {{ . | Quote }}{{ end }}{{ end }}
      {{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      podIP: {{ . | Quote }}
      podIPs:
      - ip: {{ . | Quote }}
      {{ end }}
`,
    container: `
        imageID: {{ printf "%s@sha256:0000000000000000000000000000000000000000000000000000000000000000" .image | Quote }}
        ready: false
        started: true
        restartCount: 0
        state:
          running:
            startedAt: {{ $t | Quote }}
`,
  }),
]
  .map((x) => x.slice(0, -1))
  .join('\n---\n')}
`;

// ---------------------------------------------------------------- image tag `does-not-exist`
// Any container whose image is tagged `does-not-exist` fails its pull the way a real kubelet
// with containerd reports a missing tag: waiting ErrImagePull with the runtime's "not found",
// then ImagePullBackOff "Back-off pulling image …", with the kubelet's events (Pulling, Failed
// "Failed to pull image …", Failed "Error: ErrImagePull", BackOff, Failed "Error: ImagePullBackOff").
// The pod's other containers run; the pod stays Pending and not Ready. (A real kubelet then keeps
// alternating the two reasons with a growing back-off; the simulation settles on ImagePullBackOff.)
export const MISSING_TAG = 'does-not-exist';
/** jq: true when some container's image has the missing tag (kwok's selectors are gojq queries). */
export const HAS_MISSING_TAG = `[(.spec.initContainers // [])[].image, .spec.containers[].image | endswith(":${MISSING_TAG}")] | any`;
const isMissing = (img) => `hasSuffix ":${MISSING_TAG}" ${img}`;

/** Template lines setting `$ref` to the image reference containerd resolves (docker.io/library/…). */
const refOf = (img) =>
  `{{ $parts := splitList "/" ${img} }}{{ $first := first $parts }}{{ $ref := ${img} }}{{ if eq (len $parts) 1 }}{{ $ref = printf "docker.io/library/%s" ${img} }}{{ else if not (or (contains "." $first) (contains ":" $first) (eq $first "localhost")) }}{{ $ref = printf "docker.io/%s" ${img} }}{{ end }}`;
// Template expressions (no braces): the runtime's error for a missing tag, as the kubelet quotes it.
const notFound =
  '(printf "rpc error: code = NotFound desc = failed to pull and unpack image %q: failed to resolve reference %q: %s: not found" $ref $ref $ref)';

const cond = (type, status, reason, names) =>
  `      - {type: ${type}, status: "${status}", ${reason ? `reason: ${reason}, message: {{ printf "${reason === 'ContainersNotInitialized' ? 'containers with incomplete status' : 'containers with unready status'}: [%s]" (join " " ${names}) | Quote }}, ` : ''}lastTransitionTime: {{ $t | Quote }}}\n`;
const ZERO_DIGEST = '@sha256:0000000000000000000000000000000000000000000000000000000000000000';
const waiting = (reason, message) => `        imageID: ""
        ready: false
        started: false
        state:
          waiting:
            reason: ${reason}
            ${message ? `message: {{ ${message} | Quote }}` : ''}
`;

/**
 * The pod status while its first init container with the missing tag (kubectl: Init:<reason>),
 * or else its main containers with the missing tag, wait with `reason`. As on a kubelet: init
 * containers before the failing one completed, later ones and all main containers wait
 * PodInitializing; with only main containers failing, the others run.
 */
function pullStatus(reason, message) {
  return `      {{ $t := .metadata.creationTimestamp }}
      phase: Pending
      startTime: {{ $t | Quote }}
      {{ with .spec.nodeName }}{{ with NodeIPWith . }}hostIP: {{ . | Quote }}{{ end }}{{ end }}
      {{ if not .status.podIP }}{{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      podIP: {{ . | Quote }}
      podIPs:
      - ip: {{ . | Quote }}
      {{ end }}{{ end }}
      {{ $bi := -1 }}{{ range $i, $c := .spec.initContainers }}{{ if and (lt $bi 0) (${isMissing('$c.image')}) }}{{ $bi = $i }}{{ end }}{{ end }}
      {{ $incomplete := list }}{{ range $i, $c := .spec.initContainers }}{{ if and (ge $bi 0) (ge $i $bi) }}{{ $incomplete = append $incomplete $c.name }}{{ end }}{{ end }}
      {{ $unready := list }}{{ range .spec.containers }}{{ if or (ge $bi 0) (${isMissing('.image')}) }}{{ $unready = append $unready .name }}{{ end }}{{ end }}
      conditions:
${cond('PodReadyToStartContainers', 'True')}      {{ if ge $bi 0 }}
${cond('Initialized', 'False', 'ContainersNotInitialized', '$incomplete')}      {{ else }}
${cond('Initialized', 'True')}      {{ end }}
${cond('Ready', 'False', 'ContainersNotReady', '$unready')}${cond('ContainersReady', 'False', 'ContainersNotReady', '$unready')}${cond('PodScheduled', 'True')}      {{ with .spec.initContainers }}
      initContainerStatuses:
      {{ range $i, $c := . }}
      ${refOf('$c.image')}
      - name: {{ $c.name | Quote }}
        image: {{ $c.image | Quote }}
        restartCount: 0
        {{ if or (lt $bi 0) (lt $i $bi) }}
        imageID: {{ printf "%s${ZERO_DIGEST}" $ref | Quote }}
        ready: true
        started: false
        state:
          terminated: {exitCode: 0, reason: Completed, startedAt: {{ $t | Quote }}, finishedAt: {{ $t | Quote }}}
        {{ else if eq $i $bi }}
${waiting(reason, message.replaceAll('.image', '$c.image'))}        {{ else }}
${waiting('PodInitializing')}        {{ end }}
      {{ end }}
      {{ end }}
      containerStatuses:
      {{ range .spec.containers }}
      ${refOf('.image')}
      - name: {{ .name | Quote }}
        image: {{ .image | Quote }}
        restartCount: 0
        {{ if ge $bi 0 }}
${waiting('PodInitializing')}        {{ else if ${isMissing('.image')} }}
${waiting(reason, message)}        {{ else }}
        imageID: {{ printf "%s${ZERO_DIGEST}" $ref | Quote }}
        ready: true
        started: true
        state:
          running:
            startedAt: {{ $t | Quote }}
        {{ end }}
      {{ end }}
`;
}

/** A kubelet event about the first container (init containers first) with the missing tag. */
function kubeletEvent(id, type, reason, message) {
  return `  - apply:
      template: |
        {{ $t := Now }}
        {{ $c := dict }}{{ $field := "spec.containers" }}
        {{ range .spec.initContainers }}{{ if and (not $c.name) (${isMissing('.image')}) }}{{ $c = . }}{{ $field = "spec.initContainers" }}{{ end }}{{ end }}
        {{ range .spec.containers }}{{ if and (not $c.name) (${isMissing('.image')}) }}{{ $c = . }}{{ end }}{{ end }}
        ${refOf('$c.image')}
        apiVersion: v1
        kind: Event
        metadata:
          name: {{ printf "%s.sim-${id}" .metadata.name | Quote }}
          namespace: {{ .metadata.namespace | Quote }}
        involvedObject:
          apiVersion: v1
          kind: Pod
          name: {{ .metadata.name | Quote }}
          namespace: {{ .metadata.namespace | Quote }}
          uid: {{ .metadata.uid | Quote }}
          fieldPath: {{ printf "%s{%s}" $field $c.name | Quote }}
        type: ${type}
        reason: ${reason}
        message: {{ ${message} | Quote }}
        source: {component: kubelet, host: {{ .spec.nodeName | Quote }}}
        reportingComponent: kubelet
        reportingInstance: {{ .spec.nodeName | Quote }}
        firstTimestamp: {{ $t | Quote }}
        lastTimestamp: {{ $t | Quote }}
        count: 1
`;
}

function missingTagStage({ name, when, delayMs, reason, message, events }) {
  return `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata: {name: ${name}}
spec:
  resourceRef: {apiGroup: v1, kind: Pod}
  selector:
    matchExpressions:
    - {key: .metadata.deletionTimestamp, operator: DoesNotExist}
    - {key: '.metadata.labels["${FAILURE_LABEL}"]', operator: DoesNotExist}
    - {key: .spec.nodeName, operator: Exists}
    - {key: '${HAS_MISSING_TAG}', operator: In, values: ["true"]}
    - ${when}
  weight: 1
  delay: {durationMilliseconds: ${delayMs}}
  steps:
  - patch:
      root: status
      subresource: status
      template: |
${pullStatus(reason, message).replace(/^(?=.)/gm, '  ')}${events.map((e) => kubeletEvent(...e)).join('')}`;
}

const waitingReasons = `(.status.initContainerStatuses // [])[], (.status.containerStatuses // [])[] | .state.waiting.reason`;
export const missingTagStages = [
  missingTagStage({
    name: 'sim-missing-tag-err-image-pull',
    when: `{key: '${waitingReasons}', operator: NotIn, values: [ErrImagePull, ImagePullBackOff]}`,
    delayMs: 300,
    reason: 'ErrImagePull',
    message: notFound,
    events: [
      ['pulling', 'Normal', 'Pulling', '(printf "Pulling image %q" $c.image)'],
      [
        'pull-failed',
        'Warning',
        'Failed',
        `(printf "Failed to pull image %q: %s" $c.image ${notFound})`,
      ],
      ['err-image-pull', 'Warning', 'Failed', '"Error: ErrImagePull"'],
    ],
  }),
  missingTagStage({
    name: 'sim-missing-tag-image-pull-backoff',
    when: `{key: '${waitingReasons}', operator: In, values: [ErrImagePull]}`,
    delayMs: 1500,
    reason: 'ImagePullBackOff',
    message: '(printf "Back-off pulling image %q" .image)',
    events: [
      ['backoff', 'Normal', 'BackOff', '(printf "Back-off pulling image %q" $c.image)'],
      ['image-pull-backoff', 'Warning', 'Failed', '"Error: ImagePullBackOff"'],
    ],
  }),
].join('---\n');

// Stage files taken from the kwok module (kwokctl's defaults + v0.8.0's volume stages).
export const kwokStageFiles = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
  'volume/fast/pvc-provision.yaml',
  'volume/fast/pv-bind.yaml',
  'volume/fast/pvc-delete.yaml',
  'volume/fast/pv-delete.yaml',
];
