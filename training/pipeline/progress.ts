/**
 * Progress of the training jobs: one live bar per job on a terminal (epoch, step, loss, accuracy, ETA),
 * or one line per finished epoch when the output is a log (CI, tests, nohup).
 */
import cliProgress from 'cli-progress';
import type { Job } from './jobs.ts';
import type { PoolReporter } from './pool.ts';
import type { WorkerMessage } from './worker.ts';

const label = (job: Job) => `${job.model} seed ${job.seed}`.padEnd(20);

export function createReporter(log: (line: string) => void, interactive = Boolean(process.stderr.isTTY)): PoolReporter {
  if (!interactive) return lineReporter(log);
  const multibar = new cliProgress.MultiBar(
    {
      format: '{label} {bar} {percentage}% | epoch {epoch}/{epochs} step {step}/{steps} | loss {loss} acc {acc} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  let active = 0;
  return {
    start(job) {
      active++;
      bars.set(job.hash, multibar.create(job.epochs, 0, { label: label(job), epoch: 0, epochs: job.epochs, step: 0, steps: '?', loss: '-', acc: '-' }));
    },
    message(job, m: WorkerMessage) {
      const bar = bars.get(job.hash);
      if (!bar) return;
      if (m.type === 'batch') {
        const { epoch, step, steps, loss, accuracy } = m.progress;
        bar.update(epoch - 1 + step / steps, { epoch, step, steps, loss: loss.toFixed(4), acc: accuracy.toFixed(4) });
      }
    },
    finish(job, error) {
      bars.get(job.hash)?.stop();
      if (error) multibar.log(`${label(job)} FAILED: ${error}\n`);
      if (--active === 0) multibar.stop();
    },
  };
}

function lineReporter(log: (line: string) => void): PoolReporter {
  return {
    start: (job) => log(`${label(job)} started (${job.epochs} epochs, ${job.units} units, ${job.dataset})`),
    message(job, m) {
      if (m.type === 'epoch') {
        const r = m.record;
        log(
          `${label(job)} epoch ${r.epoch}/${job.epochs}  loss ${r.train_loss.toFixed(4)}  acc ${r.train_accuracy.toFixed(4)}  ` +
            `test ${r.test_accuracy.toFixed(4)}  ${r.seconds.toFixed(1)} s`,
        );
      }
    },
    finish: (job, error) => log(error ? `${label(job)} FAILED: ${error}` : `${label(job)} done`),
  };
}
