/** Kind "histogram", numbers only: the published model's test predictions split into right and wrong, per class. */
import type { HistogramSection } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import { argmax, seedStat } from '../stats.ts';
import { perSeed, type AnalysisInputs } from './inputs.ts';

export async function compute(inputs: AnalysisInputs, { model }: SectionOf<'histogram'>): Promise<HistogramSection> {
  const dataset = modelOf(inputs.study, model).dataset;
  const test = inputs.test(dataset);
  const { probabilities } = await inputs.predictions(model, dataset);
  const perClass = test.classNames.map((name, label) => ({ label, name, correct: 0, incorrect: 0 }));
  for (let i = 0; i < test.count; i++) perClass[test.labels[i]][argmax(probabilities, i) === test.labels[i] ? 'correct' : 'incorrect']++;
  const correct = perClass.reduce((s, c) => s + c.correct, 0);
  return {
    kind: 'histogram',
    model,
    published_seed: inputs.publishedSeed(model),
    test_count: test.count,
    correct_count: correct,
    incorrect_count: test.count - correct,
    correct_fraction: correct / test.count,
    incorrect_fraction: (test.count - correct) / test.count,
    per_class: perClass,
    incorrect_fraction_by_seed: seedStat(perSeed(inputs.runsOf(model), (r) => 1 - r.test_accuracy)),
  };
}
