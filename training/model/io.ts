/**
 * Saves and loads the MLP in the tfjs Layers format (model.json + one weights.bin) that
 * `tf.loadLayersModel` reads in the browser. Our own IO handler, so no tfjs-node `file://` is needed,
 * and the files are written atomically.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../output/atomic.ts';
import { filesParams, paramsFiles, type LayersFiles } from '../../trainer/artifacts.ts';
import { MODEL_FILES } from '../../core/layout.ts';
import type { MlpParams } from '../../trainer/mlp.ts';

async function writeFiles(files: LayersFiles, dir: string): Promise<number> {
  await writeFileAtomic(join(dir, MODEL_FILES.weights), files.weights);
  await writeJsonAtomic(join(dir, MODEL_FILES.json), files.modelJson);
  return files.weights.byteLength;
}

/** Writes `params` as a complete Layers model (topology from `createMlp`). */
export async function saveParams(params: MlpParams, dir: string): Promise<number> {
  return writeFiles(await paramsFiles(params), dir);
}

/** Reads the weights of a saved MLP without building a tfjs model, checking every shape. */
export async function loadParams(dir: string): Promise<MlpParams> {
  const json: unknown = JSON.parse(await readFile(join(dir, MODEL_FILES.json), 'utf8'));
  return filesParams(json, await readFile(join(dir, MODEL_FILES.weights)), `${dir}/${MODEL_FILES.json}`, 'retrain it with npm run train');
}

