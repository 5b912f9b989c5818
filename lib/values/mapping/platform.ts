import type { Answers } from '../../answers/schema';
import { SIZING_PROFILES, type SizingProfile } from '../../answers/constants';
import type { SectionMapping, ValuesReader } from './context';

export const securityMapping: SectionMapping<'security'> = {
  key: 'security',
  title: 'Security',
  render(s, _a, out) {
    out.set('general.readOnlyRootFilesystem', s.readOnlyRootFilesystem);
    out.set('general.readOnlyRootFilesystem_tmpfs_sizeLimit', s.tmpfsSizeLimit);
    out.set('general.base_container_securityContext.runAsUser', s.runAsUser);
    out.set('deployments.mysql.podSecurityContext.fsGroup', s.dataFsGroup);
    out.set('deployments.rabbitmq.podSecurityContext.fsGroup', s.dataFsGroup);
  },
  read(r) {
    const mysql = r.num('deployments.mysql.podSecurityContext.fsGroup', 1000000);
    const mq = r.num('deployments.rabbitmq.podSecurityContext.fsGroup', mysql);
    if (mq !== mysql)
      r.note(
        'deployments.rabbitmq.podSecurityContext.fsGroup',
        `Differs from MySQL's fsGroup (${mysql}); the wizard uses ${mysql} for both.`,
      );
    return {
      readOnlyRootFilesystem: r.bool('general.readOnlyRootFilesystem'),
      tmpfsSizeLimit: r.str('general.readOnlyRootFilesystem_tmpfs_sizeLimit'),
      runAsUser: r.num('general.base_container_securityContext.runAsUser', 1000000),
      dataFsGroup: mysql,
    };
  },
};

const SECRET_KEYS = {
  keycloakPassword: 'secrets.keycloak.password',
  keystorePassword: 'secrets.defaults.keystore_password',
  mailPassword: 'secrets.defaults.mail_password',
  googleClientId: 'secrets.defaults.google_sso.client_id',
  googleClientSecret: 'secrets.defaults.google_sso.client_secret',
  datadogApiKey: 'secrets.defaults.datadog_api_key',
  mixpanelToken: 'secrets.defaults.mixpanel_token',
  hubspotToken: 'secrets.defaults.hubspot_token',
} as const;
const EXISTING = {
  backend: 'backend',
  keycloak: 'keycloak',
  apiKeysEncryption: 'api_keys_encryption',
} as const;
const DS = 'general.deploy_secrets';

export const secretsMapping: SectionMapping<'secrets'> = {
  key: 'secrets',
  title: 'Secrets',
  render(s, _a, out) {
    // Always the object form: a bare boolean cannot name existing secrets (docs/chart-3.9.4.md §13.1).
    out.set(`${DS}.enabled`, s.mode === 'chart');
    if (s.mode === 'chart') {
      for (const [k, path] of Object.entries(SECRET_KEYS))
        out.set(path, s[k as keyof typeof SECRET_KEYS]);
      return;
    }
    for (const [k, chartKey] of Object.entries(EXISTING))
      out.set(`${DS}.existing_secrets.${chartKey}`, s[k as keyof typeof EXISTING]);
  },
  read(r): Answers['secrets'] {
    let deploy: boolean;
    if (typeof r.peek(DS) === 'boolean') {
      deploy = r.bool(DS);
      r.note(DS, 'A bare boolean is the old form; the wizard writes deploy_secrets.enabled.');
    } else deploy = r.bool(`${DS}.enabled`);
    if (deploy) {
      const vals = Object.fromEntries(
        Object.entries(SECRET_KEYS).map(([k, path]) => [k, r.str(path)]),
      );
      return { mode: 'chart', ...(vals as Record<keyof typeof SECRET_KEYS, string>) };
    }
    const names = Object.fromEntries(
      Object.entries(EXISTING).map(([k, chartKey]) => [
        k,
        r.str(`${DS}.existing_secrets.${chartKey}`),
      ]),
    );
    return { mode: 'existing', ...(names as Record<keyof typeof EXISTING, string>) };
  },
};

type Hpa = Answers['sizing']['backend']['hpa'];
const renderHpa = (c: string, h: Hpa, out: Parameters<SectionMapping<'sizing'>['render']>[2]) => {
  out.set(`deployments.${c}.hpa.enabled`, h.enabled);
  if (!h.enabled) return;
  out.set(`deployments.${c}.hpa.maxReplicas`, h.maxReplicas);
  out.set(`deployments.${c}.hpa.cpu`, h.cpuPercent);
};
const readHpa = (c: string, r: ValuesReader): Hpa =>
  r.bool(`deployments.${c}.hpa.enabled`)
    ? {
        enabled: true,
        maxReplicas: r.num(`deployments.${c}.hpa.maxReplicas`, 5),
        cpuPercent: r.num(`deployments.${c}.hpa.cpu`, 70),
      }
    : { enabled: false };

/** The cpu/memory the answers give each component, whether from a profile or custom. */
export function effectiveResources(s: Answers['sizing']) {
  return s.resources.profile === 'custom' ? s.resources : SIZING_PROFILES[s.resources.profile];
}

export const sizingMapping: SectionMapping<'sizing'> = {
  key: 'sizing',
  title: 'Sizing',
  render(s, _a, out) {
    const res = effectiveResources(s);
    for (const c of ['backend', 'frontend', 'keycloak'] as const) {
      out.set(`deployments.${c}.resources.cpu`, res[c].cpu);
      out.set(`deployments.${c}.resources.memory`, res[c].memory);
      out.set(`deployments.${c}.replicas`, s[c].replicas);
    }
    renderHpa('backend', s.backend.hpa, out);
    renderHpa('frontend', s.frontend.hpa, out);
    out.set('deployments.keycloak.clusterMode', s.keycloak.clusterMode);
  },
  read(r) {
    const read = (c: string) => ({
      cpu: r.str(`deployments.${c}.resources.cpu`),
      memory: r.str(`deployments.${c}.resources.memory`),
    });
    const custom = {
      backend: read('backend'),
      frontend: read('frontend'),
      keycloak: read('keycloak'),
    };
    const profile = (Object.keys(SIZING_PROFILES) as SizingProfile[]).find((p) =>
      (['backend', 'frontend', 'keycloak'] as const).every(
        (c) =>
          SIZING_PROFILES[p][c].cpu === custom[c].cpu &&
          SIZING_PROFILES[p][c].memory === custom[c].memory,
      ),
    );
    return {
      resources: profile ? { profile } : { profile: 'custom', ...custom },
      backend: { replicas: r.num('deployments.backend.replicas', 1), hpa: readHpa('backend', r) },
      frontend: {
        replicas: r.num('deployments.frontend.replicas', 1),
        hpa: readHpa('frontend', r),
      },
      keycloak: {
        replicas: r.num('deployments.keycloak.replicas', 1),
        clusterMode: r.bool('deployments.keycloak.clusterMode'),
      },
    };
  },
};
