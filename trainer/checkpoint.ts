/**
 * A training run's whole state between two epochs: what a resumed run needs to continue bit for bit as
 * if it had never stopped (the browser keeps one per epoch, so Stop, a closed tab or a reload resumes).
 * Nothing the seed recomputes is in it: the shuffle of epoch e is a function of (seed, e) (rng.ts), and
 * Adam's bias corrections β^t are recomputed from the step count exactly as the running product forms them.
 */
import { type MlpParams } from './mlp.ts';
import { CLASSES, PIXELS } from '../core/network.ts';

export interface TrainerCheckpoint {
  /** Epochs completed; the next epoch trained is `epoch + 1`. */
  epoch: number;
  /** Optimizer steps taken (Adam's t). */
  adamSteps: number;
  /** The weights, in tfjs's layout. */
  params: MlpParams;
  /** Adam's first and second moments of each weight, in the same layout as `params`. */
  m: MlpParams;
  v: MlpParams;
}

const SHAPES = (units: number) => ({ w1: PIXELS * units, b1: units, w2: units * CLASSES, b2: CLASSES });

/**
 * Throws, naming the part, when `c` is not a whole checkpoint of a 784-`units`-10 network (a record from
 * another version or a damaged store): resuming from it would train something else.
 */
export function checkCheckpoint(c: TrainerCheckpoint, units: number): void {
  const fail = (what: string) => {
    throw new Error(`The checkpoint cannot be resumed: ${what}. Start the run again from epoch 1 (forget the stored run).`);
  };
  if (!Number.isInteger(c.epoch) || c.epoch < 0) fail(`its epoch (${c.epoch}) is not a count of epochs`);
  if (!Number.isInteger(c.adamSteps) || c.adamSteps < 0) fail(`its Adam step count (${c.adamSteps}) is not a count of steps`);
  for (const [name, p] of [['weights', c.params], ['first moments', c.m], ['second moments', c.v]] as const) {
    if (p?.units !== units) fail(`its ${name} are for ${p?.units} hidden units, the run has ${units}`);
    for (const [key, length] of Object.entries(SHAPES(units)) as [keyof typeof SHAPES, number][]) {
      const values = p[key as 'w1'];
      if (!(values instanceof Float32Array) || values.length !== length) fail(`its ${name}' ${key} should be ${length} float32 values`);
    }
  }
}

/** β^t as tfjs's Adam forms it: a float32 running product, one multiplication per step. */
export function adamPower(beta: number, steps: number): number {
  const f = Math.fround;
  let acc = f(beta);
  for (let t = 0; t < steps; t++) acc = f(acc * f(beta));
  return acc;
}
