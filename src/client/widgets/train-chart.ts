/**
 * The "Train it yourself" learning curves: one SVG per measure (accuracy or loss) over epochs, the
 * build-time curves of the reference seed dashed beneath the live ones. Drawn with the DOM at the
 * container's width (no inline styles: colours are classes and presentation attributes). The axes are
 * redrawn only when the scale changes.
 */
const SVG = 'http://www.w3.org/2000/svg';
const M = { l: 46, r: 12, t: 10, b: 34 };
/** Gridline steps, smallest first (accuracy as a fraction, loss in its own units). */
const TICK_STEPS = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5];

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.append(el);
  return el;
}

export type Point = [epoch: number, value: number];

export interface Series {
  /** CSS class: ty-live-train, ty-live-test, ty-ref-train, ty-ref-test. */
  kind: string;
  points: Point[];
}

export interface EpochChart {
  svg: SVGSVGElement;
  draw(series: Series[], epochs: number): void;
}

export function epochChart(measure: 'accuracy' | 'loss', label: string, width: number): EpochChart {
  const W = Math.round(Math.min(520, Math.max(260, width)));
  const H = Math.round(Math.min(220, Math.max(170, W * 0.42)));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'ty-chart', role: 'img', 'aria-label': label });
  const axis = s('g', { class: 'ty-axis', fill: 'currentColor', 'font-size': 11 }, svg);
  // One polyline per series kind, kept between draws: a redraw during training only moves points.
  const lines = new Map<string, SVGPolylineElement>();
  let scale = '';
  return {
    svg,
    draw(series, epochs) {
      const values = series.flatMap((x) => x.points.map((p) => p[1])).filter(Number.isFinite);
      // Accuracy runs from its lowest value (at most 90 %) to 100 %, loss from 0 to its highest: the
      // open end is rounded to a tick step that gives four or five gridlines.
      const span = measure === 'accuracy' ? 1 - Math.min(0.9, ...values) : Math.max(0.1, ...values);
      const tick = TICK_STEPS.find((t) => span / t <= 5) ?? TICK_STEPS[TICK_STEPS.length - 1];
      const lo = measure === 'accuracy' ? Math.max(0, 1 - Math.ceil(span / tick - 1e-9) * tick) : 0;
      const hi = measure === 'accuracy' ? 1 : Math.ceil(span / tick - 1e-9) * tick;
      const x = (e: number) => M.l + (e / Math.max(1, epochs)) * (W - M.l - M.r);
      const y = (v: number) => M.t + (1 - (v - lo) / (hi - lo || 1)) * (H - M.t - M.b);
      if (scale !== `${lo} ${hi} ${epochs}`) {
        scale = `${lo} ${hi} ${epochs}`;
        axis.replaceChildren();
        // As many decimals as the step has: 2.5 % steps print 92.5%, 0.25 loss steps 0.75.
        const digits = (String(Number((tick * (measure === 'accuracy' ? 100 : 1)).toFixed(6))).split('.')[1] ?? '').length;
        for (let i = 0; lo + i * tick <= hi + 1e-9; i++) {
          const v = lo + i * tick;
          s('line', { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), class: 'ty-grid' }, axis);
          s('text', { x: M.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, axis).textContent = measure === 'accuracy' ? `${(v * 100).toFixed(digits)}%` : v.toFixed(digits);
        }
        const step = Math.max(1, Math.ceil(epochs / (W < 360 ? 5 : 10)));
        for (let e = 0; e <= epochs; e += step) {
          s('text', { x: x(e), y: H - M.b + 16, 'text-anchor': 'middle' }, axis).textContent = String(e);
        }
        s('text', { x: (M.l + W - M.r) / 2, y: H - 2, 'text-anchor': 'middle' }, axis).textContent = 'epoch';
      }
      for (const line of series) {
        let el = lines.get(line.kind);
        if (!el) {
          el = s('polyline', { class: line.kind, fill: 'none', 'stroke-linejoin': 'round' }, svg);
          lines.set(line.kind, el);
        }
        el.setAttribute('points', line.points.map(([e, v]) => `${x(e).toFixed(1)},${y(Math.min(hi, Math.max(lo, v))).toFixed(1)}`).join(' '));
      }
    },
  };
}
