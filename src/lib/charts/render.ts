/**
 * Vega-Lite → SVG at build time, with no browser and no canvas: compile the spec, run a headless vega
 * View (renderer 'none'), serialise the scenegraph to SVG. The output is deterministic: vega's random
 * source is re-seeded before every chart, numbers in attributes are rounded, and the ARIA markup vega
 * adds inside the SVG is removed (each chart is exposed as one role="img" by ChartFigure, with a caption
 * and a data table instead).
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartConfig } from './theme';

export type ChartSpec = TopLevelSpec;

/** vega re-exports vega-statistics' random source, but its typings omit it. */
const seeded = vega as unknown as { setRandom(r: () => number): void; randomLCG(seed: number): () => number };

export interface RenderOptions {
  /** Seed for vega's random source (jitter, sampling); the same seed gives the same SVG. */
  seed?: number;
}

/** Raised for a spec that does not compile or render; names the chart so the build log says which. */
class ChartError extends Error {
  constructor(name: string, cause: unknown) {
    super(`Chart "${name}" failed to render: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ChartError';
  }
}

/** Render a Vega-Lite spec to an SVG string. `name` identifies the chart in error messages. */
export async function renderSvg(spec: ChartSpec, name = 'chart', options: RenderOptions = {}): Promise<string> {
  try {
    const withConfig = { ...spec, config: { ...chartConfig, ...(spec as { config?: object }).config } } as unknown as ChartSpec;
    const compiled = compile(withConfig, { logger: quietLogger }).spec;
    seeded.setRandom(seeded.randomLCG(options.seed ?? 1));
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
    view.logger({
      level: () => 0,
      error: (...a: unknown[]) => { throw new Error(a.map(String).join(' ')); },
      warn: () => undefined,
      info: () => undefined,
      debug: () => undefined,
    } as unknown as vega.LoggerInterface);
    const svg = await view.toSVG();
    view.finalize();
    return tidySvg(svg, name);
  } catch (error) {
    throw new ChartError(name, error);
  }
}

/** vega-lite's compile warnings (e.g. merged legends) are expected and not actionable: drop them. */
const quietLogger = {
  level: () => 0, error: (...a: unknown[]) => { throw new Error(a.map(String).join(' ')); },
  warn: () => quietLogger, info: () => quietLogger, debug: () => quietLogger,
};

const ROUND = /-?\d+\.\d{2,}(?:e-?\d+)?/g;

/** Round decimals inside attribute values to 0.1 px (text content is left alone). */
function roundAttributes(svg: string): string {
  return svg.replace(/="([^"]*)"/g, (_m, value: string) => {
    const rounded = value.replace(ROUND, (n) => {
      const r = Math.round(Number(n) * 10) / 10;
      return String(Object.is(r, -0) ? 0 : r);
    });
    return `="${rounded}"`;
  });
}

const CIRCLE = /<path transform="translate\(([-\d.e]+),([-\d.e]+)\)" d="M([\d.]+),0A\3,\3,0,1,1,-\3,0A\3,\3,0,1,1,\3,0"/g;

/**
 * Post-process vega's SVG: drop ARIA roles/labels (the figure wrapper carries the accessible name),
 * pointer-event hints (the chart is static), empty placeholder paths, and round coordinates.
 */
export function tidySvg(svg: string, name = 'chart'): string {
  const cleaned = svg
    .replace(/\s(?:role|aria-[a-z]+)="[^"]*"/g, '')
    .replace(/\spointer-events="none"/g, '')
    .replace(/<path class="(?:background|foreground)" d="(?:M0,0h0v0h0Z)?"(?: display="none")?\/>/g, '')
    .replace(/\sopacity="1"/g, '')
    // Vega draws each scatter point as a path; a <circle> says the same in a third of the bytes.
    .replace(CIRCLE, (_m, x: string, y: string, r: string) => `<circle cx="${x}" cy="${y}" r="${r}"`)
    .replace(/(<circle [^>]*?) stroke-width="[\d.]+"((?:(?! stroke=)[^>])*\/>)/g, '$1$2')
    .replace(/<svg /, '<svg aria-hidden="true" focusable="false" ');
  return renameIds(roundAttributes(cleaned), name);
}

/**
 * vega numbers gradients and clip paths with a process-wide counter ("gradient_7"): rename every id
 * after the chart, so the output does not depend on what was rendered before and ids stay unique when
 * several charts share a page.
 */
function renameIds(svg: string, name: string): string {
  const prefix = `c-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  return ids.reduce((out, id, i) => {
    const fresh = `${prefix}-${i}`;
    return out.split(`id="${id}"`).join(`id="${fresh}"`).split(`url(#${id})`).join(`url(#${fresh})`).split(`href="#${id}"`).join(`href="#${fresh}"`);
  }, svg);
}
