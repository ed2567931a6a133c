/**
 * What identifies a reproduced model in this browser: the run's settings and the trainer's code version
 * (the build's hash of the trainer source, src/lib/trainer-version.ts). Two sections that read the same
 * model compute the same key and so share one training; a new trainer gives new keys.
 */
import { sha256Hex } from '../../../core/sha256.ts';
import type { RunConfig } from '../train/settings.ts';

/** The settings in a fixed order, so that equal settings always hash the same. */
function canonical(s: RunConfig): string {
  return JSON.stringify([s.dataset, s.units, s.epochs, s.seed, s.trainCount, s.batchSize, s.learningRate]);
}

export async function modelKey(settings: RunConfig, trainerVersion: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(`${canonical(settings)}\0${trainerVersion}`));
}
