/**
 * The switch between generations, stopped after each of its steps in turn (as a kill would stop it):
 * the recovery that the next run does always ends with the new generation whole; a kill before the
 * journal exists leaves the old one. The site's loader refuses a half-done switch and names the fix.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResults } from '../../../src/lib/results';
import { GENERATION_FOLDERS, generationPaths, type GenerationPaths } from '../../../core/layout';
import { recoverGeneration, switchGeneration } from '../../../training/output/journal';
import { copyGeneration, ROOT } from '../../../scripts/lib/train';

function setUp(): GenerationPaths {
  const paths = generationPaths(join(mkdtempSync(join(tmpdir(), 'journal-test-')), 'public'));
  for (const folder of GENERATION_FOLDERS) {
    mkdirSync(join(paths.out, folder), { recursive: true });
    writeFileSync(join(paths.out, folder, 'generation'), 'old');
    mkdirSync(join(paths.next, folder), { recursive: true });
    writeFileSync(join(paths.next, folder, 'generation'), 'new');
  }
  return paths;
}
const generations = (paths: GenerationPaths) =>
  GENERATION_FOLDERS.map((f) => (existsSync(join(paths.out, f, 'generation')) ? readFileSync(join(paths.out, f, 'generation'), 'utf8') : 'missing'));

class Killed extends Error {}

describe('switching generations', () => {
  it('completes a switch stopped after any of its steps', async () => {
    const steps: string[] = [];
    await switchGeneration(setUp(), (step) => void steps.push(step));
    expect(steps.length).toBeGreaterThanOrEqual(1 + 2 * GENERATION_FOLDERS.length);
    for (const [i, step] of steps.entries()) {
      const paths = setUp();
      let n = 0;
      await expect(
        switchGeneration(paths, () => {
          if (n++ === i) throw new Killed(step);
        }),
      ).rejects.toThrow(Killed);
      await recoverGeneration(paths, () => {});
      expect(generations(paths), `stopped after "${step}"`).toEqual(['new', 'new', 'new']);
      expect(existsSync(paths.journal) || existsSync(paths.next) || existsSync(paths.old)).toBe(false);
    }
  });

  it('keeps the old generation when the run died before the switch began', async () => {
    const paths = setUp();
    await recoverGeneration(paths, () => {});
    expect(generations(paths)).toEqual(['old', 'old', 'old']);
    expect(existsSync(paths.next)).toBe(false);
  });

  it('makes the site loader refuse a half-done switch and name the command that completes it', () => {
    const out = copyGeneration(join(ROOT, 'public'), 'journal-loader-');
    const paths = generationPaths(out);
    mkdirSync(paths.state);
    writeFileSync(paths.journal, '{}');
    expect(() => loadResults(join(out, 'results'))).toThrow(/half-way through a switch.*journal\.json.*npm run train -- --recover --out /s);
  });

  it('refuses a journal that no switch wrote, and says how to recover', async () => {
    const paths = setUp();
    mkdirSync(paths.state, { recursive: true });
    writeFileSync(paths.journal, JSON.stringify({ pid: 'me', folders: [] }));
    await expect(recoverGeneration(paths, () => {})).rejects.toThrow(/journal\.json is not the journal of a generation switch \(pid: .*delete it, then run npm run train -- --recover/);
  });
});
