/** `npm run train` options: parsed strictly, so a typo is an error rather than a silently ignored flag. */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import type { StudySpec } from '../../schema/study.ts';

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
  --recover         only bring the output to one whole generation after an interrupted run (complete
                    a half-done switch, remove temporary files), then exit
  --help            show this help

Environment:
  MNIST_DIR, FASHION_MNIST_DIR  folders holding the four IDX files of each dataset (gzipped or not)
  TFJS_BACKEND                  force a backend: tensorflow | wasm | cpu
`;

export interface TrainOptions {
  only?: string;
  study?: string;
  seeds?: number;
  out?: string;
  quick: boolean;
  /** Worker processes; undefined plans them from the jobs' lengths (pipeline/schedule.ts). */
  jobs?: number;
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
        recover: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run npm run train -- --help for the options.`);
  }
  const v = parsed.values;
  return {
    only: v.only,
    study: v.study,
    seeds: positiveInt('seeds', v.seeds),
    out: v.out,
    quick: v.quick ?? false,
    jobs: positiveInt('jobs', v.jobs),
    recover: v.recover ?? false,
    help: v.help ?? false,
  };
}

/** `--only` names a section of the declaration. */
export function checkOnly(only: string | undefined, study: StudySpec): void {
  const ids = study.sections.map((s) => s.id);
  if (only !== undefined && !ids.includes(only)) throw new UsageError(`--only ${only}: there is no such section; use one of ${ids.join(', ')}.`);
}
