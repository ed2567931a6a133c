/** .ci/run, what CI executes: the type gate (astro check and tsc) and the dead-code check (knip) run before the tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/site';

describe('.ci/run', () => {
  it('runs npm run typecheck (astro check failing on warnings, and tsc) and knip before npm test', () => {
    const commands = readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('run '));
    const check = commands.indexOf('run npm run typecheck');
    expect(check, 'a line `run npm run typecheck`').toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(commands.indexOf('run npm test'));
    const knip = commands.indexOf('run npm run knip');
    expect(knip, 'knip, the dead-code check, before the tests').toBeGreaterThan(check);
    expect(knip).toBeLessThan(commands.indexOf('run npm test'));
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.typecheck).toMatch(/astro check --minimumFailingSeverity warning/);
    expect(scripts.typecheck).toMatch(/tsc --noEmit/);
  });
});
