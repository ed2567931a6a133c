/** Kind "training": a configuration trained over several seeds, and its published model on the test set. */
import { trainingSection, type SectionFile, type SummaryRow, type TrainingSection } from '../../../schema/results.ts';
import { modelOf, type SectionOf } from '../../../schema/study.ts';
import { compareSentence, pm } from '../../../src/lib/format.ts';
import { BATCH_SIZE, LEARNING_RATE } from '../../../trainer/mlp.ts';
import { scorePredictions } from '../../../trainer/inference.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';
import type { AnalysisContext } from '../context.ts';
import { testImageMontage } from '../montages.ts';
import { confusion, perClassAccuracy, seedStat } from '../stats.ts';

const SAMPLE_COUNT = 30;
const MISCLASSIFIED_COUNT = 30;

async function analyse(ctx: AnalysisContext, section: SectionOf<'training'>): Promise<TrainingSection> {
  const { id, model } = section;
  const spec = modelOf(ctx.study, model);
  const runs = ctx.runsOf(model);
  const dataset = ctx.datasetOf(model);
  const test = ctx.tests[dataset];
  const { probabilities } = await ctx.predictions(model, dataset);
  const { predicted } = scorePredictions(probabilities, test.labels, test.count);
  const matrix = confusion(test.labels, predicted);
  const names = ctx.classNames(dataset);

  const sampleIdx = Array.from({ length: SAMPLE_COUNT }, (_, i) => i);
  const wrongIdx: number[] = [];
  for (let i = 0; i < test.count && wrongIdx.length < MISCLASSIFIED_COUNT; i++) if (predicted[i] !== test.labels[i]) wrongIdx.push(i);

  const per = (pick: (r: (typeof runs)[number]) => number) => seedStat(runs.map((r) => ({ seed: r.seed, value: pick(r) })));
  return trainingSection.parse({
    kind: 'training',
    model,
    dataset,
    units: spec.units,
    epochs: runs[0].epochs,
    batch_size: BATCH_SIZE,
    learning_rate: LEARNING_RATE,
    seeds: runs.map((r) => r.seed),
    published_seed: ctx.publishedSeed(model),
    class_names: names,
    train_accuracy: per((r) => r.train_accuracy),
    train_accuracy_eval: per((r) => r.train_accuracy_eval),
    test_accuracy: per((r) => r.test_accuracy),
    test_loss: per((r) => r.test_loss),
    runs: runs.map(({ seed, history, train_accuracy, train_accuracy_eval, test_accuracy, test_loss, cross_accuracy, duration_s }) => ({
      seed, history, train_accuracy, train_accuracy_eval, test_accuracy, test_loss, cross_accuracy, duration_s,
    })),
    confusion: matrix,
    per_class_accuracy: perClassAccuracy(matrix),
    montages: {
      samples: await testImageMontage(ctx, model, `section-${id}-samples`, sampleIdx, `The first ${SAMPLE_COUNT} ${dataset} test images, as the ${model} model sees them`),
      misclassified: await testImageMontage(ctx, model, `section-${id}-misclassified`, wrongIdx, `The first ${wrongIdx.length} ${dataset} test images the ${model} model gets wrong`),
    },
  });
}

function summarise(file: SectionFile, section: SectionOf<'training'>): SummaryRow {
  const s = expectKind(file, 'training');
  const [oTrain, oTest] = section.original;
  return {
    ...rowStart(section),
    original: oTrain && oTest ? `train ${oTrain.printed}, test ${oTest.printed}` : (section.originalWords ?? '–'),
    ours: `train ${pm(s.train_accuracy)}, test ${pm(s.test_accuracy)}`,
    reading: oTest ? compareSentence(oTest.value, `test ${oTest.printed}`, s.test_accuracy) : `Test accuracy ${pm(s.test_accuracy)}.`,
    figures: [
      { label: `${s.model} train (running)`, ours: s.train_accuracy, original: oTrain?.value ?? null },
      { label: `${s.model} test`, ours: s.test_accuracy, original: oTest?.value ?? null },
    ],
  };
}

export const kind: SectionKindModule<'training'> = { analyse, summarise };
