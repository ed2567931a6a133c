/**
 * Ctrl-C (SIGINT) or SIGTERM during `npm run train`: stop the workers and leave. Nothing has touched the
 * output before the switch, so leaving is safe at any moment but one: during the switch's few renames,
 * which are let finish first (journal.ts would complete them on the next run anyway).
 */
import { rmSync } from 'node:fs';
import type { GenerationPaths } from '../../core/layout.ts';
import { isSwitching } from '../output/journal.ts';
import { countStagedSync } from '../output/staging.ts';
import { stopWorkers } from './pool.ts';

const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

let pending: number | undefined;
/** Exit code of a signal that arrived during the switch: the run ends with it once the switch is done. */
export const deferredExit = () => pending;

export function handleInterrupts(paths: GenerationPaths, releaseLock: () => void, log: (line: string) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (isSwitching()) {
        log(`${signal}: finishing the switch to the new generation first (a few renames).`);
        pending = EXIT[signal];
        return;
      }
      const stopped = stopWorkers();
      rmSync(paths.next, { recursive: true, force: true });
      const kept = countStagedSync(paths);
      log(
        `\nInterrupted (${signal}): stopped ${stopped} worker${stopped === 1 ? '' : 's'}. ${paths.out} was not touched. ` +
          `${kept} finished run${kept === 1 ? ' is' : 's are'} kept in ${paths.jobs}; the next npm run train reuses ${kept === 1 ? 'it' : 'them'}.`,
      );
      releaseLock();
      process.exit(EXIT[signal]);
    });
  }
}
