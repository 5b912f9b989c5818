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
const notYet = (reason) => `{key: '.status.containerStatuses.[].state.waiting.reason', operator: NotIn, values: [${reason}]}`;

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
    event: { reason: 'Failed', message: "'Failed to pull image: rpc error: code = NotFound desc = failed to pull and unpack image: not found (simulated)'" },
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
    event: { reason: 'Unhealthy', message: "'Readiness probe failed: HTTP probe failed with statuscode: 503 (simulated)'" },
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
].map((x) => x.slice(0, -1)).join('\n---\n')}
`;

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
