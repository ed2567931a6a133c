/**
 * The kill test: a `--quick` run that makes a new generation over an old one is SIGKILLed (process group)
 * at random moments in each phase in turn — training, assembly and analysis, the switch — and after
 * each kill the output is recovered as the next run would do it and must be the old or the new
 * generation, whole, as the site's loader sees it. A last run must then finish. Used by
 * tests/training/pipeline/kill.test.ts and `npm run kill-test` (many rounds).
 */
import { generationPaths } from '../../core/layout';
import { recoverOutput } from '../../training/output/recover';
import { acceptedGeneration, copyGeneration, train } from './train';

export type Outcome = 'old' | 'new' | 'broken';

interface KillPoint {
  phase: 'training' | 'analysis' | 'switch';
  /** The kill is armed by the first output line that matches … */
  after: RegExp;
  /** … and lands a uniformly random time up to this later. */
  maxDelayMs: number;
}

/** In run order, so each kill finds its phase still ahead (finished jobs are reused, not retrained). */
const POINTS: KillPoint[] = [
  { phase: 'training', after: /started \(/, maxDelayMs: 2000 },
  { phase: 'training', after: / done$/, maxDelayMs: 1000 },
  { phase: 'analysis', after: /^Assembling the new generation/, maxDelayMs: 1500 },
  { phase: 'analysis', after: /^section \d written/, maxDelayMs: 3000 },
  { phase: 'switch', after: /^Switching the new generation/, maxDelayMs: 250 },
];
/** Pause between the switch's renames, so that a random kill can land between them. */
const SWITCH_PAUSE_MS = '25';

interface KillRecord {
  phase: KillPoint['phase'];
  /** False when the run finished before the kill was due. */
  killed: boolean;
  outcome: Outcome;
  /** A switch was half-done when the kill landed (recovery completed it). */
  midSwitch: boolean;
  problem?: string;
}

export interface KillTestResult {
  kills: KillRecord[];
  final: { code: number | null; outcome: Outcome; reused: number; output: string };
  /** Runs after a kill that said "Reusing N finished runs", with N. */
  reusedAfterKill: number[];
}

export async function killTest(oldGeneration: string, newArgs: string[], random: () => number = Math.random): Promise<KillTestResult> {
  const out = copyGeneration(oldGeneration, 'kill-test-');
  const paths = generationPaths(out);
  const oldHash = await acceptedGeneration(out);
  const args = [...newArgs, '--out', out];
  const classify = async (): Promise<{ outcome: Outcome; problem?: string }> => {
    try {
      return { outcome: (await acceptedGeneration(out)) === oldHash ? 'old' : 'new' };
    } catch (error) {
      return { outcome: 'broken', problem: (error as Error).message };
    }
  };
  const reused = (output: string) => Number(/Reusing (\d+) finished run/.exec(output)?.[1] ?? 0);

  const kills: KillRecord[] = [];
  const reusedAfterKill: number[] = [];
  for (const point of POINTS) {
    let armed = false;
    const run = await train(args, { DIGITS_FASHION_SWITCH_PAUSE_MS: SWITCH_PAUSE_MS }, (line, control) => {
      if (armed || !point.after.test(line)) return;
      armed = true;
      setTimeout(() => control.signal('SIGKILL'), random() * point.maxDelayMs);
    });
    if (kills.some((k) => k.killed) && reused(run.output) > 0) reusedAfterKill.push(reused(run.output));
    const midSwitch = (await import('node:fs')).existsSync(paths.journal);
    await recoverOutput(paths, () => {});
    kills.push({ phase: point.phase, killed: run.signal === 'SIGKILL', midSwitch, ...(await classify()) });
  }
  const last = await train(args);
  await recoverOutput(paths, () => {});
  return { kills, reusedAfterKill, final: { code: last.code, reused: reused(last.output), output: last.output, ...(await classify()) } };
}
