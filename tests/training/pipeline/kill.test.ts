/**
 * A killed `npm run train` never leaves an output the site will not build from: SIGKILLs at random
 * moments of a quick run (training, analysis, the switch) over a previous generation leave the old or
 * the new generation, whole, and a rerun finishes, reusing the runs the killed ones had finished.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { killTest } from '../../helpers/kill-generation';
import { train } from '../../helpers/train';

const base = join(mkdtempSync(join(tmpdir(), 'kill-base-')), 'out');

beforeAll(async () => {
  const run = await train(['--quick', '--seeds', '1', '--out', base]);
  expect(run.code, run.output).toBe(0);
}, 300_000);

describe('npm run train killed at random moments', () => {
  it('leaves the old or the new generation after every kill, and a rerun completes', async () => {
    // A second seed makes three of the six jobs, and the analysis, stale: the new generation differs.
    const result = await killTest(base, ['--quick', '--seeds', '2']);
    const summary = result.kills.map((k) => `${k.phase}: ${k.killed ? 'killed' : 'finished'}${k.midSwitch ? ' mid-switch' : ''} → ${k.outcome}`).join('\n');
    for (const kill of result.kills) expect(kill.outcome, `${summary}\n${kill.problem ?? ''}`).not.toBe('broken');
    expect(result.kills.filter((k) => k.killed).length, summary).toBeGreaterThanOrEqual(5);
    expect(result.reusedAfterKill.length, summary).toBeGreaterThan(0);
    expect(result.final.code, result.final.output).toBe(0);
    expect(result.final.outcome).toBe('new');
  }, 240_000);
});
