/**
 * The questions of core/analysis/inputs.ts answered from trained weights with the trainer's inference.
 * The build (training/analysis/context.ts, weights read from disk) and the browser's "Reproduce this
 * section" (weights from its store) both extend this class, so each figure of a section is computed by the
 * same code from the same kind of weights on either side; a subclass says only where runs and weights are.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AnalysisInputs, Prediction, TestSet } from '../core/analysis/inputs.ts';
import type { DatasetId } from '../core/datasets.ts';
import { IMAGE_SIZE } from '../core/network.ts';
import type { ModelId, RunFile } from '../schema/results.ts';
import { modelOf, type StudySpec } from '../schema/study.ts';
import { INFERENCE_BATCH, predict } from './inference.ts';
import { compileLikeKeras, createMlp, writeParams, type MlpParams } from './mlp.ts';

export abstract class TrainedModelInputs implements AnalysisInputs {
  private readonly paramsCache = new Map<string, Promise<MlpParams>>();
  private readonly predictionCache = new Map<string, Prediction>();

  abstract readonly study: StudySpec;
  abstract readonly randomPairs: number | undefined;
  abstract test(dataset: DatasetId): TestSet;
  /** Every run of `model`, in seed order. */
  abstract runsOf(model: ModelId): RunFile[];
  /** The weights of one trained (model, seed); called once per pair. */
  protected abstract loadWeights(model: ModelId, seed: number): Promise<MlpParams>;

  publishedSeed(model: ModelId): number {
    const seed = modelOf(this.study, model).publishedSeed;
    if (!this.runsOf(model).some((r) => r.seed === seed)) {
      throw new Error(`The published seed ${seed} of ${model} was not trained (seeds: ${this.runsOf(model).map((r) => r.seed).join(', ')}); train more seeds or change publishedSeed in the study declaration.`);
    }
    return seed;
  }

  params(model: ModelId, seed = this.publishedSeed(model)): Promise<MlpParams> {
    const key = `${model}/${seed}`;
    let p = this.paramsCache.get(key);
    if (!p) {
      if (!this.runsOf(model).some((r) => r.seed === seed)) throw new Error(`No run of ${model} with seed ${seed}.`);
      p = this.loadWeights(model, seed);
      this.paramsCache.set(key, p);
    }
    return p;
  }

  /** Predictions of `model` (published seed unless given) on the test set of `dataset`, with hidden outputs. */
  async predictions(model: ModelId, dataset: DatasetId, seed = this.publishedSeed(model)): Promise<Prediction> {
    const key = `${model}/${seed}/${dataset}`;
    let p = this.predictionCache.get(key);
    if (!p) {
      const t = this.test(dataset);
      p = predict(await this.params(model, seed), t.images, t.count, true);
      this.predictionCache.set(key, p);
    }
    return p;
  }

  async predict(model: ModelId, images: Float32Array, count: number, seed = this.publishedSeed(model)): Promise<Prediction> {
    return predict(await this.params(model, seed), images, count);
  }

  /** tfjs-layers' own `evaluate`, on a freshly built model with the published weights. */
  async evaluate(model: ModelId): Promise<{ accuracy: number; loss: number }> {
    const test = this.test(modelOf(this.study, model).dataset);
    const net = createMlp({ units: modelOf(this.study, model).units, seed: 0 });
    writeParams(net, await this.params(model));
    compileLikeKeras(net);
    const xs = tf.tensor3d(test.images, [test.count, IMAGE_SIZE, IMAGE_SIZE]);
    const ys = tf.tensor1d(test.labels, 'float32');
    try {
      const [loss, acc] = net.evaluate(xs, ys, { batchSize: INFERENCE_BATCH }) as tf.Scalar[];
      const out = { loss: (await loss.data())[0], accuracy: (await acc.data())[0] };
      tf.dispose([loss, acc]);
      return out;
    } finally {
      tf.dispose([xs, ys]);
      net.dispose();
    }
  }
}
