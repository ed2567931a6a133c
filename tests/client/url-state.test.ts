/** Widget state in the address: bad or stale values become the default with a note, widgets keep to their own keys. */
import { describe, expect, it } from 'vitest';
import { TEST_INDEX, decimal, encodeState, integer, mergeSearch, missingImage, oneOf, problemNote, readState } from '../../src/client/url-state.ts';

const ALPHA = { ds: oneOf(['digits', 'fashion']), i1: TEST_INDEX, i2: TEST_INDEX, a: decimal(-1, 2, 2) };

describe('reading a widget state from the address', () => {
  it('restores the values a shared link holds', () => {
    const { values, problems } = readState('?alpha.ds=fashion&alpha.i1=17&alpha.i2=3&alpha.a=-0.25', 'alpha', ALPHA);
    expect(values).toEqual({ ds: 'fashion', i1: 17, i2: 3, a: -0.25 });
    expect(problems).toEqual([]);
  });

  it('leaves out absent keys, other widgets’ keys and unknown keys', () => {
    const { values, problems } = readState('?backend=wasm&predict.img=5&alpha.zoom=3&alpha.a=1', 'alpha', ALPHA);
    expect(values).toEqual({ a: 1 });
    expect(problems).toEqual([]);
  });

  it('reports an unknown dataset, an out-of-range index and a NaN α, and uses none of them', () => {
    const { values, problems } = readState('?alpha.ds=cifar&alpha.i1=10000&alpha.i2=-1&alpha.a=NaN', 'alpha', ALPHA);
    expect(values).toEqual({});
    expect(problems.map((p) => p.key)).toEqual(['alpha.ds', 'alpha.i1', 'alpha.i2', 'alpha.a']);
    const note = problemNote(problems);
    expect(note).toContain('alpha.ds=“cifar” is not one of digits, fashion');
    expect(note).toContain('alpha.i1=“10000” is not a whole number from 0 to 9999');
    expect(note).toContain('alpha.a=“NaN” is not a number from −1 to 2');
    expect(note).toMatch(/shows the defaults instead\.$/);
  });

  it('accepts numbers only in plain decimal form, within range, and rounds α to the slider’s step', () => {
    const a = decimal(-1, 2, 2);
    expect(a.parse('0.5')).toBe(0.5);
    expect(a.parse('-1')).toBe(-1);
    expect(a.parse('.75')).toBe(0.75);
    expect(a.parse('0.123')).toBe(0.12);
    for (const bad of ['', 'abc', 'Infinity', '1e0', '0x1', '2.01', '-1.5', '1,5']) expect(a.parse(bad), bad).toBeNull();
    const i = integer(0, 9);
    expect(i.parse('7')).toBe(7);
    for (const bad of ['7.0', '1e1', '10', ' ', '-0x1']) expect(i.parse(bad), bad).toBeNull();
  });

  it('names a well-formed index the page does not bundle as stale', () => {
    expect(problemNote([missingImage('hidden.img', 9000, 240)])).toBe(
      'The address asked for a view this figure cannot show (hidden.img=“9000” is not one of the 240 test images bundled with this page), so it shows the default instead.',
    );
    expect(problemNote([{ key: 'predict.img', raw: '', expected: 'x' }])).toContain('predict.img=(empty) is not x');
  });
});

describe('writing a widget state into the address', () => {
  it('leaves defaults out and keeps every other key', () => {
    const entries = encodeState('alpha', ALPHA, { ds: 'digits', i1: 1, i2: 40, a: 0.7 }, { ds: 'digits', i1: 1, i2: 2, a: 0.5 });
    expect(entries).toEqual({ 'alpha.ds': null, 'alpha.i1': null, 'alpha.i2': '40', 'alpha.a': '0.7' });
    expect(mergeSearch('?backend=wasm&predict.img=8&alpha.i1=3', entries)).toBe('?backend=wasm&predict.img=8&alpha.i2=40&alpha.a=0.7');
  });

  it('gives the plain address back when everything is the default', () => {
    const entries = encodeState('alpha', ALPHA, { ds: 'digits', i1: 1, i2: 2, a: 0.5 }, { ds: 'digits', i1: 1, i2: 2, a: 0.5 });
    expect(mergeSearch('?alpha.a=0.9&alpha.ds=cifar', { ...entries, 'alpha.ds': null })).toBe('');
  });

  it('round-trips what it writes', () => {
    const state = { ds: 'fashion' as const, i1: 0, i2: 9999, a: -0.99 };
    const search = mergeSearch('', encodeState('alpha', ALPHA, state, {}));
    expect(readState(search, 'alpha', ALPHA)).toEqual({ values: state, problems: [] });
  });
});
