/**
 * core/analysis/inputs.ts answered with this trainer's own inference, in Node or in a browser: give it
 * the study, the test sets, every run's record and a way to load a run's weights; it predicts (with large
 * batches, cached per model, seed and dataset) and evaluates as tfjs-layers does. The build's
 * AnalysisContext (training/analysis/context.ts) extends it with file writing; a page that reproduces a
 * section's figures loads the published weights instead and hands this to core/analysis/<kind>.ts's `compute`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DatasetId } from '../core/datasets.ts';
import { IMAGE_SIZE } from '../core/network.ts';
import type { AnalysisInputs, Prediction, TestSet } from '../core/analysis/inputs.ts';
import type { ModelId, RunFile } from '../schema/results.ts';
import { modelOf, type StudySpec } from '../schema/study.ts';
import { compileLikeKeras, createMlp, writeParams, type MlpParams } from './mlp.ts';
import { INFERENCE_BATCH, predict } from './inference.ts';

export class ModelInputs<T extends TestSet = TestSet> implements AnalysisInputs {
  private readonly paramsCache = new Map<string, Promise<MlpParams>>();
  private readonly predictionCache = new Map<string, Prediction>();

  constructor(
    readonly study: StudySpec,
    readonly tests: Record<DatasetId, T>,
    /** Every run of each model. */
    private readonly runRecords: ReadonlyMap<ModelId, readonly RunFile[]>,
    /** The weights of one run. */
    private readonly loadParams: (model: ModelId, seed: number) => Promise<MlpParams>,
    /** Overrides each section's configured number of random pairs (quick runs). */
    readonly randomPairs?: number,
  ) {}

  test(dataset: DatasetId): T {
    const t = this.tests[dataset];
    if (!t) throw new Error(`Dataset "${dataset}" is not in the study (declared: ${Object.keys(this.tests).join(', ')}).`);
    return t;
  }

  runsOf(model: ModelId): RunFile[] {
    return [...(this.runRecords.get(model) ?? [])].sort((a, b) => a.seed - b.seed);
  }

  publishedSeed(model: ModelId): number {
    const seed = modelOf(this.study, model).publishedSeed;
    if (!this.runsOf(model).some((r) => r.seed === seed)) {
      throw new Error(`The published seed ${seed} of ${model} was not trained (seeds: ${this.runsOf(model).map((r) => r.seed).join(', ')}); train more seeds or change publishedSeed in the study declaration.`);
    }
    return seed;
  }

  datasetOf(model: ModelId): DatasetId {
    return modelOf(this.study, model).dataset;
  }

  params(model: ModelId, seed = this.publishedSeed(model)): Promise<MlpParams> {
    const key = `${model}/${seed}`;
    let p = this.paramsCache.get(key);
    if (!p) {
      p = this.loadParams(model, seed);
      this.paramsCache.set(key, p);
    }
    return p;
  }

  async predict(model: ModelId, images: Float32Array, count: number, seed = this.publishedSeed(model)): Promise<Prediction> {
    return predict(await this.params(model, seed), images, count);
  }

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

  /** tfjs-layers' own `evaluate`, on a freshly built model with the published weights. */
  async evaluate(model: ModelId): Promise<{ accuracy: number; loss: number }> {
    const test = this.test(this.datasetOf(model));
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
