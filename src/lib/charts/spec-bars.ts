/** Bars, histograms and labelled reference rules. */
import type { ChartSpec } from './render';
import { top, type Layer, type Size } from './spec-common';
import { COLORS } from './theme';

export interface BarOptions extends Size {
  rows: { category: string; value: number; group?: string }[];
  categoryTitle: string;
  valueTitle: string;
  format?: string;
  horizontal?: boolean;
  stacked?: boolean;
  groupColors?: Record<string, string>;
  /** A reference line across the value axis (chance, the original's figure…). */
  rule?: { value: number; label: string };
  domain?: [number, number];
  sort?: string[];
  /** Print each bar's value at its end (format: labelFormat, default ',d'). */
  labels?: boolean;
  labelFormat?: string;
  /** Groups side by side instead of stacked. */
  grouped?: boolean;
  /** Symmetric-log value axis, for counts spanning orders of magnitude (ticks at powers of ten). */
  log?: boolean;
  /** Draw the colour legend for groups (default true; off when the categories already name the groups). */
  legend?: boolean;
}

/** Category labels are tilted only when some are too long to sit side by side. */
const tilt = (rows: { category: string }[]) => (new Set(rows.map((r) => r.category)).size > 4 && rows.some((r) => r.category.length > 6) ? -40 : 0);

/** Bars by category, optionally stacked by group, with an optional labelled reference rule. */
export function bars(o: BarOptions): ChartSpec {
  const cat = { field: 'category', type: 'nominal', title: o.categoryTitle, sort: o.sort ?? null };
  const val = {
    field: 'value', type: 'quantitative', title: o.valueTitle,
    stack: o.stacked ? 'zero' : null,
    scale: { ...(o.domain ? { domain: o.domain } : {}), ...(o.log ? { type: 'symlog' } : {}) },
    axis: { ...(o.format ? { format: o.format } : {}), ...(o.log ? { values: powersOfTen(Math.max(...o.rows.map((r) => r.value))), format: ',d' } : {}) },
  };
  const groups = [...new Set(o.rows.map((r) => r.group).filter(Boolean))] as string[];
  const color = groups.length
    ? { color: { field: 'group', type: 'nominal', title: null, scale: { domain: groups, range: groups.map((g) => o.groupColors?.[g] ?? COLORS.neutral) }, ...(o.legend === false ? { legend: null } : {}) } }
    : { color: { value: COLORS.train } };
  const offset = o.grouped ? { [o.horizontal ? 'yOffset' : 'xOffset']: { field: 'group', sort: groups } } : {};
  const enc = o.horizontal ? { y: cat, x: val, ...color, ...offset } : { x: { ...cat, axis: { labelAngle: tilt(o.rows) } }, y: val, ...color, ...offset };
  const layers: Layer[] = [{ mark: { type: 'bar' }, encoding: enc }];
  if (o.labels) {
    const text = { field: 'value', type: 'quantitative', format: o.labelFormat ?? ',d' };
    layers.push(o.horizontal
      ? { mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: '#777777' }, encoding: { y: cat, x: val, text } }
      : { mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 11, color: '#777777' }, encoding: { x: cat, y: val, text } });
  }
  if (o.rule) layers.push(...ruleLayers(o.rule, o.horizontal ? 'x' : 'y'));
  return top(o.rows, { layer: layers }, o);
}

/** 0, 1, 10, 100, … up to the first power of ten at or above max. */
function powersOfTen(max: number): number[] {
  const out = [0];
  for (let p = 1; p < max * 10 && out.length < 8; p *= 10) out.push(p);
  return out;
}

/** A labelled reference rule at a fixed value on one axis. */
export function ruleLayers(rule: { value: number; label: string; color?: string }, axis: 'x' | 'y', line = 0): Layer[] {
  const color = rule.color ?? COLORS.reference;
  return [
    { data: { values: [rule] }, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5, color }, encoding: { [axis]: { field: 'value', type: 'quantitative' } } },
    {
      data: { values: [rule] },
      mark: axis === 'y'
        ? { type: 'text', align: 'right', baseline: 'bottom', dy: -3, x: 'width', color, fontSize: 11 }
        : { type: 'text', align: 'left', baseline: 'bottom', dx: -3, y: -4 - 14 * line, color, fontSize: 11 },
      encoding: { [axis]: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

export interface HistogramOptions extends Size {
  values: number[];
  xTitle: string;
  step: number;
  extent: [number, number];
  format?: string;
  marks?: { value: number; label: string; color?: string }[];
}

/** Distribution of many values (e.g. accuracies of random pairs) with labelled markers. */
export function histogram(o: HistogramOptions): ChartSpec {
  const layers: Layer[] = [{
    mark: { type: 'bar', color: COLORS.neutral, binSpacing: 1 },
    encoding: {
      x: { field: 'v', type: 'quantitative', bin: { step: o.step, extent: o.extent }, title: o.xTitle, axis: o.format ? { format: o.format } : {} },
      y: { aggregate: 'count', type: 'quantitative', title: 'count' },
    },
  }];
  (o.marks ?? []).forEach((m, i) => layers.push(...ruleLayers({ ...m, color: m.color ?? COLORS.highlight }, 'x', i)));
  return top(o.values.map((v) => ({ v })), { layer: layers }, o);
}

