/**
 * The analysis inputs of a section (core/analysis/inputs.ts) answered from the models this browser
 * reproduced: their run records and weights come from the store, the test sets from the site's data
 * files. Inference and tfjs-layers' evaluate are the build's own (trainer/trained-inputs.ts).
 */
import type { TestSet } from '../../../core/analysis/inputs.ts';
import type { DatasetId } from '../../../core/datasets.ts';
import { runFile, type ModelId, type RunFile } from '../../../schema/results.ts';
import type { StudySpec } from '../../../schema/study.ts';
import { filesParams } from '../../../trainer/artifacts.ts';
import type { MlpParams } from '../../../trainer/mlp.ts';
import { TrainedModelInputs } from '../../../trainer/trained-inputs.ts';
import type { StoredModel } from './store.ts';

/** run.json of a reproduced model, as the build's run-job writes it (the identity fields are the browser's). */
export function storedRun(model: ModelId, m: StoredModel): RunFile {
  return runFile.parse({
    ...m.measures,
    model,
    dataset: m.settings.dataset,
    units: m.settings.units,
    epochs: m.settings.epochs,
    seed: m.settings.seed,
    train_count: m.settings.trainCount,
    hash: m.key,
    backend: 'wasm',
    trainer: m.trainer,
    created: m.savedAt,
    duration_s: m.seconds,
  });
}

export class StoredModelInputs extends TrainedModelInputs {
  constructor(
    readonly study: StudySpec,
    private readonly tests: ReadonlyMap<DatasetId, TestSet>,
    /** The reproduced models of each model id, one per seed. */
    private readonly models: ReadonlyMap<ModelId, readonly StoredModel[]>,
    readonly randomPairs: number | undefined,
  ) {
    super();
  }

  test(dataset: DatasetId): TestSet {
    const t = this.tests.get(dataset);
    if (!t) throw new Error(`The test set of ${dataset} was not loaded for this analysis.`);
    return t;
  }

  runsOf(model: ModelId): RunFile[] {
    return (this.models.get(model) ?? []).map((m) => storedRun(model, m)).sort((a, b) => a.seed - b.seed);
  }

  protected async loadWeights(model: ModelId, seed: number): Promise<MlpParams> {
    const m = this.models.get(model)?.find((x) => x.settings.seed === seed);
    if (!m) throw new Error(`Your reproduction of ${model} with seed ${seed} is not in this browser's store.`);
    return filesParams(m.modelJson, new Uint8Array(m.weights), `your reproduction of ${model} (seed ${seed})`, 'choose “Forget reproduced models” and reproduce again');
  }
}
