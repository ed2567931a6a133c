/**
 * Charts served as their own SVG file rather than inlined into the page (see imageFigure in
 * src/lib/charts): the page shows them with <img> and keeps the caption and data table.
 */
import type { APIRoute } from 'astro';
import type { Figure } from '../../lib/charts';
import { projectionFigure } from '../../lib/figures/hidden';
import { getResults, type Results } from '../../lib/results';

/** Every chart rendered with imageFigure, by its name. */
const IMAGE_FIGURES: Record<string, (r: Results) => Promise<Figure>> = {
  '7-pca': (r) => projectionFigure(r.sections['7']),
};

export function getStaticPaths() {
  return Object.keys(IMAGE_FIGURES).map((name) => ({ params: { name } }));
}

export const GET: APIRoute = async ({ params }) => {
  const name = params.name ?? '';
  const fig = await IMAGE_FIGURES[name](getResults());
  if (fig.name !== name || !fig.image) throw new Error(`figures/${name}.svg: the chart is named "${fig.name}" and ${fig.image ? 'is' : 'is not'} an image figure; fix IMAGE_FIGURES in src/pages/figures/[name].svg.ts`);
  return new Response(fig.svg, { headers: { 'content-type': 'image/svg+xml' } });
};
