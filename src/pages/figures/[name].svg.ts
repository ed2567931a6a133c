/**
 * Charts served as their own SVG files rather than inlined into the page (see imageFigure in
 * src/lib/charts): the page shows them with <img> (a <picture> when there is a narrow rendering too) and
 * keeps the caption and data table.
 */
import type { APIRoute } from 'astro';
import type { Figure } from '../../lib/charts';
import { activationsFigure, projectionFigure } from '../../lib/figures/hidden';
import { getResults, sectionResult } from '../../lib/results';

/** Every chart rendered with imageFigure: the two figures of each hidden-layer section. */
const imageFigures = (): Promise<Figure[]> => {
  const r = getResults();
  const hidden = r.study.sections.filter((s) => s.kind === 'hidden').map((s) => ({ id: s.id, file: sectionResult(r, s.id, 'hidden') }));
  return Promise.all(hidden.flatMap(({ id, file }) => [activationsFigure(id, file), projectionFigure(id, file)]));
};

/** The files of a figure, by name: "<name>" and, for a narrow rendering, "<name>-narrow". */
function files(fig: Figure): Array<[string, string]> {
  return [[fig.name, fig.svg], ...(fig.svgNarrow ? [[`${fig.name}-narrow`, fig.svgNarrow] as [string, string]] : [])];
}

export async function getStaticPaths() {
  return (await imageFigures()).flatMap(files).map(([name, svg]) => ({ params: { name }, props: { svg } }));
}

export const GET: APIRoute = ({ props }) => new Response((props as { svg: string }).svg, { headers: { 'content-type': 'image/svg+xml' } });
