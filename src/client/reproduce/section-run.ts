/**
 * One "Reproduce this section" run, loaded when the reader asks: plans the models (published seeds, or
 * all), trains those this browser does not keep yet in parallel workers, shows each model's SHA-256
 * against the published one, and offers the reproduced models to the page's widgets as "your model".
 */
import { datasetEntry } from '../../../core/datasets.ts';
import { part, setStatus } from '../ui.ts';
import { offerModel } from '../your-model.ts';
import type { RunControl } from '../widgets/reproduce-section.ts';
import { plan, type ReproduceConfig } from './config.ts';
import { duration } from './eta.ts';
import { ModelsView } from './models-view.ts';
import { Scheduler, type PlannedModel } from './scheduler.ts';
import { getModel } from './store.ts';

export interface RunOptions {
  allSeeds: boolean;
  parallel: number;
}

/** The last reproduced model of each dataset becomes "your model" in the page's widgets. */
async function offerReproduced(models: readonly PlannedModel[]): Promise<string[]> {
  const offered: string[] = [];
  const last = new Map(models.map((m) => [m.job.settings.dataset, m]));
  for (const m of last.values()) {
    const kept = await getModel(m.job.key);
    if (!kept) continue;
    const label = `your reproduction of ${m.model} (seed ${m.seed})`;
    offerModel({ key: `reproduced-${kept.key}`, label, dataset: m.job.settings.dataset, files: { modelJson: kept.modelJson, weights: kept.weights } });
    offered.push(`“${label}” for ${datasetEntry(m.job.settings.dataset).title}`);
  }
  return offered;
}

/**
 * Trains what is missing and reports on `root` (data-run-state, data-trained, data-kept, data-identical,
 * data-sha256s). `register` receives the stop control while the run lasts.
 */
export async function trainModels(root: HTMLElement, config: Pick<ReproduceConfig, 'models' | 'datasets' | 'trainerVersion'>, options: RunOptions, register: (c: RunControl) => void): Promise<{ scheduler: Scheduler; stopped: boolean }> {
  const models = await plan(config, options.allSeeds);
  let view: ModelsView | null = null;
  const scheduler = new Scheduler(models, options.parallel, () => view?.changed());
  view = new ModelsView(part(root, 'rows'), part(root, 'total'), scheduler);
  part(root, 'progress').hidden = false;
  root.dataset.runState = 'training';
  setStatus(root, 'ready', 'Training in background threads of this page; the page stays usable, and nothing is sent anywhere.');
  const started = performance.now();
  let stopped = false;
  register({ stop: () => scheduler.stop() });
  try {
    await scheduler.run();
  } catch (err) {
    if (!(err instanceof Error && err.message === 'stopped')) throw err;
    stopped = true;
  } finally {
    view.dispose();
  }
  const s = scheduler.states;
  root.dataset.trained = String(scheduler.trained);
  root.dataset.kept = String(s.filter((x) => x.phase === 'kept').length);
  root.dataset.sha256s = JSON.stringify(models.map((m, i) => ({ model: m.model, seed: m.seed, sha256: s[i].sha256, published: m.publishedSha256, seconds: s[i].seconds, epochs: m.job.settings.epochs })));
  root.dataset.wallSeconds = ((performance.now() - started) / 1000).toFixed(1);
  if (stopped) {
    root.dataset.runState = 'stopped';
    setStatus(root, 'ready', 'Stopped. Every finished epoch is kept: start again to resume where each model left off.');
    return { scheduler, stopped };
  }
  root.dataset.identical = String(models.every((m, i) => m.publishedSha256 !== null && s[i].sha256 === m.publishedSha256));
  return { scheduler, stopped };
}

export async function runSection(root: HTMLElement, config: ReproduceConfig, options: RunOptions, register: (c: RunControl) => void): Promise<void> {
  const { scheduler, stopped } = await trainModels(root, config, options, register);
  if (stopped) return;
  const same = root.dataset.identical === 'true';
  const offered = await offerReproduced(scheduler.models);
  const trained = scheduler.trained;
  setStatus(
    root,
    'ready',
    `${same ? 'Every model is identical to the published one, bit for bit.' : 'Not every model is identical to the published one (see the table).'} ` +
      `${trained === 0 ? 'Nothing was trained: this browser already kept every model.' : `${trained} model${trained === 1 ? '' : 's'} trained in ${duration(Number(root.dataset.wallSeconds))}.`}` +
      (offered.length ? ` The page’s live widgets now offer ${offered.join(' and ')}.` : ''),
  );
  root.dataset.runState = 'done';
}
