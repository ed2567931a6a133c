/**
 * The chart module's public face: build a spec with ./specs, then `figure()` renders it and bundles the
 * SVG with what ChartFigure.astro needs to make it accessible (a short label, a caption, and the data as
 * a table for screen readers and for anyone who wants the exact numbers).
 */
import { renderSvg, type ChartSpec } from './render';
import { IMAGE_BACKGROUND } from './theme';

export { renderSvg, tidySvg, type ChartSpec } from './render';
export * as specs from './specs';
export { CLASS_COLORS, COLORS } from './theme';

type Cell = string | number;

export interface DataTable {
  columns: string[];
  rows: Cell[][];
  /** Column indexes holding numbers (right-aligned). Defaults to every column but the first. */
  numeric?: number[];
}

export interface Figure {
  /** Used for ids and error messages: unique within a page. */
  name: string;
  svg: string;
  /** A second rendering for phones, for charts too wide to shrink legibly (shown below 40rem). */
  svgNarrow?: string;
  /** Set for charts served as their own files and shown with <img> (see imageFigure): the SVGs' sizes. */
  image?: { width: number; height: number; narrow?: { width: number; height: number } };
  /** The accessible name of the chart: what it shows, in one sentence. */
  label: string;
  /** Visible caption (plain text; may state the main numbers). */
  caption: string;
  table: DataTable;
}

export async function figure(
  name: string,
  spec: ChartSpec,
  text: { label: string; caption: string; table: DataTable },
): Promise<Figure> {
  return { name, svg: await renderSvg(spec, name), ...text };
}

const MARK_GROUP = /(<g class="mark-symbol role-mark [^"]*">)((?:<circle [^>]*\/>)+)(<\/g>)/g;
const DOT = /<circle cx="([-\d.e]+)" cy="([-\d.e]+)" r="([\d.]+)"([^>]*)\/>/g;

/**
 * A scatter's dots as one path per look (colour, size, opacity) instead of one <circle> each: a
 * zero-length segment with round caps is a dot, and 3,000 elements become a dozen, which is what a
 * browser spends its layout and paint time on. The dots of one class are then drawn together (in class
 * order, not data order); with dots this small and translucent the map reads the same.
 */
export function mergeDots(svg: string): string {
  return svg.replace(MARK_GROUP, (_m, open: string, circles: string, close: string) => {
    const looks = new Map<string, string[]>();
    for (const [, x, y, r, rest] of circles.matchAll(DOT)) {
      const key = `${r}|${rest}`;
      if (!looks.has(key)) looks.set(key, []);
      looks.get(key)!.push(`M${x},${y}h0`);
    }
    const paths = [...looks].map(([key, d]) => {
      const [r, rest] = key.split('|');
      const attrs = rest.replace(/\sfill="([^"]*)"/, ' stroke="$1"');
      return `<path d="${d.join('')}" fill="none" stroke-width="${2 * Number(r)}" stroke-linecap="round"${attrs}/>`;
    });
    return `${open}${paths.join('')}${close}`;
  });
}

/** Renders a chart for use as an image file: its own background, and the size the <img> needs. */
async function renderImage(spec: ChartSpec, name: string): Promise<{ svg: string; width: number; height: number }> {
  const config = { ...(spec as { config?: object }).config, background: IMAGE_BACKGROUND };
  const svg = mergeDots(await renderSvg({ ...spec, config } as ChartSpec, name));
  const size = svg.match(/^<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/);
  if (!size) throw new Error(`Chart "${name}": the rendered SVG has no width and height on its root, which the <img> needs`);
  return { svg, width: Math.round(Number(size[1])), height: Math.round(Number(size[2])) };
}

/**
 * Like figure() (or, with `narrow`, responsiveFigure()), for charts too heavy to inline (thousands of
 * marks): each SVG is served as its own file (src/pages/figures/[name].svg.ts) and shown with a lazy <img>,
 * which keeps it out of the page's HTML and DOM. An image does not see the page's theme CSS, so it carries
 * its own light background.
 */
export async function imageFigure(
  name: string,
  spec: ChartSpec,
  text: { label: string; caption: string; table: DataTable },
  narrow?: ChartSpec,
): Promise<Figure> {
  const [wide, small] = await Promise.all([renderImage(spec, name), narrow && renderImage(narrow, `${name}-narrow`)]);
  const image = { width: wide.width, height: wide.height, ...(small ? { narrow: { width: small.width, height: small.height } } : {}) };
  return { name, svg: wide.svg, ...(small ? { svgNarrow: small.svg } : {}), image, ...text };
}

/** Like figure(), rendered at two widths: `wide` for desktops and `narrow` for phones. */
export async function responsiveFigure(
  name: string,
  build: (width: number) => ChartSpec,
  widths: { wide: number; narrow: number },
  text: { label: string; caption: string; table: DataTable },
): Promise<Figure> {
  const [svg, svgNarrow] = await Promise.all([renderSvg(build(widths.wide), name), renderSvg(build(widths.narrow), `${name}-narrow`)]);
  return { name, svg, svgNarrow, ...text };
}
