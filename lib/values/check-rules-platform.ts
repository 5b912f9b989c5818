import { isYamlAmbiguous } from '../answers/yaml-ambiguous';
import { get, str, truthy, type RuleInput } from './check-rules';
import { isMap } from './tree';

type Add = (path: string, message: string) => void;
const SHELL_SAFE = /^[A-Za-z0-9._-]+$/;

/** docs/chart-3.9.4.md §6, §7: database and message queue. */
export function data({ v }: RuleInput, add: Add): void {
  if (!truthy(get(v, 'general.db_local'))) {
    const ep = str(get(v, 'general.db_endpoint'));
    if (!ep) add('general.db_endpoint', 'Required with an external database.');
    else if (/:/.test(ep))
      add('general.db_endpoint', 'A bare host only: the chart appends :3306 (no scheme, no port).');
  } else if (
    !truthy(get(v, 'general.statefulset.enabled')) &&
    isMap(get(v, 'general.statefulset.persistentVolumeClaimRetentionPolicy')) &&
    Object.keys(get(v, 'general.statefulset.persistentVolumeClaimRetentionPolicy') as object)
      .length > 0
  ) {
    add(
      'general.statefulset.persistentVolumeClaimRetentionPolicy',
      'Must stay {} without the StatefulSet: it is rendered into the Deployment, where the API refuses it.',
    );
  }
  if (!truthy(get(v, 'general.mq.enabled'))) return;
  const ds = get(v, 'general.deploy_secrets');
  const deploys = truthy(isMap(ds) ? ds.enabled : ds);
  for (const p of ['secrets.mq.user', 'secrets.mq.password']) {
    const x = str(get(v, p));
    if (deploys && !x)
      add(p, 'Required with the message queue on: the broker has no usable user otherwise.');
    else if (x && !SHELL_SAFE.test(x))
      add(p, 'Use letters, digits, ".", "_" or "-": the chart passes it unquoted to a shell.');
  }
  if (!/^\d+$/.test(str(get(v, 'general.mq.port'))))
    add(
      'general.mq.port',
      'Digits only: the port is rendered unquoted into container and Service ports.',
    );
  if (!truthy(get(v, 'general.mq.local')) && !str(get(v, 'general.mq.mq_endpoint')))
    add('general.mq.mq_endpoint', 'Required with an external message queue.');
  if (
    truthy(get(v, 'general.mq.local')) &&
    !/^\d+(Ki|Mi|Gi|Ti|K|M|G|T)$/.test(str(get(v, 'deployments.rabbitmq.resources.memory')))
  ) {
    add(
      'deployments.rabbitmq.resources.memory',
      'Use a whole number and a unit (e.g. 1Gi): anything else leaves rabbitmq.conf with an empty memory line.',
    );
  }
}

/** docs/chart-3.9.4.md §8: external access modes. */
export function access({ v }: RuleInput, add: Add): void {
  if (truthy(get(v, 'general.router.enabled'))) return routerExposure(v, add);
  if (!truthy(get(v, 'general.ingress_controller'))) {
    const t = str(get(v, 'general.nginx_svc.type'));
    if (t !== 'LoadBalancer' && t !== 'ClusterIP')
      add(
        'general.nginx_svc.type',
        `"${t}" is not supported by the chart's nginx: use LoadBalancer or ClusterIP.`,
      );
    if (truthy(get(v, 'general.internal_tls.enabled')))
      add(
        'general.internal_tls.enabled',
        'The chart-made nginx always proxies plain HTTP: internal TLS breaks it. Use an ingress controller or the router.',
      );
  }
}

/** docs/chart-3.9.4.md §8 mode A/B/C: the router's Service, Ingress, host ports and TLS (3.50 too). */
export function routerExposure(v: RuleInput['v'], add: Add): void {
  const r = 'general.router';
  if (truthy(get(v, `${r}.ingress.enabled`)) && !truthy(get(v, `${r}.service.enabled`)))
    add(
      `${r}.ingress.enabled`,
      'The router Ingress needs the router Service (service.enabled: true).',
    );
  if (truthy(get(v, `${r}.host_port.enabled`)) && !truthy(get(v, `${r}.tls.enabled`)))
    add(
      `${r}.host_port.enabled`,
      'Host ports need router TLS (tls.enabled: true): users reach https on 443.',
    );
  if (
    str(get(v, `${r}.service.type`)) === 'LoadBalancer' &&
    !truthy(get(v, `${r}.tls.enabled`)) &&
    !truthy(get(v, 'general.internal_tls.enabled'))
  ) {
    add(
      `${r}.tls.enabled`,
      'A LoadBalancer router without TLS carries plain HTTP while the server advertises https on 443: turn router TLS on.',
    );
  }
}

