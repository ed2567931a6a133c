/** Kind "cross", numbers only: two models, each shown the other's test set, where their labels mean nothing. */
import type { CrossPart, CrossSection } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import type { DatasetId } from '../datasets.ts';
import { CLASSES } from '../network.ts';
import { argmax, confusion, seedStat } from '../stats.ts';
import type { AnalysisInputs } from './inputs.ts';

function accuracy(probabilities: Float32Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (argmax(probabilities, i) === labels[i]) correct++;
  return correct / labels.length;
}

/** Model `model` on the test set of `testedOn`, every seed. */
async function crossPart(inputs: AnalysisInputs, model: string, testedOn: DatasetId): Promise<CrossPart> {
  const trainedOn = modelOf(inputs.study, model).dataset;
  const test = inputs.test(testedOn);
  const { probabilities } = await inputs.predictions(model, testedOn);
  const predicted = Array.from({ length: test.count }, (_, i) => argmax(probabilities, i));
  const bySeed = [];
  for (const run of inputs.runsOf(model)) {
    bySeed.push({ seed: run.seed, value: accuracy((await inputs.predictions(model, testedOn, run.seed)).probabilities, test.labels) });
  }
  return {
    model,
    trained_on: trainedOn,
    tested_on: testedOn,
    published_seed: inputs.publishedSeed(model),
    test_accuracy: seedStat(bySeed),
    chance: 1 / CLASSES,
    model_class_names: [...inputs.test(trainedOn).classNames],
    tested_class_names: [...test.classNames],
    counts: confusion(test.labels, predicted),
  };
}

/** Each model is tested on the other one's dataset. */
export async function compute(inputs: AnalysisInputs, { a, b }: SectionOf<'cross'>): Promise<CrossSection> {
  const datasetOf = (m: string) => modelOf(inputs.study, m).dataset;
  return { kind: 'cross', a: await crossPart(inputs, a, datasetOf(b)), b: await crossPart(inputs, b, datasetOf(a)) };
}
