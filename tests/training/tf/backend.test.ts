/**
 * Which backend trains, on a machine with or without tfjs-node (npm installs it where it can download
 * libtensorflow; scripts/tfjs-node-from-wheel.sh builds it offline, as CI does). Both situations are
 * real for users, so the tensorflow half runs wherever tfjs-node starts and is skipped, saying so,
 * where it does not.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../../../training/data/datasets.ts';
import { backendUnavailable, initBackend } from '../../../training/tf/backend.ts';
import { nodeKernels } from '../../../training/tf/kernels.ts';
import { FastTrainer, FAST_TRAINER_NAME, leanTrainerName } from '../../../trainer/fast-trainer.ts';
import { createMlp, readParams } from '../../../trainer/mlp.ts';
import { PIXELS } from '../../../core/network.ts';
import type { TrainingSet } from '../../../trainer/trainer.ts';
import { ROOT } from '../../../scripts/lib/train.ts';

/** Starts `backend` in a fresh process (the native library logs when it loads) and runs one matmul. */
function startInProcess(backend: string) {
  const script = `import { initBackend } from './training/tf/backend.ts';
    import * as tf from '@tensorflow/tfjs-core';
    const b = await initBackend(${JSON.stringify(backend)});
    tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync();
    console.log(b.name);`;
  const env = { ...process.env };
  delete env.TF_CPP_MIN_LOG_LEVEL;
  delete env.TF_ENABLE_ONEDNN_OPTS;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
}

let tensorflowMissing: string | null;
let set: TrainingSet;

beforeAll(async () => {
  tensorflowMissing = await backendUnavailable('tensorflow');
  if (tensorflowMissing) console.log(`tfjs-node is not usable here, its half of these tests is skipped: ${tensorflowMissing}`);
  const digits = await loadDataset('digits');
  const n = 640;
  set = { images: digits.train.images.subarray(0, n * PIXELS), labels: digits.train.labels.slice(0, n), count: n };
}, 120_000);

describe('the training backend', () => {
  it('is wasm when nothing is asked for, also where tfjs-node is installed', async () => {
    expect((await initBackend()).name).toBe('wasm');
  });

  it('names the fix when tensorflow is asked for and tfjs-node cannot start', async (ctx) => {
    if (!tensorflowMissing) ctx.skip();
    await expect(initBackend('tensorflow')).rejects.toThrow(/tensorflow backend was requested but could not start.*scripts\/tfjs-node-from-wheel\.sh/);
  });

  it('starts tfjs-node on request with no TensorFlow INFO lines on stderr', (ctx) => {
    if (tensorflowMissing) ctx.skip();
    const run = startInProcess('tensorflow');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe('tensorflow');
    expect(run.stderr).not.toMatch(/oneDNN|cpu_feature_guard|^I0000/m);
  }, 60_000);

  it("trains with the lean loop on tfjs-node, close to the wasm trainer's numbers", async (ctx) => {
    if (tensorflowMissing) ctx.skip();
    const epoch = async (backend: 'wasm' | 'tensorflow') => {
      await initBackend(backend);
      const trainer = await FastTrainer.create(readParams(createMlp({ units: 32, seed: 4 })), 4, await nodeKernels());
      const stats = trainer.trainEpoch(set);
      const name = trainer.name;
      trainer.dispose();
      return { name, stats };
    };
    const onTensorflow = await epoch('tensorflow');
    const onWasm = await epoch('wasm');
    expect(onTensorflow.name).toBe(leanTrainerName('tensorflow'));
    expect(onWasm.name).toBe(FAST_TRAINER_NAME);
    // Different matmul kernels sum in another order: the same training up to float32 rounding.
    expect(Math.abs(onTensorflow.stats.loss - onWasm.stats.loss)).toBeLessThan(1e-3);
    expect(Math.abs(onTensorflow.stats.accuracy - onWasm.stats.accuracy) * set.count).toBeLessThanOrEqual(3);
    expect(tf.getBackend()).toBe('wasm');
  }, 120_000);
});
