import type { Answers } from '@/lib/answers';
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '@/lib/answers/defaults';
import { branches } from './branches';

describe('switching a choice in the wizard', () => {
  it('local -> external database keeps name, TLS flag and user, but not the (generated) password', () => {
    const a = defaultAnswers();
    a.database = {
      ...(a.database as Extract<typeof a.database, { mode: 'local' }>),
      name: 'lrdb',
      requireSecureTransport: true,
      user: 'lr',
      password: 'generated-xyz',
    };
    expect(branches.database(a, 'external')).toEqual({
      mode: 'external',
      endpoint: '',
      name: 'lrdb',
      requireSecureTransport: true,
      user: 'lr',
      password: '',
    });
  });

  it('external -> local database starts from the local defaults and keeps what was typed', () => {
    const a = defaultAnswers();
    a.database = {
      mode: 'external',
      endpoint: 'db.example.com',
      name: 'lrdb',
      requireSecureTransport: true,
      user: 'lr',
      password: 'typed',
    };
    expect(branches.database(a, 'local')).toEqual({
      ...defaultAnswers().database,
      name: 'lrdb',
      requireSecureTransport: true,
      user: 'lr',
      password: 'typed',
    });
  });

  it('an external message queue gets no generated password; a local one does', () => {
    const a = defaultAnswers();
    a.messageQueue = branches.messageQueue(a, 'local');
    expect(a.messageQueue).toMatchObject({ mode: 'local', user: 'lightrun' });
    const generated = (a.messageQueue as { password: string }).password;
    expect(generated).toMatch(/^[A-Za-z0-9]{12,}$/);
    expect(branches.messageQueue(a, 'external')).toMatchObject({
      mode: 'external',
      user: 'lightrun',
      password: '',
    });
  });

  it('ephemeral MySQL storage gets the chart’s 5Gi size limit', () => {
    expect(branches.dbStorage('ephemeral')).toEqual({ kind: 'ephemeral', sizeLimit: '5Gi' });
  });

  it('custom sizing starts from the profile it replaces; fresh branches are copies', () => {
    const a = defaultAnswers();
    a.sizing.resources = { profile: 'large' };
    const r = branches.resources(a, 'custom');
    expect(r).toMatchObject({ profile: 'custom', backend: { cpu: '8000m', memory: '16Gi' } });
    expect(branches.internalTls('existing')).not.toBe(branches.internalTls('existing'));
    expect(branches.hpa('frontend', true)).toEqual({
      enabled: true,
      maxReplicas: 5,
      cpuPercent: 70,
    });
  });
});

