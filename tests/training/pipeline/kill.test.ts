/**
 * A killed `npm run train` never leaves an output the site will not build from: SIGKILLs at random
 * moments of a quick run (training, analysis, the switch) over a previous generation leave the old or
 * the new generation, whole, and a rerun finishes, reusing the runs the killed ones had finished.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killTest } from '../../../scripts/lib/kill-generation';
import { ROOT } from '../../../scripts/lib/train';

describe('npm run train killed at random moments', () => {
  it('leaves the old or the new generation after every kill, and a rerun completes', async () => {
    // The old generation is a copy of the committed one; a quick run makes every job, and the analysis, stale.
    const result = await killTest(join(ROOT, 'public'), ['--quick', '--seeds', '1']);
    const summary = result.kills.map((k) => `${k.phase}: ${k.killed ? 'killed' : 'finished'}${k.midSwitch ? ' mid-switch' : ''} → ${k.outcome}`).join('\n');
    for (const kill of result.kills) expect(kill.outcome, `${summary}\n${kill.problem ?? ''}`).not.toBe('broken');
    expect(result.kills.filter((k) => k.killed).length, summary).toBeGreaterThanOrEqual(5);
    expect(result.reusedAfterKill.length, summary).toBeGreaterThan(0);
    expect(result.final.code, result.final.output).toBe(0);
    expect(result.final.outcome).toBe('new');
    console.log(summary);
  }, 600_000);
});
