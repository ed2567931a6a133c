/**
 * The live part of a "Train it yourself" run: the two bars, the progress line, the epoch log and the
 * learning curves. The worker's messages (about 20 a second) only update the state kept here; the page
 * is redrawn through a ThrottledDraw.
 */
import type { DatasetId, EpochRecord } from '../../../schema/results.ts';
import type { EpochResult } from '../../../trainer/run.ts';
import type { BatchProgress } from '../../../trainer/trainer.ts';
import { ThrottledDraw } from '../throttled-draw.ts';
import { part } from '../ui.ts';
import { epochChart, type EpochChart, type Point, type Series } from '../widgets/train-chart.ts';
import type { RunConfig } from './settings.ts';
import { datasetEntry } from '../../../core/datasets.ts';
import { count, eta, mb } from './verdict.ts';

/** The build-time run the live curves are drawn over: its model and epochs. */
export interface ReferenceCurve {
  label: string;
  history: EpochRecord[];
}

export class ProgressView {
  private live: { train: Point[]; test: Point[]; trainLoss: Point[]; testLoss: Point[] } = { train: [], test: [], trainLoss: [], testLoss: [] };
  private charts: { accuracy: EpochChart; loss: EpochChart } | null = null;
  private settings: RunConfig | null = null;
  private reference: ReferenceCurve | null = null;
  private trainStarted = 0;
  private text = '';
  private bars = { download: [0, 1], train: [0, 1] };
  private epochLog = '';
  private chartsStale = false;
  private readonly redraw = new ThrottledDraw(() => this.render());

  constructor(private readonly root: HTMLElement) {}

  /** A new run: empty curves over `reference`, at the width the charts have now. */
  start(settings: RunConfig, reference: ReferenceCurve | null): void {
    this.redraw.cancel();
    this.settings = settings;
    this.reference = reference;
    this.live = { train: [], test: [], trainLoss: [], testLoss: [] };
    this.trainStarted = 0;
    this.bars = { download: [0, 1], train: [0, 1] };
    this.epochLog = '';
    this.text = 'Starting the training thread…';
    const holder = part(this.root, 'charts');
    const width = Math.min(520, Math.max(260, (holder.clientWidth || 520) / (holder.clientWidth > 760 ? 2 : 1) - 8));
    this.charts = {
      accuracy: epochChart('accuracy', 'Accuracy over epochs: this run (solid) and the build-time run (dashed)', width),
      loss: epochChart('loss', 'Loss over epochs: this run (solid) and the build-time run (dashed)', width),
    };
    holder.replaceChildren(this.charts.accuracy.svg, this.charts.loss.svg);
    part(this.root, 'legend-ref').textContent = reference ? reference.label : 'no build-time run of this dataset';
    this.chartsStale = true;
    this.redraw.now();
  }

  phase(text: string): void {
    this.text = text;
    this.redraw.request();
  }

  download(dataset: DatasetId, loaded: number, total: number): void {
    this.bars.download = [loaded, total];
    this.text = `Downloading the ${datasetEntry(dataset).title} data: ${mb(loaded)} of ${mb(total)}.`;
    this.redraw.request();
  }

  /** Steps done so far over the whole run. */
  batch(p: BatchProgress): number {
    const s = this.settings as RunConfig;
    if (!this.trainStarted) this.trainStarted = performance.now();
    const done = (p.epoch - 1) * p.steps + p.step;
    const total = s.epochs * p.steps;
    this.bars.train = [done, total];
    this.text = `Epoch ${p.epoch} of ${s.epochs}, step ${count(p.step)} of ${count(p.steps)} (${Math.floor((100 * done) / total)} %), ${eta(performance.now() - this.trainStarted, done, total)}. Running accuracy ${(p.accuracy * 100).toFixed(2)} %, loss ${p.loss.toFixed(4)}.`;
    const x = p.epoch - 1 + p.step / p.steps;
    this.live.train.push([x, p.accuracy]);
    this.live.trainLoss.push([x, p.loss]);
    this.chartsStale = true;
    this.redraw.request();
    return done;
  }

  epoch(r: EpochResult): void {
    this.live.test.push([r.epoch, r.testAccuracy]);
    this.live.testLoss.push([r.epoch, r.testLoss]);
    this.epochLog = `Epoch ${r.epoch}: train accuracy ${(r.accuracy * 100).toFixed(2)} % (running), test accuracy ${(r.testAccuracy * 100).toFixed(2)} %, ${r.seconds.toFixed(1)} s.`;
    this.chartsStale = true;
    this.redraw.request();
  }

  /** The last line of a run (finished, stopped, failed), drawn at once with everything pending. */
  finish(text: string): void {
    this.text = text;
    this.redraw.now();
  }

  private render(): void {
    part(this.root, 'progress-text').textContent = this.text;
    part(this.root, 'epoch-log').textContent = this.epochLog;
    for (const [name, [value, max]] of [['download-bar', this.bars.download], ['train-bar', this.bars.train]] as const) {
      const bar = part<HTMLProgressElement>(this.root, name);
      bar.max = max;
      bar.value = value;
    }
    if (this.chartsStale) this.drawCharts();
  }

  private drawCharts(): void {
    const s = this.settings;
    if (!s || !this.charts) return;
    this.chartsStale = false;
    const hist = (this.reference?.history ?? []).filter((e) => e.epoch <= s.epochs);
    const ref = (key: keyof EpochRecord): Point[] => hist.map((e) => [e.epoch, e[key]]);
    const lines = {
      accuracy: [ref('train_accuracy'), ref('test_accuracy'), this.live.train, this.live.test],
      loss: [ref('train_loss'), ref('test_loss'), this.live.trainLoss, this.live.testLoss],
    };
    for (const measure of ['accuracy', 'loss'] as const) {
      const [refTrain, refTest, train, test] = lines[measure];
      const series: Series[] = [
        { kind: 'ty-ref-train', points: refTrain },
        { kind: 'ty-ref-test', points: refTest },
        { kind: 'ty-live-train', points: train },
        { kind: 'ty-live-test', points: test },
      ];
      this.charts[measure].draw(series, s.epochs);
    }
  }
}
