/**
 * The original study's reported figures (../shared/reference/original-writeup.md), as fractions, so the
 * CLI's summary table and the report compare against one copy.
 */
export interface OriginalFigure {
  label: string;
  value: number;
}

export const ORIGINAL: Readonly<Record<string, readonly OriginalFigure[]>> = {
  '1': [
    { label: 'train accuracy', value: 0.9108 },
    { label: 'test accuracy', value: 0.88 },
  ],
  '2': [
    { label: 'train accuracy', value: 0.9956 },
    { label: 'test accuracy', value: 0.9787 },
  ],
  '3': [
    { label: 'train accuracy', value: 1.0 },
    { label: 'test accuracy', value: 0.9841 },
  ],
  '4': [
    { label: 'correct', value: 0.9841 },
    { label: 'incorrect', value: 0.0159 },
  ],
  // Section 5: the original reports no number, only that the accuracy "seems to be random".
  '5': [],
  '6': [{ label: 'accuracy on the 100 blends', value: 0.71 }],
  '7': [],
  // Section 8: "the calculated accuracy and the accuracy of the model were equal".
  '8': [],
  '9': [{ label: 'accuracy on the 100 blends', value: 0.66 }],
};
