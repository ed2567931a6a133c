/**
 * The "Train it yourself" learning curves: one SVG per measure (accuracy or loss) over epochs, the
 * build-time curves of the reference seed dashed beneath the live ones. Drawn with the DOM at the
 * container's width (no inline styles: colours are classes and presentation attributes). The axes are
 * redrawn only when the scale changes.
 */
const SVG = 'http://www.w3.org/2000/svg';
const M = { l: 46, r: 12, t: 10, b: 34 };

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
      let lo = measure === 'accuracy' ? Math.min(0.9, ...values) : 0;
      let hi = measure === 'accuracy' ? 1 : Math.max(0.1, ...values);
      if (measure === 'accuracy') lo = Math.max(0, Math.floor(lo * 20) / 20);
      else hi = Math.ceil(hi * 10) / 10;
      const x = (e: number) => M.l + (e / Math.max(1, epochs)) * (W - M.l - M.r);
      const y = (v: number) => M.t + (1 - (v - lo) / (hi - lo || 1)) * (H - M.t - M.b);
      if (scale !== `${lo} ${hi} ${epochs}`) {
        scale = `${lo} ${hi} ${epochs}`;
        axis.replaceChildren();
        for (let i = 0; i <= 4; i++) {
          const v = lo + ((hi - lo) * i) / 4;
          s('line', { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), class: 'ty-grid' }, axis);
          s('text', { x: M.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, axis).textContent = measure === 'accuracy' ? `${(v * 100).toFixed(v * 100 % 1 ? 1 : 0)}%` : v.toFixed(2);
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
