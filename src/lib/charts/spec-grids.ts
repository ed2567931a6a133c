/** Categorical grids: confusion matrices, predicted-class tables, activation maps. */
import type { ChartSpec } from './render';
import { top, type Layer, type Size } from './spec-common';
import { HEAT_SCHEME } from './theme';

export interface HeatmapOptions extends Size {
  /** value in [0, 1] drives the colour; text is printed in the cell (omit for none). */
  cells: { row: string; col: string; value: number; text?: string }[];
  rowTitle: string;
  colTitle: string;
  rows: string[];
  cols: string[];
  legendTitle?: string;
  scheme?: string;
  showText?: boolean;
  /** For many columns (e.g. 300 hidden units): no per-column labels or ticks. */
  hideColLabels?: boolean;
}

/** A categorical grid (confusion matrix, predicted class per true class). */
export function heatmap(o: HeatmapOptions): ChartSpec {
  const enc = {
    x: {
      field: 'col', type: 'ordinal', title: o.colTitle, sort: o.cols,
      scale: { domain: o.cols },
      axis: o.hideColLabels
        ? { labels: false, ticks: false, domain: false, orient: 'bottom' }
        : { labelAngle: o.cols.some((c) => c.length > 2) ? -40 : 0, orient: 'top' },
    },
    y: { field: 'row', type: 'ordinal', title: o.rowTitle, sort: o.rows, scale: { domain: o.rows } },
  };
  const layers: Layer[] = [
    // Every cell gets a neutral backdrop (re-coloured per theme by the site's CSS via its class name).
    { name: 'cellbg', mark: { type: 'rect', color: '#f0f0ee' } },
    {
      // Empty cells keep only the backdrop, so the page background shows through in either theme.
      transform: [{ filter: 'datum.value > 0' }],
      mark: { type: 'rect' },
      encoding: {
        color: {
          field: 'value', type: 'quantitative', title: o.legendTitle ?? null,
          scale: { scheme: { name: o.scheme ?? HEAT_SCHEME, extent: [0.08, 1] }, domain: [0, 1] },
          legend: o.legendTitle ? { format: '.0%', gradientLength: 160 } : null,
        },
      },
    },
  ];
  if (o.showText !== false) {
    layers.push({
      transform: [{ filter: "datum.text !== '' && datum.text != null" }],
      mark: { type: 'text', fontSize: 11 },
      encoding: {
        text: { field: 'text' },
        color: { condition: { test: 'datum.value > 0.5', value: '#ffffff' }, value: '#1a1a1a' },
      },
    });
  }
  return top(o.cells, { encoding: enc, layer: layers }, { width: 400, height: 400, ...o });
}