/** docs/chart-3.9.4.md §9: the network policy. */
export function networkPolicy({ v }: RuleInput, add: Add): void {
  const np = 'general.networkPolicy';
  if (!truthy(get(v, `${np}.enabled`))) return;
  if (!truthy(get(v, `${np}.ingress.enabled`)) && !truthy(get(v, `${np}.egress.enabled`)))
    add(
      `${np}.enabled`,
      'Neither ingress nor egress is on: Kubernetes then denies all ingress to the namespace.',
    );
  for (const dir of ['ingress', 'egress']) {
    const d = get(v, `${np}.${dir}`);
    if (!isMap(d) || !truthy(d.enabled)) continue;
    const lists = ['namespacesSelector', 'ipBlock', 'podSelector', 'namespacePodSelector', 'ports'];
    const listed = (k: string) =>
      Array.isArray(d[k])
        ? (d[k] as unknown[]).length > 0
        : isMap(d[k]) && Object.keys(d[k] as object).length > 0;
    if (!lists.some(listed))
      add(
        `${np}.${dir}`,
        `No peer at all: the policy denies all ${dir} to every pod of the namespace${dir === 'egress' ? ', DNS included' : ''}. Add the namespaces or CIDRs that must connect.`,
      );
    if (Array.isArray(d.ipBlock))
      d.ipBlock.forEach(
        (b, i) =>
          isMap(b) &&
          b.except !== undefined &&
          add(
            `${np}.${dir}.ipBlock.${i}.except`,
            'The chart renders except as a scalar, an invalid policy: leave it out.',
          ),
      );
    else if (isMap(d.ipBlock) && Object.keys(d.ipBlock).length > 0)
      add(`${np}.${dir}.ipBlock`, 'ipBlock is a list of {cidr: …} entries, not a map.');
    if (Array.isArray(d.namespacesSelector))
      d.namespacesSelector.forEach(
        (n, i) =>
          (typeof n !== 'string' || isYamlAmbiguous(n)) &&
          add(
            `${np}.${dir}.namespacesSelector.${i}`,
            `${JSON.stringify(n)} is rendered unquoted as a label value and does not stay text (docs/chart-3.9.4.md G6).`,
          ),
      );
  }
}

/** docs/chart-3.9.4.md §10: internal TLS. */
export function internalTls({ v }: RuleInput, add: Add): void {
  const t = 'general.internal_tls';
  if (!truthy(get(v, `${t}.enabled`))) return;
  const source = str(get(v, `${t}.certificates.source`));
  if (source === 'generate_self_signed_certificates') {
    if (truthy(get(v, `${t}.certificates.verification`)))
      add(
        `${t}.certificates.verification`,
        'Self-signed certificates cannot be verified: set verification: false.',
      );
    if (str(get(v, `${t}.certificates.existing_ca_secret_name`)))
      add(
        `${t}.certificates.existing_ca_secret_name`,
        'Self-signed certificates have no CA to trust: leave it empty.',
      );
    return;
  }
  if (source !== 'existing_certificates')
    return add(
      `${t}.certificates.source`,
      `"${source}" is not a source the chart knows: the volumes get no source and the API refuses the pods.`,
    );
  const need: [string, boolean][] = [
    ['frontend', true],
    ['keycloak', true],
    ['redis', !truthy(get(v, 'deployments.redis.external.enabled'))],
    ['rabbitmq', truthy(get(v, 'general.mq.enabled')) && truthy(get(v, 'general.mq.local'))],
    ['keycloak_cluster', truthy(get(v, 'deployments.keycloak.clusterMode'))],
  ];
  for (const [k, needed] of need)
    if (needed && !str(get(v, `${t}.certificates.existing_certificates.${k}`)))
      add(
        `${t}.certificates.existing_certificates.${k}`,
        'Empty: renders secretName: null, which the API refuses. Name the TLS Secret.',
      );
}

/** docs/chart-3.9.4.md §11: sizing. */
export function sizing({ v }: RuleInput, add: Add): void {
  for (const c of ['backend', 'keycloak']) {
    const m = str(get(v, `deployments.${c}.resources.memory`));
    if (!/^\d+(Gi|Mi)$/.test(m))
      add(
        `deployments.${c}.resources.memory`,
        `"${m}": the chart computes the Java heap only from a whole number of Gi or Mi (7.5Gi gives -Xmx0m, 7G gives -Xmxm).`,
      );
  }
  for (const c of ['backend', 'frontend']) {
    if (!truthy(get(v, `deployments.${c}.hpa.enabled`))) continue;
    const [min, max] = [
      Number(get(v, `deployments.${c}.replicas`)),
      Number(get(v, `deployments.${c}.hpa.maxReplicas`)),
    ];
    if (!(min >= 1 && min <= max))
      add(
        `deployments.${c}.hpa.maxReplicas`,
        `Needs 1 ≤ replicas (${min}) ≤ maxReplicas (${max}).`,
      );
  }
  if (
    Number(get(v, 'deployments.keycloak.replicas')) > 1 &&
    !truthy(get(v, 'deployments.keycloak.clusterMode'))
  )
    add(
      'deployments.keycloak.clusterMode',
      'More than one Keycloak replica needs clusterMode: true.',
    );
}
