import type { Answers } from '../../answers/schema';
import { pemToValue, valueToPem } from '../base64';
import type { SectionMapping } from './context';

const COMPONENTS = ['backend', 'frontend', 'keycloak'] as const;

export const generalMapping: SectionMapping<'general'> = {
  key: 'general',
  title: 'Identity, endpoint and version',
  render(g, _a, out) {
    out.set('general.name', g.name);
    out.set('general.lightrun_endpoint', g.endpoint.trim()); // a pasted host may carry spaces: the schema trims too
    out.set('general.cluster_domain', g.clusterDomain.trim());
    out.set('general.openshift', g.openshift);
    for (const c of COMPONENTS) out.set(`deployments.${c}.image.tag`, g.lightrunVersion);
    out.set('deployments.backend.artifacts.enable', g.artifactsDownload);
  },
  read(r) {
    const tags = COMPONENTS.map((c) => r.str(`deployments.${c}.image.tag`));
    const version = tags.find((t) => t !== '') ?? '';
    COMPONENTS.forEach((c, i) => {
      if (tags[i] !== version) {
        r.note(
          `deployments.${c}.image.tag`,
          `Tag "${tags[i]}" differs from the other components; the wizard runs one version (${version}) everywhere.`,
        );
      }
    });
    return {
      name: r.str('general.name'),
      endpoint: r.str('general.lightrun_endpoint'),
      clusterDomain: r.str('general.cluster_domain'),
      lightrunVersion: version,
      artifactsDownload: r.bool('deployments.backend.artifacts.enable'),
      openshift: r.bool('general.openshift'),
    };
  },
};

export const pullSecretMapping: SectionMapping<'pullSecret'> = {
  key: 'pullSecret',
  title: 'Image pull secret',
  render(p, _a, out) {
    if (p.mode === 'none') out.set('secrets.defaults.dockerhub_config', null);
    else if (p.mode === 'existing')
      out.set('secrets.defaults.dockerhub_config.existingSecret', p.name);
    else {
      out.set('secrets.defaults.dockerhub_config.existingSecret', '');
      out.set('secrets.defaults.dockerhub_config.configContent', p.configContent);
    }
  },
  read(r) {
    if (r.peek('secrets.defaults.dockerhub_config') === null) {
      r.claim('secrets.defaults.dockerhub_config');
      return { mode: 'none' };
    }
    const existing = r.str('secrets.defaults.dockerhub_config.existingSecret');
    if (existing) return { mode: 'existing', name: existing };
    return {
      mode: 'inline',
      configContent: r.str('secrets.defaults.dockerhub_config.configContent'),
    };
  },
};

export const licenseMapping: SectionMapping<'license'> = {
  key: 'license',
  title: 'License',
  render(l, a, out) {
    out.setSecret('secrets.license.content', l.content, a);
    out.setSecret('secrets.license.signature', l.signature, a);
  },
  read: (r) => ({
    content: r.secret('secrets.license.content'),
    signature: r.secret('secrets.license.signature'),
  }),
};

export const certificateMapping: SectionMapping<'certificate'> = {
  key: 'certificate',
  title: 'Server certificate',
  render(c, _a, out) {
    if (c.source === 'existing') {
      out.set('certificate.existing_cert', c.secretName);
      return;
    }
    out.set('certificate.existing_cert', '');
    out.set('certificate.tls.crt', pemToValue(c.crt));
    out.set('certificate.tls.key', pemToValue(c.key));
  },
  read(r) {
    const existing = r.str('certificate.existing_cert');
    if (existing) return { source: 'existing', secretName: existing };
    return {
      source: 'inline',
      crt: valueToPem(r.str('certificate.tls.crt')),
      key: valueToPem(r.str('certificate.tls.key')),
    };
  },
};

export const apiKeysMapping: SectionMapping<'apiKeysEncryption'> = {
  key: 'apiKeysEncryption',
  title: 'System API keys encryption',
  render(k, a, out) {
    out.set('general.api_keys_encryption.enabled', k.enabled);
    if (!k.enabled) return;
    out.set('general.api_keys_encryption.key_mount_path', k.mountPath);
    out.setSecret('secrets.api_keys_encryption.aes_key', k.aesKey, a);
  },
  read(r): Answers['apiKeysEncryption'] {
    if (!r.bool('general.api_keys_encryption.enabled')) return { enabled: false };
    return {
      enabled: true,
      mountPath: r.str('general.api_keys_encryption.key_mount_path'),
      aesKey: r.secret('secrets.api_keys_encryption.aes_key').trim(),
    };
  },
};
