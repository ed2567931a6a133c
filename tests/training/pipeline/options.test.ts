import { describe, expect, it } from 'vitest';
import { HELP, UsageError, parseTrainArgs } from '../../../training/pipeline/options.ts';

describe('npm run train options', () => {
  it('parses every documented option', () => {
    expect(parseTrainArgs(['--only', '6', '--seeds', '2', '--out', '/tmp/x', '--quick', '--jobs', '1', '--recover'])).toEqual({
      only: '6',
      seeds: 2,
      out: '/tmp/x',
      quick: true,
      jobs: 1,
      recover: true,
      help: false,
    });
    for (const flag of ['--only', '--seeds', '--out', '--quick', '--jobs', '--recover', '--help']) expect(HELP).toContain(flag);
  });

  it('rejects unknown options, unknown sections and bad numbers with a message that says what to do', () => {
    expect(() => parseTrainArgs(['--epochs', '3'])).toThrow(/--epochs.*--help/s);
    expect(() => parseTrainArgs(['--only', '10'])).toThrow(/no such section; use one of 1, 2/);
    expect(() => parseTrainArgs(['--seeds', '0'])).toThrow(UsageError);
    expect(() => parseTrainArgs(['--jobs', 'two'])).toThrow(/whole number/);
  });
});
