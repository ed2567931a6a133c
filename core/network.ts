/**
 * The study's network, as numbers and names both sides share: Flatten(28×28) → Dense(units, relu, named
 * "hidden") → Dense(10, softmax, named "output"). trainer/mlp.ts builds it; the site's widgets read
 * the hidden layer of a loaded model by its name.
 */

/** Side of the square input images, in pixels. */
export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
/** Output classes: every dataset here has ten labels. */
export const CLASSES = 10;

/** The layers' names in the saved models (tf.loadLayersModel's model.json). */
export const LAYER_NAMES = { flatten: 'flatten', hidden: 'hidden', output: 'output' } as const;

/** Keras's training defaults, as the original used them: Adam's learning rate and the batch size. */
export const LEARNING_RATE = 0.001;
export const BATCH_SIZE = 32;
