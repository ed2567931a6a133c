/**
 * The study's network, as the original's Keras code defines it: Flatten(28×28) → Dense(U, relu) →
 * Dense(10, softmax), Glorot-uniform kernels and zero biases (Keras's defaults), Adam(1e-3),
 * sparse categorical cross-entropy on the softmax output.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, IMAGE_SIZE, LAYER_NAMES, LEARNING_RATE, PIXELS } from '../core/network.ts';


export interface MlpConfig {
  units: number;
  seed: number;
}

/** The weights of the two Dense layers, row-major as tfjs stores them (kernel is [in, out]). */
export interface MlpParams {
  units: number;
  w1: Float32Array; // PIXELS × units
  b1: Float32Array; // units
  w2: Float32Array; // units × CLASSES
  b2: Float32Array; // CLASSES
}

/**
 * The network with a softmax output (what is saved, served and evaluated), or with `'linear'` the same
 * network producing logits, for training with the cross-entropy taken from the logits.
 */
export function createMlp({ units, seed }: MlpConfig, output: 'softmax' | 'linear' = 'softmax'): tfl.Sequential {
  // Distinct seeds per layer, as Keras draws each layer's initial weights from its own stream.
  const model = tfl.sequential({
    name: `mlp_${units}`,
    layers: [
      tfl.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE], name: LAYER_NAMES.flatten }),
      tfl.layers.dense({
        units,
        activation: 'relu',
        name: LAYER_NAMES.hidden,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 2 + 1 }),
        biasInitializer: 'zeros',
      }),
      tfl.layers.dense({
        units: CLASSES,
        activation: output,
        name: LAYER_NAMES.output,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 2 + 2 }),
        biasInitializer: 'zeros',
      }),
    ],
  });
  return model;
}

/** Compiles as the original did (loss on the softmax output): what section 8's `evaluate` uses. */
export function compileLikeKeras(model: tfl.LayersModel): void {
  model.compile({
    optimizer: tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-7),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
}

/** Categorical cross-entropy from logits, per sample: its gradient is exactly p − onehot. */
function crossEntropyFromLogits(onehot: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.losses.softmaxCrossEntropy(onehot, logits, undefined, undefined, tf.Reduction.NONE);
}

/**
 * The stock `fit` reference (bench, equivalence tests, and training off wasm), with Keras 2's gradient.
 * TF 2 Keras gives a softmax output's cross-entropy the gradient p − onehot (its backend takes the
 * softmax's input as logits). tfjs-layers' built-in loss clips the probabilities to [1e-7, 1 − 1e-7]
 * first, so a training sample the model gets confidently wrong has no gradient and stays wrong: over 200
 * epochs that stalled digits-300 at 99.97 % train and 98.17 ± 0.30 % test accuracy, against 100 % and
 * 98.36 ± 0.11 % (3 seeds each; training/README.md). So `model` must come from
 * `createMlp(config, 'linear')` (its weights are those of the softmax network), and `fit` gets one-hot
 * targets (tfjs-layers checks a custom loss's targets against the output's shape).
 */
export function compileForFit(model: tfl.LayersModel): void {
  model.compile({
    optimizer: tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-7),
    loss: crossEntropyFromLogits,
    metrics: [tfl.metrics.categoricalAccuracy],
  });
}

export function readParams(model: tfl.LayersModel): MlpParams {
  const [k1, b1, k2, b2] = model.getWeights();
  const units = k1.shape[1] as number;
  return {
    units,
    w1: k1.dataSync() as Float32Array,
    b1: b1.dataSync() as Float32Array,
    w2: k2.dataSync() as Float32Array,
    b2: b2.dataSync() as Float32Array,
  };
}

export function writeParams(model: tfl.LayersModel, p: MlpParams): void {
  const tensors = [
    tf.tensor2d(p.w1, [PIXELS, p.units]),
    tf.tensor1d(p.b1),
    tf.tensor2d(p.w2, [p.units, CLASSES]),
    tf.tensor1d(p.b2),
  ];
  model.setWeights(tensors);
  tf.dispose(tensors);
}

export function copyParams(p: MlpParams): MlpParams {
  return { units: p.units, w1: p.w1.slice(), b1: p.b1.slice(), w2: p.w2.slice(), b2: p.b2.slice() };
}
