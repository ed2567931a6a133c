import { describe, expect, it } from 'vitest';
import { alphaGrid, blendImages, truthAt } from '../../core/alpha.ts';
import { PIXELS } from '../../core/network.ts';

const alphaTruth = (alpha: number, threshold: number, label1: number, label2: number) => truthAt(alpha, { threshold, label1, label2 });

describe('α blends', () => {
  it('spaces 100 values evenly over [0, 1) with 0.5 exactly on the grid', () => {
    const alphas = alphaGrid(0, 1, 100);
    expect(alphas).toHaveLength(100);
    expect(alphas[0]).toBe(0);
    expect(alphas[99]).toBe(0.99);
    expect(alphas[50]).toBe(0.5);
    expect(alphas.filter((a) => alphaTruth(a, 0.5, 2, 1) === 2)).toHaveLength(50);
  });

  it('covers [−1, 2) in steps of 0.03 without reaching 2', () => {
    const alphas = alphaGrid(-1, 2, 100);
    expect(alphas[0]).toBe(-1);
    expect(alphas[99]).toBe(1.97);
    expect(alphas).toContain(0.5);
    // I1's label from α = 0.5 on: 50 of the 100 values (0.5 … 1.97).
    expect(alphas.filter((a) => alphaTruth(a, 0.5, 2, 1) === 2)).toHaveLength(50);
  });

  it('labels by the rule: I1 at and above the threshold, I2 below', () => {
    expect(alphaTruth(0.5, 0.5, 2, 1)).toBe(2);
    expect(alphaTruth(0.49, 0.5, 2, 1)).toBe(1);
    expect(alphaTruth(-1, 0.5, 2, 1)).toBe(1);
    expect(alphaTruth(1.97, 0.5, 2, 1)).toBe(2);
  });

  it('blends α·I1 + (1−α)·I2 without clipping', () => {
    const images = new Float32Array(2 * PIXELS);
    images.fill(1, 0, PIXELS); // I1: all ones
    images.fill(0.25, PIXELS); // I2: all 0.25
    const out = blendImages(images, 0, 1, [0, 0.5, 2, -1]);
    expect(out[0]).toBeCloseTo(0.25);
    expect(out[PIXELS]).toBeCloseTo(0.625);
    expect(out[2 * PIXELS]).toBeCloseTo(1.75);
    expect(out[3 * PIXELS]).toBeCloseTo(-0.5);
  });
});
