import { describe, expect, it } from 'vitest';
import { STUDY } from '../../../training/config/experiments.ts';
import { plannedBackend, requestedBackend } from '../../../training/tf/backend-name.ts';
import { UsageError, checkOnly, helpText, parseTrainArgs } from '../../../training/pipeline/options.ts';

describe('npm run train options', () => {
  it('parses every documented option', () => {
    expect(parseTrainArgs(['--only', '6', '--seeds', '2', '--out', '/tmp/x', '--quick', '--jobs', '1', '--backend', 'tensorflow', '--recover'])).toEqual({
      only: '6',
      seeds: 2,
      out: '/tmp/x',
      quick: true,
      jobs: 1,
      backend: 'tensorflow',
      recover: true,
      help: false,
    });
    for (const flag of ['--only', '--seeds', '--out', '--quick', '--jobs', '--study', '--backend', '--recover', '--help']) expect(helpText(STUDY)).toContain(flag);
    // The sections --only accepts come from the declaration, including the ones added after the original's nine.
    expect(helpText(STUDY)).toContain(STUDY.sections.map((s) => s.id).join(', '));
  });

  it('rejects unknown options, unknown sections and bad numbers with a message that says what to do', () => {
    expect(() => parseTrainArgs(['--epochs', '3'])).toThrow(/--epochs.*--help/s);
    expect(() => checkOnly('11', STUDY)).toThrow(/no such section; use one of 1, 2/);
    expect(() => parseTrainArgs(['--seeds', '0'])).toThrow(UsageError);
    expect(() => parseTrainArgs(['--jobs', 'two'])).toThrow(/whole number/);
    expect(() => parseTrainArgs(['--backend', 'node'])).toThrow(/--backend node: not a backend this project knows; use one of wasm, tensorflow, cpu/);
  });

  it('trains on wasm unless asked otherwise, --backend before TFJS_BACKEND, whatever is installed', () => {
    expect(plannedBackend(requestedBackend(undefined, undefined))).toBe('wasm');
    expect(plannedBackend(requestedBackend(undefined, ''))).toBe('wasm');
    expect(plannedBackend(requestedBackend(undefined, 'tensorflow'))).toBe('tensorflow');
    expect(plannedBackend(requestedBackend('cpu', 'tensorflow'))).toBe('cpu');
    expect(() => requestedBackend(undefined, 'gpu')).toThrow(/TFJS_BACKEND gpu: not a backend/);
  });
});
