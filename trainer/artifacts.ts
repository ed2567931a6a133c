/**
 * The MLP as the tfjs Layers format's two files (model.json + one weights.bin), built in memory so that
 * Node (training/model/io.ts writes them to public/models) and the browser (the "Train it yourself"
 * download) produce the same bytes for the same weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { z } from 'zod';
import { MODEL_FILES } from '../core/layout.ts';
import { CLASSES, PIXELS } from '../core/network.ts';
import { createMlp, writeParams, type MlpParams } from './mlp.ts';

export interface LayersFiles {
  /** The parsed model.json. */
  modelJson: { format: string; generatedBy?: string; convertedBy: null; modelTopology: unknown; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  /** The contents of weights.bin. */
  weights: Uint8Array;
}

async function layersFiles(model: tfl.LayersModel): Promise<LayersFiles> {
  let files: LayersFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files = {
        modelJson: {
          format: 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
        },
        weights: new Uint8Array(artifacts.weightData as ArrayBuffer),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new Error('tfjs-layers did not hand over the model artifacts on save (a tfjs-layers change?).');
  return files;
}

/** `params` as a complete Layers model (topology from `createMlp`). */
export async function paramsFiles(params: MlpParams): Promise<LayersFiles> {
  const model = createMlp({ units: params.units, seed: 0 });
  try {
    writeParams(model, params);
    return await layersFiles(model);
  } finally {
    model.dispose();
  }
}

/** The part of a Layers model.json that locates the weights (the topology is not read back). */
const weightsManifest = z.object({
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(z.object({ name: z.string(), shape: z.array(z.number().int()), dtype: z.string() })) })),
});

/**
 * The weights of a saved MLP from its two files, without building a tfjs model, every shape checked:
 * `modelJson` is model.json parsed, `weights` weights.bin. `where` names the model and `fix` the remedy
 * in the errors. The build reads its runs (training/model/io.ts) and the browser its reproduced models
 * with this.
 */
export function filesParams(modelJson: unknown, weights: Uint8Array, where: string, fix: string): MlpParams {
  const json = weightsManifest.safeParse(modelJson);
  if (!json.success) throw new Error(`${where} has no valid weightsManifest (${json.error.issues[0]?.path.join('.')}: ${json.error.issues[0]?.message}); ${fix}.`);
  const specs = json.data.weightsManifest.flatMap((group) => group.weights);
  const floats = new Float32Array(weights.buffer, weights.byteOffset, Math.floor(weights.byteLength / 4));
  const units = specs[0]?.shape[1];
  const expected = [[PIXELS, units], [units], [units, CLASSES], [CLASSES]];
  if (specs.length !== 4 || units === undefined || specs.some((s, i) => s.dtype !== 'float32' || s.shape.join() !== expected[i].join())) {
    throw new Error(`${where} does not describe a 784-U-10 MLP (got ${specs.map((s) => `${s.name}[${s.shape}]`).join(', ')}); ${fix}.`);
  }
  const sizes = expected.map((shape) => shape.reduce((a, b) => (a as number) * (b as number), 1) as number);
  if (floats.length !== sizes.reduce((a, b) => a + b, 0) || weights.byteLength % 4 !== 0) {
    throw new Error(`The weights of ${where} hold ${weights.byteLength / 4} floats, its manifest expects ${sizes.reduce((a, b) => a + b, 0)}; ${fix}.`);
  }
  const parts: Float32Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    parts.push(floats.slice(offset, offset + size));
    offset += size;
  }
  return { units, w1: parts[0], b1: parts[1], w2: parts[2], b2: parts[3] };
}
