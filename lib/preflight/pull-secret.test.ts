import { describe, expect, it } from 'vitest';
import { defaultAnswers } from '../answers';
import { renderValues } from '../values';
import { decidePullSecret, imageRepositories, normaliseRegistry, registryOf } from './pull-secret';

const b64 = (o: unknown) =>
  Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64');
const auth = { auth: Buffer.from('u:p').toString('base64') };

describe('registries', () => {
  it.each([
    ['lightruncom/server', 'docker.io'],
    ['mysql', 'docker.io'],
    ['registry.example.com/lr/server', 'registry.example.com'],
    ['localhost:5000/x', 'localhost:5000'],
    ['localhost/x', 'localhost'],
    ['Quay.IO/a/b', 'quay.io'],
  ])('registryOf(%s) = %s', (image, reg) => {
    expect(registryOf(image)).toBe(reg);
  });
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['registry.example.com:5000', 'registry.example.com:5000'],
    ['https://registry.example.com/v2/', 'registry.example.com'],
  ])('normaliseRegistry(%s) = %s', (key, reg) => {
    expect(normaliseRegistry(key)).toBe(reg);
  });
  it('lists the chart images, init containers included', () => {
    const repos = imageRepositories(
      renderValues(defaultAnswers(), { full: true }).values as Record<string, unknown>,
    );
    expect(repos).toContain('lightruncom/server');
    expect(repos).toContain('lightruncom/chart-helper');
    expect(repos).toContain('mysql');
  });
});

describe('decidePullSecret', () => {
  const images = ['lightruncom/server', 'mysql'];
  it.each([
    [
      b64({ auths: { 'https://index.docker.io/v1/': auth } }),
      'pass',
      'The pull secret has credentials for docker.io.',
    ],
    [
      b64({ auths: { 'docker.io': { username: 'u', password: 'p' } } }),
      'pass',
      'The pull secret has credentials for docker.io.',
    ],
    [
      b64({ auths: { 'quay.io': auth } }),
      'fail',
      'The pull secret has no credentials for docker.io (it has quay.io).',
    ],
    [
      b64({ auths: { 'docker.io': {} } }),
      'fail',
      'The pull secret has no credentials for docker.io (it has none with credentials).',
    ],
    [b64({ auths: {} }), 'fail', 'The pull secret has no "auths" entry.'],
    [b64({ credsStore: 'desktop' }), 'fail', 'The pull secret has no "auths" entry.'],
    [b64('not json'), 'fail', 'The pull secret is not base64 of a JSON docker config.'],
  ])('%s -> %s', (cfg, status, message) => {
    expect(decidePullSecret(cfg, images)).toMatchObject({ status, message });
  });
  it('needs every registry the images use', () => {
    expect(
      decidePullSecret(b64({ auths: { 'docker.io': auth } }), [
        'lightruncom/server',
        'registry.example.com/mysql',
      ]).message,
    ).toBe('The pull secret has no credentials for registry.example.com (it has docker.io).');
  });
});
