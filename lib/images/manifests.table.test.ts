import { describe, expect, it } from 'vitest';
import { imagesFromManifests, imageUsesOf, parseManifests, podSpecOf } from './manifests';

// Exact tables for the manifest image reader: where each kind keeps its pod spec, objects with a
// part missing or of the wrong type, every container list with its init flag, and the parse
// errors. Each row builds its input inside the test.

const tpl = (spec: unknown) => ({ template: { spec } });
const pod = { containers: [{ name: 'c', image: 'i:1' }] };

describe('podSpecOf: the pod spec of each kind, null where there is none', () => {
  it.each<[string, () => Record<string, unknown>, unknown]>([
    ['a Pod: its own spec', () => ({ kind: 'Pod', spec: pod }), pod],
    ['a Pod without a spec', () => ({ kind: 'Pod' }), null],
    ['a Pod whose spec is a list', () => ({ kind: 'Pod', spec: [pod] }), null],
    ['a Pod whose spec is null', () => ({ kind: 'Pod', spec: null }), null],
    ['a Pod never reads a template', () => ({ kind: 'Pod', spec: tpl(pod) }), tpl(pod)],
    ['a Deployment: spec.template.spec', () => ({ kind: 'Deployment', spec: tpl(pod) }), pod],
    [
      'any other kind reads spec.template.spec too',
      () => ({ kind: 'ReplicationController', spec: tpl(pod) }),
      pod,
    ],
    [
      'a Deployment without a template',
      () => ({ kind: 'Deployment', spec: { replicas: 1 } }),
      null,
    ],
    [
      'a Deployment whose template is a list',
      () => ({ kind: 'Deployment', spec: { template: [{ spec: pod }] } }),
      null,
    ],
    [
      'a Deployment whose template has no spec',
      () => ({ kind: 'Deployment', spec: { template: { metadata: {} } } }),
      null,
    ],
    [
      'a Deployment whose template spec is a list',
      () => ({ kind: 'Deployment', spec: { template: { spec: [pod] } } }),
      null,
    ],
    [
      'a Deployment whose template spec is a string',
      () => ({ kind: 'Deployment', spec: { template: { spec: 'x' } } }),
      null,
    ],
    [
      'a CronJob: spec.jobTemplate.spec.template.spec',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { spec: tpl(pod) } } }),
      pod,
    ],
    ['a CronJob never reads spec.template', () => ({ kind: 'CronJob', spec: tpl(pod) }), null],
    [
      'a CronJob without a jobTemplate',
      () => ({ kind: 'CronJob', spec: { schedule: '* * * * *' } }),
      null,
    ],
    [
      'a CronJob whose jobTemplate is a list',
      () => ({ kind: 'CronJob', spec: { jobTemplate: [{ spec: tpl(pod) }] } }),
      null,
    ],
    [
      'a CronJob whose jobTemplate has no spec',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { metadata: {} } } }),
      null,
    ],
    [
      'a CronJob whose jobTemplate spec is a list',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { spec: [tpl(pod)] } } }),
      null,
    ],
    [
      'a CronJob whose job has no template',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { spec: { backoffLimit: 1 } } } }),
      null,
    ],
    [
      'a CronJob whose template is a list',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: [{ spec: pod }] } } } }),
      null,
    ],
    [
      'a CronJob whose template has no spec',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: {} } } } }),
      null,
    ],
    [
      'a CronJob whose template spec is a list',
      () => ({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: [pod] } } } } }),
      null,
    ],
    ['no spec at all', () => ({ kind: 'Deployment' }), null],
    ['a spec that is a list', () => ({ kind: 'Deployment', spec: [tpl(pod)] }), null],
  ])('%s', (_n, o, want) => {
    expect(podSpecOf(o())).toEqual(want);
  });
});

