/**
 * The one error type of the dataset layer. Callers (the training CLI) can tell "your data files are missing
 * or wrong" apart from bugs, and print the message as-is: every DataError names the file or place, what is
 * wrong with it, and what to do about it.
 */
export class DataError extends Error {
  override name = 'DataError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
