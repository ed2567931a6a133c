/** Geometry of a montage PNG (tiles of tile×scale pixels with a uniform gap) and per-cell wording. */
import type { MontageMeta } from '../../schema/results';
import { pct } from '../../core/format';

export interface CellBox { x: number; y: number; size: number }

/** The gap is not stored; it follows from the width: width = columns·size + (columns − 1)·gap. */
export function cellBox(meta: MontageMeta, row: number, col: number): CellBox {
  const size = meta.tile * meta.scale;
  const gap = meta.columns > 1 ? (meta.width - meta.columns * size) / (meta.columns - 1) : 0;
  return { x: col * (size + gap), y: row * (size + gap), size };
}

type Cell = MontageMeta['cells'][number];

export function topProbability(cell: Cell): number {
  return cell.probabilities[cell.predicted];
}

/** "test image #12" or "α = 0.37". */
function cellSubject(cell: Cell): string {
  if (cell.alpha !== undefined) return `blend at α = ${cell.alpha.toFixed(2)}`;
  return cell.index === null ? 'generated image' : `test image #${cell.index}`;
}

/** Full sentence for screen readers: what the image is, what the model says, how sure. */
export function cellDescription(meta: MontageMeta, cell: Cell): string {
  const names = meta.class_names;
  const verdict = cell.predicted === cell.true_label ? 'correct' : 'wrong';
  return `${cellSubject(cell)}, true ${names[cell.true_label]}; predicted ${names[cell.predicted]} with ${pct(topProbability(cell), 1)} (${verdict})`;
}
