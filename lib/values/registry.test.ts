import { describe, expect, it } from 'vitest';
import { validAnswers } from '../answers/__fixtures__/valid-answers';
import { IMAGE_KEYS } from '../images/table';
import { importValues, importYaml } from './import';
import { renderValues, renderYaml } from './render';
import { getPath, type Tree } from './tree';

const repo = (t: Tree, key: string) => getPath(t, `${key}.repository`.split('.'));

describe('the private registry in the values', () => {
  const a = validAnswers();
  a.registry = {
    mode: 'private',
    host: 'reg.example.com:5000',
    prefix: 'mirror/lr',
    insecure: false,
    tokenHost: '',
  };
  it('rewrites every image key of the chart, Docker Hub library images included; tags stay', () => {
    const v = renderValues(a).values;
    for (const k of IMAGE_KEYS)
      expect(String(repo(v, k.key))).toMatch(/^reg\.example\.com:5000\/mirror\/lr\//);
    expect(repo(v, 'deployments.mysql.image')).toBe('reg.example.com:5000/mirror/lr/library/mysql');
    expect(repo(v, 'deployments.backend.image')).toBe(
      'reg.example.com:5000/mirror/lr/lightruncom/server',
    );
    expect(getPath(v, ['deployments', 'mysql', 'image', 'tag'])).toBeUndefined(); // the default tag, not repeated
  });
  it('imports back to the same answer, and the public default imports as public', () => {
    expect(importYaml(renderYaml(a).values).answers.registry).toEqual(a.registry);
    const back = importYaml(renderYaml(validAnswers()).values);
    expect(back.answers.registry).toEqual({ mode: 'public' });
    expect(back.notes).toEqual([]);
  });
  it('a kept custom repository is mirrored from where it points', () => {
    const b = structuredClone(a);
    b.passthrough = { deployments: { redis: { image: { repository: 'quay.io/acme/redis' } } } };
    expect(repo(renderValues(b).values, 'deployments.redis.image')).toBe(
      'reg.example.com:5000/mirror/lr/acme/redis',
    );
  });
  it('repositories that are no mirror of one registry are kept verbatim, with a note', () => {
    const file = {
      deployments: {
        backend: { image: { repository: 'reg.io/lightruncom/server' } },
        frontend: { image: { repository: 'other.io/lightruncom/webapp' } },
      },
    };
    const r = importValues(file);
    expect(r.answers.registry).toEqual({ mode: 'public' });
    expect(r.answers.passthrough).toEqual(file);
    expect(r.notes.map((n) => n.message)).toEqual([
      'The image repositories do not all point to one mirror of the chart’s images: they are kept as they are, and the private registry answer is off.',
    ]);
    expect(renderValues(r.answers).values.deployments).toEqual(file.deployments);
  });
  it('a single custom repository (the rest default) is kept with the note too', () => {
    const r = importValues({
      deployments: { redis: { image: { repository: 'reg.io/lightruncom/redis' } } },
    });
    expect(r.answers.registry).toEqual({ mode: 'public' });
    expect(r.notes).toHaveLength(1);
    expect(repo(renderValues(r.answers).values, 'deployments.redis.image')).toBe(
      'reg.io/lightruncom/redis',
    );
  });
});
