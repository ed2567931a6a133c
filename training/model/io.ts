/**
 * Saves and loads the MLP in the tfjs Layers format (model.json + one weights.bin) that
 * `tf.loadLayersModel` reads in the browser. Our own IO handler, so no tfjs-node `file://` is needed,
 * and the files are written atomically.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic, writeJsonAtomic } from '../output/atomic.ts';
import { WEIGHTS_FILE, paramsFiles, type LayersFiles } from '../../trainer/artifacts.ts';
import type { MlpParams } from '../../trainer/mlp.ts';
import { CLASSES, PIXELS } from '../../core/network.ts';


async function writeFiles(files: LayersFiles, dir: string): Promise<number> {
  await writeFileAtomic(join(dir, WEIGHTS_FILE), files.weights);
  await writeJsonAtomic(join(dir, 'model.json'), files.modelJson);
  return files.weights.byteLength;
}

/** Writes `params` as a complete Layers model (topology from `createMlp`). */
export async function saveParams(params: MlpParams, dir: string): Promise<number> {
  return writeFiles(await paramsFiles(params), dir);
}

/** The part of a Layers model.json that locates the weights (the topology is not read back). */
const weightsManifest = z.object({
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.string() })) })),
});

/** Reads the weights of a saved MLP without building a tfjs model, checking every shape. */
export async function loadParams(dir: string): Promise<MlpParams> {
  const json = weightsManifest.safeParse(JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')));
  if (!json.success) throw new Error(`${dir}/model.json has no valid weightsManifest (${json.error.issues[0]?.path.join('.')}: ${json.error.issues[0]?.message}); retrain it with npm run train.`);
  const specs = json.data.weightsManifest.flatMap((group) => group.weights);
  const buffer = await readFile(join(dir, WEIGHTS_FILE));
  const floats = new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
  const units = specs[0]?.shape[1];
  const expected = [[PIXELS, units], [units], [units, CLASSES], [CLASSES]];
  if (specs.length !== 4 || units === undefined || specs.some((s, i) => s.dtype !== 'float32' || s.shape.join() !== expected[i].join())) {
    throw new Error(`${dir}/model.json does not describe a 784-U-10 MLP (got ${specs.map((s) => `${s.name}[${s.shape}]`).join(', ')}); retrain it with npm run train.`);
  }
  const sizes = expected.map((shape) => shape.reduce((a, b) => (a as number) * (b as number), 1) as number);
  if (floats.length !== sizes.reduce((a, b) => a + b, 0)) {
    throw new Error(`${dir}/${WEIGHTS_FILE} holds ${floats.length} floats, model.json expects ${sizes.reduce((a, b) => a + b, 0)}; retrain it with npm run train.`);
  }
  const parts: Float32Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    parts.push(floats.slice(offset, offset + size));
    offset += size;
  }
  return { units, w1: parts[0], b1: parts[1], w2: parts[2], b2: parts[3] };
}

