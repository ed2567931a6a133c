/**
 * The crosscheck's code hash: the Python runner's files, nothing else. Everything the TypeScript side
 * hands a job (settings, α blends, random pairs, data hashes) enters the job's key by value instead, so
 * editing the wrapper or the report never makes the (expensive) Keras results stale.
 */
import { hashFiles } from '../training/pipeline/code-hash.ts';

/** Relative to the project root. investigate.py is left out: it never writes the crosscheck file. */
export const CROSSCHECK_CODE = ['crosscheck/keras/run_job.py', 'crosscheck/keras/idx_data.py'] as const;

export const crosscheckCodeHash = (root?: string): string => hashFiles(CROSSCHECK_CODE, root);
