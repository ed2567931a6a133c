/** Point charts: dot plots on a zoomed axis, 2-D scatter maps, reliability diagrams. */
import type { ChartSpec } from './render';
import { ruleLayers } from './spec-bars';
import { top, type Layer, type Row, type Size } from './spec-common';
import { COLORS } from './theme';

export interface DotOptions extends Size {
  rows: { category: string; value: number; group?: string }[];
  categoryTitle: string;
  valueTitle: string;
  format?: string;
  domain?: [number, number];
  rule?: { value: number; label: string };
  sort?: string[];
}

/** Dot plot: one dot per category on a zoomed value axis (bars would have to start at zero). */
export function dots(o: DotOptions): ChartSpec {
  const enc = {
    y: { field: 'category', type: 'nominal', title: o.categoryTitle, sort: o.sort ?? null },
    x: {
      field: 'value', type: 'quantitative', title: o.valueTitle,
      scale: o.domain ? { domain: o.domain, zero: false } : { zero: false },
      axis: o.format ? { format: o.format } : {},
    },
  };
  const layers: Layer[] = [
    { mark: { type: 'rule', color: COLORS.neutral, opacity: 0.5 }, encoding: { y: enc.y, x: { ...enc.x, aggregate: 'min' }, x2: { field: 'value', aggregate: 'max' } } },
    { mark: { type: 'point', filled: true, size: 70, color: COLORS.train, opacity: 1 }, encoding: enc },
  ];
  if (o.rule) layers.push(...ruleLayers(o.rule, 'x'));
  return top(o.rows, { layer: layers }, { height: Math.max(120, 24 * new Set(o.rows.map((r) => r.category)).size), ...o });
}

export interface ScatterOptions extends Size {
  points: { x: number; y: number; cls: string; wrong: boolean }[];
  xTitle: string;
  yTitle: string;
  classes: string[];
  colors: string[];
}

/** 2-D map: one small dot per point coloured by class; wrong ones drawn on top as dark crosses. */
export function scatter(o: ScatterOptions): ChartSpec {
  const x = { field: 'x', type: 'quantitative', title: o.xTitle, axis: { labels: false, ticks: false, grid: false } };
  const y = { field: 'y', type: 'quantitative', title: o.yTitle, axis: { labels: false, ticks: false, grid: false } };
  return top(o.points as unknown as Row[], {
    layer: [
      {
        transform: [{ filter: '!datum.wrong' }],
        mark: { type: 'circle', size: 9, opacity: 0.7 },
        encoding: { x, y, color: { field: 'cls', type: 'nominal', title: 'true class', scale: { domain: o.classes, range: o.colors }, legend: { columns: 5, symbolOpacity: 1 } } },
      },
      {
        transform: [{ filter: 'datum.wrong' }],
        // An × in the class colour: visible on the dots, and in either theme.
        mark: { type: 'point', shape: 'M-1,-1L1,1M-1,1L1,-1', size: 30, filled: false, strokeWidth: 1.6, opacity: 1 },
        encoding: { x, y, color: { field: 'cls', type: 'nominal', scale: { domain: o.classes, range: o.colors }, legend: null } },
      },
    ],
  }, { width: 460, height: 400, ...o });
}


export interface CalibrationOptions extends Size {
  bins: { lo: number; hi: number; count: number; mean_confidence: number; accuracy: number }[];
}

/** Reliability diagram: accuracy against mean confidence per bin, dot area by count, diagonal = calibrated. */
export function calibration(o: CalibrationOptions): ChartSpec {
  const lo = Math.max(0, Math.floor(Math.min(...o.bins.map((b) => Math.min(b.mean_confidence, b.accuracy))) * 10) / 10);
  const axis = (title: string) => ({ type: 'quantitative', title, scale: { domain: [lo, 1] }, axis: { format: '.0%' } });
  return top(o.bins as unknown as Row[], {
    layer: [
      {
        data: { values: [{ a: lo, b: lo }, { a: 1, b: 1 }] },
        mark: { type: 'line', strokeDash: [4, 3], color: COLORS.reference, strokeWidth: 1.5 },
        encoding: { x: { field: 'a', ...axis('mean confidence (top probability)') }, y: { field: 'b', ...axis('accuracy') } },
      },
      {
        mark: { type: 'circle', color: COLORS.train, opacity: 0.85 },
        encoding: {
          x: { field: 'mean_confidence', ...axis('mean confidence (top probability)') },
          y: { field: 'accuracy', ...axis('accuracy') },
          size: {
            field: 'count', type: 'quantitative', title: 'test images', scale: { type: 'sqrt', range: [20, 700] },
            legend: { format: ',d', values: [10, 100, 1000, 5000].filter((v) => v <= Math.max(...o.bins.map((b) => b.count))) },
          },
        },
      },
    ],
  }, o);
}
