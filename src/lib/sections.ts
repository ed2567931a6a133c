/**
 * What each of the nine sections is, in words, and the original study's own figures quoted from its
 * write-up (../shared/reference/original-writeup.md). These are the only hard-coded numbers on the
 * site, and every page labels them as the original's; everything else is read from public/results.
 */
import type { ModelId, SectionId } from '../../schema/results';

export interface OriginalFigure {
  /** What the number measures, in the original's terms. */
  label: string;
  /** As a fraction, for comparisons. */
  value: number;
  /** As the write-up prints it. */
  printed: string;
}

export interface SectionMeta {
  id: SectionId;
  title: string;
  /** A few words for navigation. */
  short: string;
  /** One sentence: what was done and why it is interesting. */
  summary: string;
  /** The original's sentence(s), verbatim. */
  quote: string;
  /** The original's headline numbers (none for 5, 7; 8 reports an equality). */
  original: OriginalFigure[];
  /** The model this section trains, or reuses. */
  model: ModelId;
}

/** Where each model is trained: sections that reuse one link here. */
export const TRAINED_IN: Record<ModelId, SectionId> = { 'fashion-128': '1', 'digits-128': '2', 'digits-300': '3' };

/** "Fashion-MNIST, 128 hidden units, 10 epochs", from a model's training section. */
export function modelLabel(t: { dataset: string; units: number; epochs: number }): string {
  return `${t.dataset === 'fashion' ? 'Fashion-MNIST' : 'digits'}, ${t.units} hidden units, ${t.epochs} epoch${t.epochs === 1 ? '' : 's'}`;
}

export const SECTIONS: Record<SectionId, SectionMeta> = {
  '1': {
    id: '1', title: 'Fashion-MNIST with 128 hidden units', short: 'Fashion', model: 'fashion-128',
    summary: 'The TensorFlow beginner tutorial: ten kinds of clothing, one hidden layer of 128 units, ten epochs.',
    quote: 'The model was trained using 10 epochs and reached an accuracy of 91.08% on the training data. The accuracy of the test dataset reached 88%.',
    original: [
      { label: 'train accuracy', value: 0.9108, printed: '91.08%' },
      { label: 'test accuracy', value: 0.88, printed: '88%' },
    ],
  },
  '2': {
    id: '2', title: 'Handwritten digits with 128 hidden units', short: 'Digits', model: 'digits-128',
    summary: 'The same network and schedule on MNIST digits, an easier problem than clothing.',
    quote: 'The model was trained using 10 epochs and reached an accuracy of 99.56% on the training data. The accuracy of the test dataset reached 97.87%.',
    original: [
      { label: 'train accuracy', value: 0.9956, printed: '99.56%' },
      { label: 'test accuracy', value: 0.9787, printed: '97.87%' },
    ],
  },
  '3': {
    id: '3', title: 'A bigger digits model: 300 units, 200 epochs', short: '300 units', model: 'digits-300',
    summary: 'More hidden units and twenty times the training: does the test accuracy follow the training accuracy?',
    quote: 'The model was reached an accuracy of 100% on the training data (In comparison to the accuracy of 99.56% reached in previous model). The accuracy of the test dataset reached 98.41% (In comparison to the accuracy of 97.87% reached in previous model).',
    original: [
      { label: 'train accuracy', value: 1, printed: '100%' },
      { label: 'test accuracy', value: 0.9841, printed: '98.41%' },
    ],
  },
  '4': {
    id: '4', title: 'Correct and incorrect test predictions', short: 'Histogram', model: 'digits-300',
    summary: 'The bigger digits model’s test predictions split into right and wrong, and where the wrong ones fall.',
    quote: 'According to the histogram of the accuracies, 98.41% of the test images were correct and 1.59% were incorrect.',
    original: [
      { label: 'correct', value: 0.9841, printed: '98.41%' },
      { label: 'incorrect', value: 0.0159, printed: '1.59%' },
    ],
  },
  '5': {
    id: '5', title: 'Tested on the other dataset', short: 'Cross-dataset', model: 'digits-128',
    summary: 'A digits model shown clothing and a clothing model shown digits: what does “accuracy” mean when the labels are unrelated?',
    quote: 'The accuracy obtained seems to be random. Which means, the results the model was "correct" were random. In another run of the model, I may get different accuracy.',
    original: [],
  },
  '6': {
    id: '6', title: 'Blending a 2 into a 1, α from 0 to 1', short: 'α in [0, 1)', model: 'digits-300',
    summary: 'One hundred images fading from a 1 to a 2, labelled by a fixed rule: how well does the model follow the rule?',
    quote: 'I generated a new test dataset of 100 images, where each image was generated from a weighted average of 2 images […] I(α)= α⋅I1 +(1-α)⋅I2 α∈[0,1) […] the accuracy of the test dataset reached 71%.',
    original: [{ label: 'accuracy on the 100 blends', value: 0.71, printed: '71%' }],
  },
  '7': {
    id: '7', title: 'Inside the hidden layer', short: 'Hidden layer', model: 'digits-300',
    summary: 'The 300 numbers the hidden layer computes for a few test images, and a map of that space for thousands.',
    quote: 'Using the previous model, I ran the algorithm once again and printed the images via representation in an array. Then, I extracted the results of the second layer for each of them.',
    original: [],
  },
  '8': {
    id: '8', title: 'Reading the last layer', short: 'Last layer', model: 'digits-300',
    summary: 'The softmax outputs of every test image: their argmax gives the accuracy, and their size says how sure the model is.',
    quote: 'Then, I compared the classified results of the last layer to the true results of the test images. The calculated accuracy and the accuracy of the model were equal.',
    original: [],
  },
  '9': {
    id: '9', title: 'Extrapolating the blend, α from −1 to 2', short: 'α in [−1, 2)', model: 'digits-300',
    summary: 'The same blend pushed past both source images, to pixel values no real image has.',
    quote: 'I generated a new test dataset of 100 images, where each image was generated from a weighted average of 2 images […] V(α)= α⋅V1 +(1-α)⋅V2 α∈[-1,2) […] the accuracy of the test dataset reached 66%.',
    original: [{ label: 'accuracy on the 100 blends', value: 0.66, printed: '66%' }],
  },
};
