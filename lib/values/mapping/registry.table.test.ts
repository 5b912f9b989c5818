import { describe, expect, it } from 'vitest';
import { validAnswers } from '../../answers/__fixtures__/valid-answers';
import { IMAGE_KEYS } from '../../images/table';
import { importValues } from '../import';
import { renderValues } from '../render';
import { getPath, setPath, type Tree } from '../tree';

// The private registry read back from a file: only when every image key is one mirror of the
// chart's images; anything else is kept as written, with one note at `deployments`.

const NOTE = {
  path: 'deployments',
  message:
    'The image repositories do not all point to one mirror of the chart’s images: they are kept as they are, and the private registry answer is off.',
};
const repoPath = (key: string) => `${key}.repository`.split('.');

/** The deployments of a file whose every image key is mirrored into reg.example.com:5000/mirror. */
function mirrored(): Tree {
  const a = validAnswers();
  a.registry = {
    mode: 'private',
    host: 'reg.example.com:5000',
    prefix: 'mirror',
    insecure: false,
    tokenHost: '',
  };
  const v = renderValues(a).values;
  const file: Tree = {};
  for (const k of IMAGE_KEYS) setPath(file, repoPath(k.key), getPath(v, repoPath(k.key)));
  return file;
}

describe('registryMapping.read', () => {
  it('every key in one mirror: the private registry, no note', () => {
    const r = importValues(mirrored());
    expect(r.answers.registry).toEqual({
      mode: 'private',
      host: 'reg.example.com:5000',
      prefix: 'mirror',
      // the preflight's own answers: no chart value holds them, so they read as their defaults
      insecure: false,
      tokenHost: '',
    });
    expect(r.notes).toEqual([]);
  });
  const rows: [name: string, edit: (file: Tree) => void][] = [
    [
      'the last key on another host, same prefix',
      (f) =>
        setPath(
          f,
          repoPath(IMAGE_KEYS.at(-1)!.key),
          `other.example.com/mirror/${String(getPath(f, repoPath(IMAGE_KEYS.at(-1)!.key))).split('/mirror/')[1]}`,
        ),
    ],
    [
      'the last key under another prefix, same host',
      (f) =>
        setPath(
          f,
          repoPath(IMAGE_KEYS.at(-1)!.key),
          `reg.example.com:5000/elsewhere/${String(getPath(f, repoPath(IMAGE_KEYS.at(-1)!.key))).split('/mirror/')[1]}`,
        ),
    ],
    [
      'the second key under a longer prefix',
      (f) =>
        setPath(
          f,
          repoPath(IMAGE_KEYS[1]!.key),
          `reg.example.com:5000/mirror/x/${String(getPath(f, repoPath(IMAGE_KEYS[1]!.key))).split('/mirror/')[1]}`,
        ),
    ],
    ['a repository that is a number', (f) => setPath(f, repoPath(IMAGE_KEYS[0]!.key), 5)],
    [
      'a repository that is a list',
      (f) =>
        setPath(f, repoPath(IMAGE_KEYS[0]!.key), [
          'reg.example.com:5000/mirror/lightruncom/server',
        ]),
    ],
  ];
  it.each(rows)('%s: public, the file kept as written, one note', (_name, edit) => {
    const file = mirrored();
    edit(file);
    const r = importValues(structuredClone(file));
    expect(r.answers.registry).toEqual({ mode: 'public' });
    expect(r.notes).toEqual([NOTE]);
    expect(r.answers.passthrough).toEqual(file);
  });
});

describe('registryMapping.render', () => {
  const a = validAnswers();
  a.registry = {
    mode: 'private',
    host: 'reg.example.com:5000',
    prefix: 'mirror',
    insecure: false,
    tokenHost: '',
  };
  const first = IMAGE_KEYS[0]!.key; // deployments.backend.image (lightruncom/server)
  it('a kept empty repository is mirrored from the chart’s', () => {
    const b = structuredClone(a);
    b.passthrough = {};
    setPath(b.passthrough, repoPath(first), '');
    expect(getPath(renderValues(b).values, repoPath(first))).toBe(
      'reg.example.com:5000/mirror/lightruncom/server',
    );
  });
  it('a kept repository that is no text is mirrored from the chart’s', () => {
    const b = structuredClone(a);
    b.passthrough = {};
    setPath(b.passthrough, repoPath(first), 7);
    expect(getPath(renderValues(b).values, repoPath(first))).toBe(
      'reg.example.com:5000/mirror/lightruncom/server',
    );
  });
});
