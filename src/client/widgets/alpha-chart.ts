/**
 * The α explorer's chart: ten probability curves over α as an SVG built with the DOM (no inline styles:
 * colours are SVG presentation attributes), a shaded band for the section's own α range, a dashed line at
 * the rule's threshold and a movable marker at the current α. Plus the curve's plain-words summary.
 */
import { argmax } from '../../../core/stats.ts';
import { CLASSES } from '../../../core/network.ts';

const SVG = 'http://www.w3.org/2000/svg';
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8f8a85'];
const M = { l: 40, r: 12, t: 10, b: 34 };
const LO = -1;
const HI = 2;

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.append(el);
  return el;
}

export interface CurveChart {
  svg: SVGSVGElement;
  /** Redraws the curves (alphas.length × 10 probabilities); `emphasise` are drawn thicker. */
  setCurves(alphas: readonly number[], probs: ArrayLike<number>, emphasise: readonly number[]): void;
  /** Moves the marker to α with the current probabilities as dots. */
  setMarker(alpha: number, probs: ArrayLike<number>): void;
}

/**
 * `width` is the container's width in CSS pixels: the chart is drawn at that size (not scaled), so its
 * 11 px labels stay readable on a phone.
 */
export function curveChart(range: [number, number], threshold: number, label: string, width: number): CurveChart {
  const W = Math.round(Math.min(560, Math.max(280, width)));
  const H = Math.round(Math.min(240, Math.max(180, W * 0.44)));
  const x = (alpha: number) => M.l + ((alpha - LO) / (HI - LO)) * (W - M.l - M.r);
  const y = (p: number) => M.t + (1 - p) * (H - M.t - M.b);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'ax-chart', role: 'img', 'aria-label': label });
  const axis = s('g', { class: 'ax-axis', fill: 'currentColor', 'font-size': 11 }, svg);
  s('rect', { x: x(range[0]), y: M.t, width: x(range[1]) - x(range[0]), height: H - M.t - M.b, class: 'ax-range' }, axis);
  for (const p of [0, 0.25, 0.5, 0.75, 1]) {
    s('line', { x1: M.l, x2: W - M.r, y1: y(p), y2: y(p), class: 'ax-grid' }, axis);
    s('text', { x: M.l - 6, y: y(p) + 4, 'text-anchor': 'end' }, axis).textContent = `${p * 100}%`;
  }
  for (let a = LO; a <= HI; a += W < 400 ? 1 : 0.5) {
    s('line', { x1: x(a), x2: x(a), y1: H - M.b, y2: H - M.b + 4, class: 'ax-tick' }, axis);
    s('text', { x: x(a), y: H - M.b + 16, 'text-anchor': 'middle' }, axis).textContent = String(a).replace('-', '−');
  }
  s('text', { x: (M.l + W - M.r) / 2, y: H - 2, 'text-anchor': 'middle' }, axis).textContent = 'α';
  s('line', { x1: x(threshold), x2: x(threshold), y1: M.t, y2: H - M.b, class: 'ax-threshold' }, axis);
  const curves = s('g', { fill: 'none', 'stroke-linejoin': 'round' }, svg);
  const lines = Array.from({ length: CLASSES }, (_, c) => s('polyline', { stroke: PALETTE[c], 'stroke-width': 1.5, points: '' }, curves));
  const marker = s('g', { class: 'ax-marker', visibility: 'hidden' }, svg);
  const markerLine = s('line', { y1: M.t, y2: H - M.b, x1: 0, x2: 0 }, marker);
  const dots = Array.from({ length: CLASSES }, (_, c) => s('circle', { r: 3.2, fill: PALETTE[c], cx: 0, cy: 0 }, marker));

  return {
    svg,
    setCurves(alphas, probs, emphasise) {
      lines.forEach((line, c) => {
        const pts = alphas.map((a, k) => `${x(a).toFixed(1)},${y(probs[k * CLASSES + c]).toFixed(1)}`);
        line.setAttribute('points', pts.join(' '));
        line.setAttribute('stroke-width', emphasise.includes(c) ? '2.6' : '1.3');
      });
    },
    setMarker(alpha, probs) {
      marker.setAttribute('visibility', 'visible');
      markerLine.setAttribute('x1', x(alpha).toFixed(1));
      markerLine.setAttribute('x2', x(alpha).toFixed(1));
      dots.forEach((d, c) => {
        d.setAttribute('cx', x(alpha).toFixed(1));
        d.setAttribute('cy', y(probs[c]).toFixed(1));
      });
    },
  };
}

const fmt = (a: number) => a.toFixed(2).replace('-', '−');

/** "class A for α from … to …; class B …" and how often the rule's class wins along the curve. */
export function curveSummary(
  alphas: readonly number[],
  probs: ArrayLike<number>,
  names: readonly string[],
  truth: (alpha: number) => number,
): { text: string; agree: number } {
  const runs: Array<{ c: number; from: number; to: number }> = [];
  let agree = 0;
  alphas.forEach((a, k) => {
    const c = argmax(probs, k);
    if (c === truth(a)) agree++;
    const last = runs[runs.length - 1];
    if (last && last.c === c) last.to = a;
    else runs.push({ c, from: a, to: a });
  });
  const text =
    'Predicted class along the curve: ' +
    runs.map((r) => `${names[r.c]} for α from ${fmt(r.from)} to ${fmt(r.to)}`).join('; ') +
    `. The rule's class is predicted at ${agree} of ${alphas.length} points.`;
  return { text, agree };
}