describe('choosing the chart version (issue 27)', () => {
  const key = () => 'K'.repeat(43) + '=';

  it('chart 3.50 with the chart’s Secrets generates the encryption key once', () => {
    const a = defaultAnswers();
    expect(branches.chart(a, '3.50.0', key)).toEqual([
      ['chart', '3.50.0'],
      ['secrets.encryptionKey', key()],
    ]);
  });

  it('keeps a key the plan already holds: switching back and forth never rotates it', () => {
    const a = defaultAnswers();
    a.secrets = { ...a.secrets, encryptionKey: 'held' } as typeof a.secrets;
    expect(branches.chart(a, '3.50.0', key)).toEqual([['chart', '3.50.0']]);
    expect(branches.chart(a, '3.9.4', key)).toEqual([['chart', '3.9.4']]);
  });

  it('the queue not chosen yet: 3.50 turns on a local RabbitMQ with generated credentials, 3.9.4 turns it off again', () => {
    const a = defaultAnswers();
    const on = branches.chart(a, '3.50.0', key, 'follow');
    expect(on.map(([p]) => p)).toEqual(['chart', 'secrets.encryptionKey', 'messageQueue']);
    const mq = on[2]![1] as Extract<Answers['messageQueue'], { mode: 'local' }>;
    expect(mq).toMatchObject({ mode: 'local', user: 'lightrun' });
    expect(mq.password).toMatch(/^.{16,}$/);
    const back = { ...a, chart: '3.50.0' as const, messageQueue: mq };
    expect(branches.chart(back, '3.9.4', key, 'follow')).toEqual([
      ['chart', '3.9.4'],
      ['messageQueue', { mode: 'off' }],
    ]);
    // with the Secrets outside the chart the credentials are the admin's Secret's, not generated
    const outside = { ...a, secrets: branches.secrets('existing') };
    const mqOutside = branches.chart(outside, '3.50.0', key, 'follow')[1]![1];
    expect(mqOutside).toMatchObject({ mode: 'local', user: '', password: '' });
  });

  it('the queue the admin chose stays as chosen, whichever chart', () => {
    const a = defaultAnswers();
    expect(branches.chart(a, '3.50.0', key, 'chosen').map(([p]) => p)).toEqual([
      'chart',
      'secrets.encryptionKey',
    ]);
    const external = { ...a, messageQueue: branches.messageQueue(a, 'external') };
    expect(branches.chart(external, '3.50.0', key, 'follow').map(([p]) => p)).not.toContain(
      'messageQueue',
    );
    const local = { ...a, messageQueue: branches.messageQueue(a, 'local') };
    expect(branches.chart(local, '3.9.4', key, 'chosen')).toEqual([['chart', '3.9.4']]);
  });

  it('back to 3.9.4 clears the custom CA and system configuration (3.9.4 has neither); 3.50 keeps them', () => {
    const a = {
      ...defaultAnswers(),
      chart: '3.50.0' as const,
      customCa: { mode: 'existing' as const, secretName: 'ldap-ca' },
      systemConfig: { content: 'Y29udGVudA==', signature: '' },
    };
    expect(branches.chart(a, '3.9.4', key)).toEqual([
      ['chart', '3.9.4'],
      ['customCa', { mode: 'none' }],
      ['systemConfig', { content: '', signature: '' }],
    ]);
    expect(branches.chart(a, '3.50.0', key).map(([p]) => p)).not.toContain('customCa');
    const unanswered = { ...a, customCa: { mode: 'none' as const }, systemConfig: undefined };
    expect(branches.chart(unanswered, '3.9.4', key)).toEqual([['chart', '3.9.4']]);
  });

  it('back to 3.9.4 resets the workloads answer (3.9.4 has none of it); 3.50 keeps it', () => {
    const workloads = {
      crons: false,
      heapDumps: { mode: 'claim' as const, claim: 'dumps' },
      nodeSelector: ['pool=lr'],
      tolerations: [],
    };
    const a = { ...defaultAnswers(), chart: '3.50.0' as const, workloads };
    expect(branches.chart(a, '3.9.4', key)).toEqual([
      ['chart', '3.9.4'],
      ['workloads', { crons: true, heapDumps: { mode: 'off' }, nodeSelector: [], tolerations: [] }],
    ]);
    expect(branches.chart(a, '3.50.0', key).map(([p]) => p)).not.toContain('workloads');
  });

  it('back to 3.9.4 turns certificate pinning off (3.9.4 has no list); off stays as it is', () => {
    const H = 'a'.repeat(64);
    const a = {
      ...defaultAnswers(),
      chart: '3.50.0' as const,
      certificatePinning: { mode: 'current' as const, hash: H },
    };
    expect(branches.chart(a, '3.9.4', key)).toEqual([
      ['chart', '3.9.4'],
      ['certificatePinning', { mode: 'off' }],
    ]);
    const off = { ...a, certificatePinning: { mode: 'off' as const } };
    expect(branches.chart(off, '3.9.4', key)).toEqual([['chart', '3.9.4']]);
  });

  it('pinning: a fresh choice takes the certificate hash; switching pin choices keeps the hashes', () => {
    const H = 'a'.repeat(64);
    const O = 'b'.repeat(64);
    const a = defaultAnswers();
    expect(branches.certificatePinning(a, 'current', H)).toEqual({ mode: 'current', hash: H });
    expect(branches.certificatePinning(a, 'rotation', '')).toEqual({
      mode: 'rotation',
      hash: '',
      previous: [],
    });
    const rot = { ...a, certificatePinning: { mode: 'rotation' as const, hash: O, previous: [H] } };
    expect(branches.certificatePinning(rot, 'current', H)).toEqual({ mode: 'current', hash: O });
    expect(branches.certificatePinning(rot, 'rotation', H)).toEqual(rot.certificatePinning);
    expect(branches.certificatePinning(rot, 'off', H)).toEqual({ mode: 'off' });
  });

  it('back to 3.9.4 empties the artifacts pod’s internal TLS Secret (3.9.4 has no artifacts pod)', () => {
    const tls = (artifacts: string): Answers['internalTls'] => ({
      mode: 'existing',
      verification: true,
      caSecretName: '',
      certificates: {
        frontend: 'f',
        keycloak: 'k',
        keycloakCluster: '',
        redis: 'r',
        rabbitmq: '',
        artifacts,
      },
    });
    const a = { ...defaultAnswers(), chart: '3.50.0' as const, internalTls: tls('art-tls') };
    expect(branches.chart(a, '3.9.4', key)).toEqual([
      ['chart', '3.9.4'],
      ['internalTls.certificates.artifacts', ''],
    ]);
    expect(branches.chart(a, '3.50.0', key).map(([p]) => p)).not.toContain(
      'internalTls.certificates.artifacts',
    );
    expect(branches.chart({ ...a, internalTls: tls('') }, '3.9.4', key)).toEqual([
      ['chart', '3.9.4'],
    ]);
  });

  it('makes no key for chart 3.9.4, nor with the Secrets outside the chart', () => {
    expect(branches.chart(defaultAnswers(), '3.9.4', key)).toEqual([['chart', '3.9.4']]);
    const a = defaultAnswers();
    a.secrets = branches.secrets('existing');
    expect(branches.chart(a, '3.50.0', key)).toEqual([['chart', '3.50.0']]);
  });

  it('back to the chart’s Secrets, a 3.50 plan gets a key again (the switch emptied it); 3.9.4 none', () => {
    const a = defaultAnswers();
    a.chart = '3.50.0';
    a.secrets = branches.secrets('existing');
    expect(branches.secretValues(a, 'chart', key)).toContainEqual(['secrets.encryptionKey', key()]);
    a.chart = '3.9.4';
    expect(
      branches.secretValues(a, 'chart', key).some(([p]) => p === 'secrets.encryptionKey'),
    ).toBe(false);
  });
});
