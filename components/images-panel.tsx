'use client';

import { useMemo, useState } from 'react';
import type { Answers } from '@/lib/answers';
import { downloadText } from '@/lib/browser/download';
import {
  chartOfflineCommands,
  isInRegistry,
  isMutableTag,
  mirrorCommands,
  mirrorPairs,
  MIRROR_TOOLS,
  predictImages,
  IMAGE_TABLE_350,
  IMAGE_TABLE_394,
  type MirrorTool,
} from '@/lib/images';
import { renderValues } from '@/lib/values';

type Tree = Record<string, unknown>;
const imagesOf = (a: Answers) =>
  predictImages(
    renderValues(a, { full: true }).values as Tree,
    a.chart === '3.50.0' ? IMAGE_TABLE_350 : IMAGE_TABLE_394,
  );

const TOOL_LABEL: Record<MirrorTool, string> = {
  skopeo: 'skopeo copy',
  crane: 'crane copy',
  docker: 'docker pull | tag | push',
};

/**
 * Review's air-gap panel: every image the release pulls (predicted from the answers, the list
 * `helm template` renders), downloadable; with a private registry the commands that copy them
 * there (the admin picks the tool); and how to get the chart itself offline.
 */
export function ImagesPanel({ answers, secretsFile }: { answers: Answers; secretsFile: boolean }) {
  const [tool, setTool] = useState<MirrorTool>('skopeo');
  const reg =
    answers.registry?.mode === 'private' && answers.registry.host ? answers.registry : null;
  const images = useMemo(() => {
    try {
      return imagesOf(answers);
    } catch {
      return []; // a half-switched branch for one render
    }
  }, [answers]);
  const sources = useMemo(() => {
    try {
      return reg ? imagesOf({ ...answers, registry: { mode: 'public' } }) : images;
    } catch {
      return [];
    }
  }, [answers, reg, images]);
  const commands = useMemo(
    () => (reg ? mirrorCommands(mirrorPairs(sources, reg), tool) : []),
    [reg, sources, tool],
  );
  const outside = reg ? images.filter((i) => !isInRegistry(i, reg)) : [];
  const moving = sources.filter(isMutableTag);
  const chart = chartOfflineCommands({
    release: answers.release.name,
    namespace: answers.release.namespace,
    registry: reg,
    secretsFile,
    version: answers.chart,
  });

  return (
    <section className="images-panel" data-testid="images-panel" aria-labelledby="images-title">
      <h2 className="group-title" id="images-title">
        Images ({images.length})
        {reg ? ` from ${reg.host}${reg.prefix ? `/${reg.prefix}` : ''}` : ''}
      </h2>
      <p className="hint">
        Every image the release pulls with these answers (init containers and hooks included): what
        to mirror for an install without internet.
      </p>
      <pre className="yaml plain" data-testid="image-list" tabIndex={0} aria-label="Image list">
        <code>{images.join('\n')}</code>
      </pre>
      {moving.length > 0 && (
        <div className="callout warn" data-testid="images-mutable">
          <p>
            {moving.length === 1 ? 'This tag moves' : 'These tags move'}: a mirror copies what{' '}
            {moving.length === 1 ? 'it means' : 'they mean'} the day you copy, and a later copy (or
            a node pulling from the source) may get another image. Mirror once and keep that copy,
            or copy by digest (<code>skopeo inspect docker://IMAGE</code> prints it).
          </p>
          <ul>
            {moving.map((i) => (
              <li key={i}>
                <code>{i}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          data-testid="download-images"
          onClick={() => downloadText('images.txt', `${images.join('\n')}\n`, 'text/plain')}
        >
          Download images.txt
        </button>
      </div>
      {outside.length > 0 && (
        <div className="callout warn" data-testid="images-outside">
          <p>
            Not pulled from {reg!.host}: the wizard rewrites only the chart’s image keys. Mirror
            these and set their repositories yourself:
          </p>
          <ul>
            {outside.map((i) => (
              <li key={i}>
                <code>{i}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {reg ? (
        <>
          <h3 className="sub-title">Copy them into {reg.host}</h3>
          <div className="segmented" role="radiogroup" aria-label="Mirror tool">
            {MIRROR_TOOLS.map((t) => (
              <label key={t} className={tool === t ? 'on' : ''}>
                <input
                  type="radio"
                  name="mirror-tool"
                  checked={tool === t}
                  onChange={() => setTool(t)}
                  data-testid={`mirror-tool-${t}`}
                />{' '}
                {TOOL_LABEL[t]}
              </label>
            ))}
          </div>
          <p className="hint">
            Run on a machine that reaches both Docker Hub and {reg.host}, logged in to both.
          </p>
          <pre
            className="yaml plain"
            data-testid="mirror-commands"
            tabIndex={0}
            aria-label="Mirror commands"
          >
            <code>{commands.join('\n')}</code>
          </pre>
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              data-testid="download-mirror"
              onClick={() =>
                downloadText(
                  `mirror-${tool}.sh`,
                  `#!/bin/sh\nset -eu\n${commands.join('\n')}\n`,
                  'text/x-shellscript',
                )
              }
            >
              Download mirror-{tool}.sh
            </button>
          </div>
        </>
      ) : (
        <p className="hint" data-testid="mirror-hint">
          Choose a private registry (step “Endpoint &amp; license”, registry section) to get the
          commands that copy these images into it.
        </p>
      )}
      <h3 className="sub-title">The chart itself, offline</h3>
      <pre
        className="yaml plain"
        data-testid="chart-offline"
        tabIndex={0}
        aria-label="Chart offline commands"
      >
        <code>
          {[...chart.fetch, '# then, where the cluster is reachable:', chart.install].join('\n')}
        </code>
      </pre>
    </section>
  );
}