describe('imageUsesOf: every container with its image, exactly', () => {
  it.each<[string, () => unknown[], unknown[]]>([
    [
      'init, main and ephemeral containers in that order, init flagged',
      () => [
        {
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {
            ephemeralContainers: [{ name: 'e', image: 'debug:1' }],
            containers: [{ name: 'm', image: 'app:1' }],
            initContainers: [{ name: 'i', image: 'init:1' }],
          },
        },
      ],
      [
        { kind: 'Pod', name: 'p', container: 'i', init: true, image: 'init:1' },
        { kind: 'Pod', name: 'p', container: 'm', init: false, image: 'app:1' },
        { kind: 'Pod', name: 'p', container: 'e', init: false, image: 'debug:1' },
      ],
    ],
    [
      'a container list that is not a list is skipped, the others still read',
      () => [
        {
          kind: 'Deployment',
          metadata: { name: 'd' },
          spec: tpl({
            initContainers: { name: 'i', image: 'init:1' },
            containers: [{ name: 'm', image: 'app:1' }],
          }),
        },
      ],
      [{ kind: 'Deployment', name: 'd', container: 'm', init: false, image: 'app:1' }],
    ],
    [
      'a container that is not an object, or whose image is not text, is skipped; the next one is read',
      () => [
        {
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {
            containers: [
              null,
              'app:0',
              ['x'],
              { name: 'n', image: 5 },
              { name: 'u' },
              { name: 'm', image: 'app:1' },
            ],
          },
        },
      ],
      [{ kind: 'Pod', name: 'p', container: 'm', init: false, image: 'app:1' }],
    ],
    [
      "an empty image is still a container's image",
      () => [
        { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'm', image: '' }] } },
      ],
      [{ kind: 'Pod', name: 'p', container: 'm', init: false, image: '' }],
    ],
    [
      'no metadata, metadata without a name, a container without a name: empty names',
      () => [
        { kind: 'Pod', spec: { containers: [{ image: 'a:1' }] } },
        { kind: 'Pod', metadata: {}, spec: { containers: [{ image: 'b:1' }] } },
        { kind: 'Pod', metadata: ['x'], spec: { containers: [{ image: 'c:1' }] } },
      ],
      [
        { kind: 'Pod', name: '', container: '', init: false, image: 'a:1' },
        { kind: 'Pod', name: '', container: '', init: false, image: 'b:1' },
        { kind: 'Pod', name: '', container: '', init: false, image: 'c:1' },
      ],
    ],
    [
      'a numeric name is written as text',
      () => [
        { kind: 'Pod', metadata: { name: 7 }, spec: { containers: [{ name: 8, image: 'a:1' }] } },
      ],
      [{ kind: 'Pod', name: '7', container: '8', init: false, image: 'a:1' }],
    ],
    [
      'a List is read item by item, nested Lists too, and what follows it still counts',
      () => [
        {
          kind: 'List',
          items: [
            {
              kind: 'Pod',
              metadata: { name: 'a' },
              spec: { containers: [{ name: 'c', image: 'a:1' }] },
            },
            {
              kind: 'List',
              items: [
                {
                  kind: 'Job',
                  metadata: { name: 'j' },
                  spec: tpl({ containers: [{ name: 'c', image: 'j:1' }] }),
                },
              ],
            },
          ],
        },
        {
          kind: 'Pod',
          metadata: { name: 'b' },
          spec: { containers: [{ name: 'c', image: 'b:1' }] },
        },
      ],
      [
        { kind: 'Pod', name: 'a', container: 'c', init: false, image: 'a:1' },
        { kind: 'Job', name: 'j', container: 'c', init: false, image: 'j:1' },
        { kind: 'Pod', name: 'b', container: 'c', init: false, image: 'b:1' },
      ],
    ],
    [
      'a List whose items are not a list is an object without a pod spec',
      () => [{ kind: 'List', items: { kind: 'Pod', spec: pod } }],
      [],
    ],
    [
      'a non-List kind with items is not unpacked',
      () => [{ kind: 'PodList', items: [{ kind: 'Pod', spec: pod }] }],
      [],
    ],
    [
      'scalars, null and lists among the objects are skipped; the next object is read',
      () => [
        null,
        'kind: Pod',
        3,
        [{ kind: 'Pod', spec: pod }],
        { kind: 'Pod', metadata: { name: 'p' }, spec: pod },
      ],
      [{ kind: 'Pod', name: 'p', container: 'c', init: false, image: 'i:1' }],
    ],
    [
      'an object without a pod spec is skipped; the next object is read',
      () => [
        { kind: 'ConfigMap', data: { image: 'x:1' } },
        { kind: 'Pod', metadata: { name: 'p' }, spec: pod },
      ],
      [{ kind: 'Pod', name: 'p', container: 'c', init: false, image: 'i:1' }],
    ],
  ])('%s', (_n, objects, want) => {
    expect(imageUsesOf(objects())).toEqual(want);
  });
});

describe('parseManifests', () => {
  it.each<[string, string, unknown[]]>([
    ['empty text', '', []],
    ['markers only', '---\n---\n', []],
    [
      'a null document and a comment-only one are left out, an empty map is kept',
      '--- null\n---\n# just a comment\n---\n{}\n---\nkind: Pod\n',
      [{}, { kind: 'Pod' }],
    ],
    [
      'a scalar and a list document are kept as they are',
      '--- 0\n---\n- a\n---\nfalse\n',
      [0, ['a'], false],
    ],
  ])('%s', (_n, text, want) => {
    expect(parseManifests(text)).toEqual(want);
  });

  it('a broken document: one line naming where, nothing of the source', () => {
    let err: unknown;
    try {
      parseManifests(
        'kind: Pod\nspec: {containers: [\n  {name: x, password: "\\UHunter2-Fake-Secret"}\n',
      );
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toBe(
      'The manifests are not valid YAML at line 3, column 24 (BAD_DQ_ESCAPE).',
    );
    expect((err as Error).message).not.toContain('Hunter2-Fake-Secret');
  });

  it("the error is the first broken document's, later documents are not reached", () => {
    expect(() => parseManifests('a: 1\n---\nkind: [\n---\nb: {\n')).toThrow(
      /^The manifests are not valid YAML at line 4, column 1 \(BAD_INDENT\)\.$/,
    );
  });

  it('an alias with no anchor: refused without its name (yaml would quote it)', () => {
    expect(() => parseManifests('kind: Secret\ndata: *Hunter2-Fake-Secret\n')).toThrow(
      /^The manifests are not valid YAML: an alias \(\*name\) has no anchor before it, or there are more than 100 aliases\.$/,
    );
  });
});

describe('imagesFromManifests: distinct, sorted by code point', () => {
  it.each<[string, string, string[]]>([
    [
      'duplicates once, upper case before lower, shorter prefix first',
      '{kind: Pod, spec: {containers: [{image: "b:1"}, {image: "B:1"}, {image: "b:1"}, {image: "a"}, {image: "a:1"}]}}\n',
      ['B:1', 'a', 'a:1', 'b:1'],
    ],
    ['no workload, no images', 'kind: ConfigMap\ndata: {image: "x:1"}\n', []],
  ])('%s', (_n, text, want) => {
    expect(imagesFromManifests(text)).toEqual(want);
  });
});
