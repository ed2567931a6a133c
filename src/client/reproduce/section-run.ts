/**
 * One "Reproduce this section" run, loaded when the reader asks: plans the models (published seeds, or
 * all), trains those this browser does not keep yet in parallel workers, shows each model's SHA-256
 * against the published one, runs the section's own analysis on the reader's models and compares every
 * figure with the published section file, and offers the reproduced models to the page's widgets as
 * "your model".
 */
import { datasetEntry } from '../../../core/datasets.ts';
import { part, setStatus } from '../ui.ts';
import { offerModel } from '../your-model.ts';
import type { RunControl } from '../widgets/reproduce-section.ts';
import { plan, type ReproduceConfig } from './config.ts';
import { duration } from './eta.ts';
import { ModelsView } from './models-view.ts';
import { compareFigures, identical, type FigureGroup } from './compare.ts';
import { renderFigures } from './figures-view.ts';
import type { AnalysisRequest, FromReproWorker } from './messages.ts';
import { reproduceWorker, Scheduler, type PlannedModel } from './scheduler.ts';
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

export interface SectionVerdict {
  section: string;
  groups: FigureGroup[];
  identical: boolean;
  seconds: number;
}

/** Runs the section's analysis in a worker on the reproduced `models`; resolves with its figures. */
function sectionFigures(request: AnalysisRequest): Promise<{ figures: Record<string, unknown>; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = reproduceWorker('reproduce-analysis');
    const done = () => worker.terminate();
    worker.onmessage = (e: MessageEvent<FromReproWorker>) => {
      const msg = e.data;
      if (msg.type === 'figures') resolve({ figures: msg.figures, seconds: msg.seconds });
      else if (msg.type === 'error') reject(new Error(`the analysis of section ${request.section} failed: ${msg.message}`));
      else return;
      done();
    };
    worker.onerror = (e) => {
      reject(new Error(`the analysis thread failed: ${e.message || 'unknown error'}`));
      done();
    };
    worker.postMessage({ type: 'analyse', request });
  });
}

/** The section's figures from the reader's models against the published section file. */
export async function checkSection(config: Pick<ReproduceConfig, 'section' | 'sectionFileUrl' | 'studyUrl' | 'datasets' | 'models'>, models: readonly PlannedModel[], allSeeds: boolean): Promise<SectionVerdict> {
  const response = await fetch(config.sectionFileUrl);
  if (!response.ok) throw new Error(`the published figures ${config.sectionFileUrl} could not be downloaded (HTTP ${response.status})`);
  const published = (await response.json()) as Record<string, unknown>;
  const randomPairs = published.kind === 'alpha' ? (published.random_pairs as { count: number }).count : undefined;
  const keys = new Map<string, string[]>();
  for (const m of models) keys.set(m.model, [...(keys.get(m.model) ?? []), m.job.key]);
  const datasets: AnalysisRequest['datasets'] = {};
  for (const [id, offer] of Object.entries(config.datasets)) if (offer.available) datasets[id] = offer.files.map((f) => ({ ...f, url: new URL(f.url, location.href).href }));
  const { figures, seconds } = await sectionFigures({
    id: `section-${config.section}`,
    section: config.section,
    studyUrl: new URL(config.studyUrl, location.href).href,
    datasets,
    models: [...keys].map(([model, k]) => ({ model, keys: k })),
    randomPairs,
  });
  const partial = !allSeeds && config.models.some((m) => m.seeds.length > 1);
  const groups = compareFigures(published, figures, String(published.kind), partial);
  return { section: config.section, groups, identical: identical(groups), seconds };
}

export async function runSection(root: HTMLElement, config: ReproduceConfig, options: RunOptions, register: (c: RunControl) => void): Promise<void> {
  const { scheduler, stopped } = await trainModels(root, config, options, register);
  if (stopped) return;
  const same = root.dataset.identical === 'true';
  const offered = await offerReproduced(scheduler.models);
  setStatus(root, 'loading', 'Running this section’s analysis on your models…');
  root.dataset.runState = 'analysing';
  const verdict = await checkSection(config, scheduler.models, options.allSeeds);
  const compared = verdict.groups.reduce((a, g) => a + g.compared, 0);
  const differing = verdict.groups.reduce((a, g) => a + g.differences.length, 0);
  renderFigures(part(root, 'figures'), verdict.groups, `Section ${config.section}’s figures from your models (analysis ${verdict.seconds.toFixed(1)} s), against the published ones`);
  root.dataset.figuresIdentical = String(verdict.identical);
  root.dataset.figuresCompared = String(compared);
  root.dataset.figuresDiffering = String(differing);
  const trained = scheduler.trained;
  setStatus(
    root,
    'ready',
    `${same ? 'Every model is identical to the published one, bit for bit.' : 'Not every model is identical to the published one (see the table).'} ` +
      `${verdict.identical ? `All ${compared} numbers of the section’s figures are identical to the published ones.` : `${differing} of the section’s numbers differ from the published ones (see the figures table).`} ` +
      `${trained === 0 ? 'Nothing was trained: this browser already kept every model.' : `${trained} model${trained === 1 ? '' : 's'} trained in ${duration(Number(root.dataset.wallSeconds))}.`}` +
      (offered.length ? ` The page’s live widgets now offer ${offered.join(' and ')}.` : ''),
  );
  root.dataset.runState = 'done';
}
