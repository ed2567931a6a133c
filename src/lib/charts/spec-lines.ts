/** Line charts over a numeric axis: learning curves, probabilities over α, lanes of segments. */
import type { ChartSpec } from './render';
import { top, type Row, type Size } from './spec-common';
import { ruleLayers } from './spec-bars';
import { COLORS } from './theme';

export interface CurveOptions extends Size {
  /** rows: { x, y, series, run }; run "mean" is drawn thick, every other run thin. */
  rows: { x: number; y: number; series: string; run: string }[];
  xTitle: string;
  yTitle: string;
  yFormat?: string;
  yDomain?: [number, number];
  seriesColors?: Record<string, string>;
  /** Labelled vertical rules (thresholds, crossings). */
  xRules?: { value: number; label: string; color?: string }[];
  legendColumns?: number;
  /** Format of the x axis labels; default whole numbers (epochs). */
  xFormat?: string;
  /** A log x axis, for curves of very different lengths (10 and 200 epochs). */
  xLog?: boolean;
}

/** Several runs per series: every run a thin translucent line, the mean a thick one. */
export function curves(o: CurveOptions): ChartSpec {
  const names = [...new Set(o.rows.map((r) => r.series))];
  const range = names.map((n) => o.seriesColors?.[n] ?? (n.startsWith('train') ? COLORS.train : COLORS.test));
  const enc = {
    x: {
      field: 'x', type: 'quantitative', title: o.xTitle, scale: { zero: false, nice: false, ...(o.xLog ? { type: 'log' } : {}) },
      axis: o.xFormat ? { format: o.xFormat } : { tickMinStep: 1, format: 'd' },
    },
    y: {
      field: 'y', type: 'quantitative', title: o.yTitle,
      scale: o.yDomain ? { domain: o.yDomain, zero: false } : { zero: false },
      axis: o.yFormat ? { format: o.yFormat } : {},
    },
    color: {
      field: 'series', type: 'nominal', title: null, scale: { domain: names, range },
      legend: { symbolType: 'stroke', symbolStrokeWidth: 3, ...(o.legendColumns ? { columns: o.legendColumns } : {}) },
    },
    detail: { field: 'run', type: 'nominal' },
  };
  const single = new Set(o.rows.map((r) => r.x)).size === 1;
  return top(o.rows, {
    encoding: enc,
    layer: [
      { transform: [{ filter: "datum.run !== 'mean'" }], mark: { type: 'line', strokeWidth: 1, opacity: 0.4 } },
      { transform: [{ filter: "datum.run === 'mean'" }], mark: { type: 'line', strokeWidth: 2.75 } },
      ...(single ? [{ transform: [{ filter: "datum.run === 'mean'" }], mark: { type: 'point', filled: true, size: 60 } }] : []),
      ...(o.xRules ?? []).flatMap((r, i) => ruleLayers(r, 'x', i)),
    ],
  }, o);
}

export interface StripOptions extends Size {
  /** One segment per row: [x, x2) on a quantitative axis, in lane `lane`, coloured by `cls`. */
  segments: { x: number; x2: number; lane: string; cls: string }[];
  lanes: string[];
  classes: string[];
  colors: string[];
  xTitle: string;
  xRules?: { value: number; label: string; color?: string }[];
}

/** Lanes of coloured segments along one axis: e.g. the rule's label and the model's label over α. */
export function strip(o: StripOptions): ChartSpec {
  return top(o.segments as unknown as Row[], {
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: o.xTitle, scale: { nice: false, zero: false } },
          x2: { field: 'x2' },
          y: { field: 'lane', type: 'nominal', title: null, sort: o.lanes },
          color: { field: 'cls', type: 'nominal', title: 'class', scale: { domain: o.classes, range: o.colors } },
        },
      },
      ...(o.xRules ?? []).map((r) => ({
        data: { values: [r] },
        mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5, color: r.color ?? '#222222' },
        encoding: { x: { field: 'value', type: 'quantitative' } },
      })),
    ],
  }, { height: 24 * o.lanes.length, ...o });
}
