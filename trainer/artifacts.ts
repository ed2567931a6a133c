/**
 * The MLP as the tfjs Layers format's two files (model.json + one weights.bin), built in memory so that
 * Node (training/model/io.ts writes them to public/models) and the browser (the "Train it yourself"
 * download) produce the same bytes for the same weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createMlp, writeParams, type MlpParams } from './mlp.ts';

export const WEIGHTS_FILE = 'weights.bin';

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
          weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
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
