/**
 * `npm run kill-test [-- --rounds N]`: the kill test of tests/training/pipeline/kill.test.ts, N times
 * (default 50; five random SIGKILLs per round, one in each phase, then a rerun). Prints after every round
 * and at the end how many outputs were the old generation, the new one, or broken; exits 1 if any broke.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { killTest, type Outcome } from './lib/kill-generation.ts';
import { ROOT } from './lib/train.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '50' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${values.rounds}: expected a whole number of at least 1.`);

const counts: Record<Outcome, number> = { old: 0, new: 0, broken: 0 };
let kills = 0;
let midSwitch = 0;
let failedReruns = 0;
const started = performance.now();
for (let round = 1; round <= rounds; round++) {
  const result = await killTest(join(ROOT, 'public'), ['--quick', '--seeds', '1']);
  for (const k of result.kills) {
    counts[k.outcome]++;
    if (k.killed) kills++;
    if (k.midSwitch) midSwitch++;
    if (k.problem) process.stderr.write(`round ${round}, ${k.phase}: BROKEN\n${k.problem}\n`);
  }
  counts[result.final.outcome]++;
  if (result.final.code !== 0) failedReruns++;
  const line = result.kills.map((k) => `${k.phase}${k.killed ? '' : '(finished)'}${k.midSwitch ? '(mid-switch)' : ''}→${k.outcome}`).join(' ');
  process.stdout.write(
    `round ${round}/${rounds}: ${line}; rerun → ${result.final.outcome}, reused ${result.reusedAfterKill.join('+') || 0} | ` +
      `so far old ${counts.old}, new ${counts.new}, broken ${counts.broken}\n`,
  );
}
process.stdout.write(
  `\n${rounds} rounds, ${kills} SIGKILLs (${midSwitch} mid-switch), ${((performance.now() - started) / 60000).toFixed(1)} min\n` +
    `generations after a kill or rerun: old ${counts.old}, new ${counts.new}, broken ${counts.broken}; reruns that failed: ${failedReruns}\n`,
);
process.exitCode = counts.broken > 0 || failedReruns > 0 ? 1 : 0;
