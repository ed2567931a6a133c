/** `npm run train` options: parsed strictly, so a typo is an error rather than a silently ignored flag. */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import type { StudySpec } from '../../schema/study.ts';
import { BACKENDS, DEFAULT_BACKEND, isBackendName, type BackendName } from '../tf/backend-name.ts';

/** The help text; the section list comes from the declaration. */
export const helpText = (study: StudySpec) => `Usage: npm run train -- [options]

Trains what is missing or stale (a content hash of configuration, training code, data and backend
decides) and writes models, per-section results, montages and a manifest. With nothing changed it
only checks hashes and exits.

Options:
  --only <section>  one section (${study.sections.map((s) => s.id).join(', ')}) and the models it needs;
                    the other sections that read those models are analysed again (when
                    their other models are up to date), the rest keep their results
  --seeds <n>       train n seeds (0..n-1) of every model instead of the configured number
  --out <dir>       write into <dir>/{models,runs,results} instead of public/
  --quick           a small run: ${'2000'} training images, 1 epoch, 2 seeds; writes to a temporary folder
                    (or --out), never to the committed results
  --jobs <n>        parallel worker processes (default: one per core, ${cpus().length} here, plus one per long
                    run that would otherwise finish alone at the end)
  --study <file>    read the study's declaration from a JSON file instead of
                    training/config/experiments.ts (same shape as STUDY_DECLARATION)
  --backend <name>  the TensorFlow.js backend: ${BACKENDS.join(' | ')} (default ${DEFAULT_BACKEND}, also where
                    tfjs-node is installed: its weights are the ones a reader's browser reproduces
                    bit for bit; tensorflow is tfjs-node, as fast here, whose weights a browser
                    reproduces only closely; see training/README.md, "Backends")
  --recover         only bring the output to one whole generation after an interrupted run (complete
                    a half-done switch, remove temporary files), then exit
  --help            show this help

Environment:
  MNIST_DIR, FASHION_MNIST_DIR  folders holding the four IDX files of each dataset (gzipped or not)
  TFJS_BACKEND                  the backend when --backend is not given: ${BACKENDS.join(' | ')}
`;

export interface TrainOptions {
  only?: string;
  study?: string;
  seeds?: number;
  out?: string;
  quick: boolean;
  /** Worker processes; undefined plans them from the jobs' lengths (pipeline/schedule.ts). */
  jobs?: number;
  /** --backend; undefined leaves the choice to TFJS_BACKEND, then the default (tf/backend-name.ts). */
  backend?: BackendName;
  recover: boolean;
  help: boolean;
}

export class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} ${value}: expected a whole number of at least 1.`);
  return n;
}

export function parseTrainArgs(argv: string[]): TrainOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string' },
        study: { type: 'string' },
        seeds: { type: 'string' },
        out: { type: 'string' },
        quick: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        backend: { type: 'string' },
        recover: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run npm run train -- --help for the options.`);
  }
  const v = parsed.values;
  if (v.backend !== undefined && !isBackendName(v.backend)) throw new UsageError(`--backend ${v.backend}: not a backend this project knows; use one of ${BACKENDS.join(', ')}.`);
  return {
    only: v.only,
    study: v.study,
    seeds: positiveInt('seeds', v.seeds),
    out: v.out,
    quick: v.quick ?? false,
    jobs: positiveInt('jobs', v.jobs),
    backend: v.backend,
    recover: v.recover ?? false,
    help: v.help ?? false,
  };
}

/** `--only` names a section of the declaration. */
export function checkOnly(only: string | undefined, study: StudySpec): void {
  const ids = study.sections.map((s) => s.id);
  if (only !== undefined && !ids.includes(only)) throw new UsageError(`--only ${only}: there is no such section; use one of ${ids.join(', ')}.`);
}
