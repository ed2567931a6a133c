/** Kind "training" on disk: the figures (core/analysis/training.ts), two montages, and the summary row. */
import { trainingSection, type SectionFile, type SummaryRow, type TrainingSection } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compute } from '../../../core/analysis/training.ts';
import type { AnalysisContext } from '../context.ts';
import { testImageMontage } from '../montages.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

async function analyse(ctx: AnalysisContext, section: SectionOf<'training'>): Promise<TrainingSection> {
  const { figures, montages } = await compute(ctx, section);
  const { id, model } = section;
  const dataset = ctx.datasetOf(model);
  return trainingSection.parse({
    ...figures,
    montages: {
      samples: await testImageMontage(ctx, model, `section-${id}-samples`, montages.samples, `The first ${montages.samples.length} ${dataset} test images, as the ${model} model sees them`),
      misclassified: await testImageMontage(ctx, model, `section-${id}-misclassified`, montages.misclassified, `The first ${montages.misclassified.length} ${dataset} test images the ${model} model gets wrong`),
    },
  });
}

function summarise(file: SectionFile, section: SectionOf<'training'>): SummaryRow {
  const s = expectKind(file, 'training');
  const [oTrain, oTest] = section.original;
  return {
    section: section.id,
    figures: [
      { label: `${s.model} train (running)`, ours: s.train_accuracy, original: oTrain?.value ?? null },
      { label: `${s.model} test`, ours: s.test_accuracy, original: oTest?.value ?? null },
    ],
  };
}

export const kind: SectionKindModule<'training'> = { analyse, summarise };
