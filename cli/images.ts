/**
 * `images`: every image the release pulls, one per line on stdout (what to mirror), and the
 * mirror commands with `--mirror skopeo|crane|docker`. By default predicted from the answers'
 * values (lib/images, the same function Review runs); with `--manifests FILE` (`-` for stdin)
 * read from rendered manifests (`helm template …` output) instead. Images the private registry
 * does not serve are named on stderr.
 */
import type { Answers } from '../lib/answers';
import { renderValues } from '../lib/values';
import {
  imagesFromManifests,
  isInRegistry,
  mirrorCommands,
  mirrorPairs,
  predictImages,
  IMAGE_TABLE_350,
  IMAGE_TABLE_394,
  MIRROR_TOOLS,
  type MirrorTool,
} from '../lib/images';

export const IMAGES_USAGE = `  images --answers FILE [--manifests FILE|-] [--mirror skopeo|crane|docker]
                                     the images the release pulls, one per line (or the commands
                                     that copy them into the answers' private registry)`;

type Tree = Record<string, unknown>;

/** The images of these answers as the release pulls them (private registry applied). */
export function answerImages(a: Answers): string[] {
  const table = a.chart === '3.50.0' ? IMAGE_TABLE_350 : IMAGE_TABLE_394;
  return predictImages(renderValues(a, { full: true }).values as Tree, table);
}

/** The same release's images from the public registries (the mirror's sources). */
export function publicImages(a: Answers): string[] {
  return answerImages({ ...a, registry: { mode: 'public' } });
}

export type ImagesOutput = { stdout: string[]; stderr: string[]; code: number };

/** The command's whole output, pure given the manifests text. */
export function imagesOutput(
  a: Answers,
  opts: { manifests?: string; mirror?: string },
): ImagesOutput {
  const stderr: string[] = [];
  if (opts.mirror !== undefined) {
    if (!(MIRROR_TOOLS as readonly string[]).includes(opts.mirror))
      return { stdout: [], stderr: [`--mirror: use one of ${MIRROR_TOOLS.join(', ')}.`], code: 2 };
    if (a.registry.mode !== 'private')
      return {
        stdout: [],
        stderr: [
          '--mirror needs a private registry in the answers (registry.mode: private, registry.host).',
        ],
        code: 2,
      };
    return {
      stdout: mirrorCommands(mirrorPairs(publicImages(a), a.registry), opts.mirror as MirrorTool),
      stderr,
      code: 0,
    };
  }
  const images =
    opts.manifests !== undefined ? imagesFromManifests(opts.manifests) : answerImages(a);
  if (a.registry.mode === 'private') {
    const reg = a.registry;
    for (const i of images.filter((x) => !isInRegistry(x, reg)))
      stderr.push(
        `warning: ${i} does not come from ${reg.host}${reg.prefix ? `/${reg.prefix}` : ''}: the wizard rewrites only the chart’s image keys; mirror it and point its repository there yourself.`,
      );
  }
  return { stdout: images, stderr, code: 0 };
}
