/** Montages of test images with their predictions, described cell by cell for the page. */
import { montageMeta, type DatasetId, type ModelId, type MontageRef } from '../../schema/results.ts';
import { PIXELS } from '../../core/network.ts';
import { renderMontage } from '../output/montage.ts';
import { argmax } from '../../core/stats.ts';
import type { AnalysisContext } from './context.ts';
import { probabilityRow } from '../../core/stats.ts';

const TILE_SCALE = 3;

export interface MontageCell {
  index: number | null;
  alpha?: number;
  trueLabel: number;
  /** Row of `probabilities` holding this cell's prediction. */
  row: number;
}

/** Renders `cells` (pixels in `tiles`, one 784-row per cell) as a PNG + JSON pair. */
export async function writePredictionMontage(
  ctx: AnalysisContext,
  name: string,
  opts: { model: ModelId; dataset: DatasetId; tiles: Float32Array; probabilities: Float32Array; cells: MontageCell[]; columns: number; alt: string },
): Promise<MontageRef> {
  const { png, width, height, rows } = await renderMontage(opts.tiles, opts.cells.length, opts.columns, TILE_SCALE);
  const meta = montageMeta.parse({
    dataset: opts.dataset,
    model: opts.model,
    tile: 28,
    scale: TILE_SCALE,
    columns: opts.columns,
    rows,
    width,
    height,
    class_names: [...ctx.test(opts.dataset).classNames],
    cells: opts.cells.map((cell, i) => ({
      row: Math.floor(i / opts.columns),
      col: i % opts.columns,
      index: cell.index,
      ...(cell.alpha === undefined ? {} : { alpha: cell.alpha }),
      true_label: cell.trueLabel,
      predicted: argmax(opts.probabilities, cell.row),
      probabilities: probabilityRow(opts.probabilities, cell.row),
    })),
  });
  return ctx.writeMontage(name, png, meta, { alt: opts.alt, width, height });
}

/** Copies the pixels of the given test images into one tile buffer. */
function gatherTiles(images: Float32Array, indices: number[]): Float32Array {
  const tiles = new Float32Array(indices.length * PIXELS);
  indices.forEach((index, i) => tiles.set(images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
  return tiles;
}

/** A montage of the given test indices of `model`'s own dataset. */
export async function testImageMontage(ctx: AnalysisContext, model: ModelId, name: string, indices: number[], alt: string): Promise<MontageRef> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.test(dataset);
  const { probabilities } = await ctx.predictions(model, dataset);
  return writePredictionMontage(ctx, name, {
    model,
    dataset,
    tiles: gatherTiles(test.images, indices),
    probabilities,
    cells: indices.map((index) => ({ index, trueLabel: test.labels[index], row: index })),
    columns: 10,
    alt,
  });
}
