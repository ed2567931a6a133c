/**
 * The study, declared: its datasets, the trained configurations and the sections that train, reuse or
 * probe them, with what the report says about each (title, summary, the original's words and figures).
 * Every choice the original left implicit is written here with its reason. Everything else — the
 * results contract, training, the analysis, the CLI, navigation and pages — derives from this one
 * declaration (schema/study.ts checks it: unknown keys, duplicate ids and undeclared models are errors),
 * and `npm run train -- --study FILE` reads another one from a JSON file of the same shape.
 */
import { readFileSync } from 'node:fs';
import { parseStudy, type StudySpec } from '../../schema/study.ts';

// The original's α experiments use "a test image of '2'" and "a test image of '1'" without indices:
// the first of each.
const ALPHA_SOURCES = {
  model: 'digits-300',
  i1: { index: 1, label: 2 },
  i2: { index: 2, label: 1 },
  count: 100,
  // The original's figures label an image '2' from α = 0.5 on: the blend is then at least half I1.
  threshold: 0.5,
  randomPairs: 1000,
};

export const STUDY_DECLARATION = {
  datasets: [
    { id: 'digits', name: 'digits', description: 'MNIST handwritten digits' },
    { id: 'fashion', name: 'Fashion-MNIST', description: 'Fashion-MNIST' },
  ],
  // The original trained each model once; seeds give the spread a single run hides. Five seeds for the
  // cheap 10-epoch models, three for the 200-epoch one (~10 min each here).
  models: [
    { id: 'fashion-128', dataset: 'fashion', units: 128, epochs: 10, seeds: 5, publishedSeed: 0 },
    { id: 'digits-128', dataset: 'digits', units: 128, epochs: 10, seeds: 5, publishedSeed: 0 },
    { id: 'digits-300', dataset: 'digits', units: 300, epochs: 200, seeds: 3, publishedSeed: 0 },
    // Section 10's other two cells: each of section 3's changes on its own, three seeds like digits-300.
    { id: 'digits-128-e200', dataset: 'digits', units: 128, epochs: 200, seeds: 3, publishedSeed: 0 },
    { id: 'digits-300-e10', dataset: 'digits', units: 300, epochs: 10, seeds: 3, publishedSeed: 0 },
  ],
  sections: [
    {
      id: '1', title: 'Fashion-MNIST with 128 hidden units', short: 'Fashion',
      summary: 'The TensorFlow beginner tutorial: ten kinds of clothing, one hidden layer of 128 units, ten epochs.',
      quote: 'The model was trained using 10 epochs and reached an accuracy of 91.08% on the training data. The accuracy of the test dataset reached 88%.',
      original: [
        { label: 'train accuracy', value: 0.9108, printed: '91.08%' },
        { label: 'test accuracy', value: 0.88, printed: '88%' },
      ],
      kind: 'training', model: 'fashion-128',
      widgets: ['re-predict', 'train-yourself'],
    },
    {
      id: '2', title: 'Handwritten digits with 128 hidden units', short: 'Digits',
      summary: 'The same network and schedule on MNIST digits, an easier problem than clothing.',
      quote: 'The model was trained using 10 epochs and reached an accuracy of 99.56% on the training data. The accuracy of the test dataset reached 97.87%.',
      original: [
        { label: 'train accuracy', value: 0.9956, printed: '99.56%' },
        { label: 'test accuracy', value: 0.9787, printed: '97.87%' },
      ],
      kind: 'training', model: 'digits-128',
      widgets: ['re-predict', 'train-yourself'],
    },
    {
      id: '3', title: 'A bigger digits model: 300 units, 200 epochs', short: '300 units',
      summary: 'More hidden units and twenty times the training: does the test accuracy follow the training accuracy?',
      quote: 'The model was reached an accuracy of 100% on the training data (In comparison to the accuracy of 99.56% reached in previous model). The accuracy of the test dataset reached 98.41% (In comparison to the accuracy of 97.87% reached in previous model).',
      original: [
        { label: 'train accuracy', value: 1, printed: '100%' },
        { label: 'test accuracy', value: 0.9841, printed: '98.41%' },
      ],
      kind: 'training', model: 'digits-300', baseline: '2',
      widgets: ['re-predict', 'draw'],
    },
    {
      id: '4', title: 'Correct and incorrect test predictions', short: 'Histogram',
      summary: 'The bigger digits model’s test predictions split into right and wrong, and where the wrong ones fall.',
      quote: 'According to the histogram of the accuracies, 98.41% of the test images were correct and 1.59% were incorrect.',
      original: [
        { label: 'correct', value: 0.9841, printed: '98.41%' },
        { label: 'incorrect', value: 0.0159, printed: '1.59%' },
      ],
      kind: 'histogram', model: 'digits-300',
    },
    {
      id: '5', title: 'Tested on the other dataset', short: 'Cross-dataset',
      summary: 'A digits model shown clothing and a clothing model shown digits: what does “accuracy” mean when the labels are unrelated?',
      quote: 'The accuracy obtained seems to be random. Which means, the results the model was "correct" were random. In another run of the model, I may get different accuracy.',
      original: [],
      kind: 'cross', a: 'digits-128', b: 'fashion-128',
      originalWords: '“seems to be random”',
    },
    {
      id: '6', title: 'Blending a 2 into a 1, α from 0 to 1', short: 'α in [0, 1)',
      summary: 'One hundred images fading from a 1 to a 2, labelled by a fixed rule: how well does the model follow the rule?',
      quote: 'I generated a new test dataset of 100 images, where each image was generated from a weighted average of 2 images […] I(α)= α⋅I1 +(1-α)⋅I2 α∈[0,1) […] the accuracy of the test dataset reached 71%.',
      original: [{ label: 'accuracy on the 100 blends', value: 0.71, printed: '71%' }],
      kind: 'alpha', ...ALPHA_SOURCES, from: 0, to: 1, pairSeed: 6,
      widgets: ['alpha-explorer'],
    },
    {
      id: '7', title: 'Inside the hidden layer', short: 'Hidden layer',
      summary: 'The 300 numbers the hidden layer computes for a few test images, and a map of that space for thousands.',
      quote: 'Using the previous model, I ran the algorithm once again and printed the images via representation in an array. Then, I extracted the results of the second layer for each of them.',
      original: [],
      // The first test image of five different digits: 7, 2, 1, 0, 4.
      kind: 'hidden', model: 'digits-300', images: [0, 1, 2, 3, 4], projectionCount: 3000,
      originalWords: 'the second layer’s outputs, printed',
      widgets: ['hidden-layer'],
    },
    {
      id: '8', title: 'Reading the last layer', short: 'Last layer',
      summary: 'The softmax outputs of every test image: their argmax gives the accuracy, and their size says how sure the model is.',
      quote: 'Then, I compared the classified results of the last layer to the true results of the test images. The calculated accuracy and the accuracy of the model were equal.',
      original: [],
      kind: 'last-layer', model: 'digits-300', bins: 10,
      originalWords: 'argmax and evaluate “were equal”',
    },
    {
      id: '9', title: 'Extrapolating the blend, α from −1 to 2', short: 'α in [−1, 2)',
      summary: 'The same blend pushed past both source images, to pixel values no real image has.',
      quote: 'I generated a new test dataset of 100 images, where each image was generated from a weighted average of 2 images […] V(α)= α⋅V1 +(1-α)⋅V2 α∈[-1,2) […] the accuracy of the test dataset reached 66%.',
      original: [{ label: 'accuracy on the 100 blends', value: 0.66, printed: '66%' }],
      kind: 'alpha', ...ALPHA_SOURCES, from: -1, to: 2, pairSeed: 9,
      widgets: ['alpha-explorer'],
    },
    {
      id: '10', title: 'What made the improved model better?', short: 'Width or epochs?',
      summary: 'Section 3 changed two things at once — 128 → 300 hidden units and 10 → 200 epochs. Training all four combinations says how much of the gain each change brings.',
      quote: null,
      original: [],
      originalWords: 'both changes credited together',
      kind: 'factorial', factors: ['units', 'epochs'],
      models: ['digits-128', 'digits-300-e10', 'digits-128-e200', 'digits-300'],
    },
  ],
  galleryCount: 300,
};

export const STUDY: StudySpec = parseStudy(STUDY_DECLARATION, 'training/config/experiments.ts');

/** The declaration `--study FILE` names (JSON), or the default one above. */
export function loadStudy(file?: string): StudySpec {
  if (!file) return STUDY;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--study ${file}: cannot read it as JSON (${(error as Error).message}); pass a file shaped like STUDY_DECLARATION in training/config/experiments.ts.`);
  }
  return parseStudy(raw, file);
}

/** What `--quick` trains: a slice of the training set for one epoch, two seeds, fewer random pairs. */
export const QUICK = { trainCount: 2000, epochs: 1, seeds: 2, randomPairs: 100 } as const;
