import { describe, expect, it } from 'vitest';
import { chooseProcessCount, jobCost, makespan } from '../../../training/pipeline/schedule.ts';

const job = (epochs: number, units: number) => jobCost({ epochs, units, trainCount: null });
// The default study: digits-300 for 200 epochs × 3 seeds, two 128-unit models for 10 epochs × 5 seeds.
const study = [...Array(3).fill(job(200, 300)), ...Array(10).fill(job(10, 128))];

describe('worker process count', () => {
  it('runs the three long runs of the study side by side on two cores', () => {
    expect(chooseProcessCount(study, 2)).toBe(3);
    // Two processes would leave the third long run alone at the end: ~20 % later.
    expect(makespan(study, 2, 2) / makespan(study, 3, 2)).toBeGreaterThan(1.15);
  });

  it('keeps one process per core when jobs are alike, and never more processes than jobs', () => {
    expect(chooseProcessCount(Array(8).fill(job(10, 128)), 2)).toBe(2);
    expect(chooseProcessCount([job(1, 128)], 4)).toBe(1);
    expect(chooseProcessCount(study, 1)).toBe(1);
  });

  it('simulates time-sharing: k equal jobs on fewer cores take k/cores job-lengths', () => {
    expect(makespan([6, 6, 6], 3, 2)).toBeCloseTo(9);
    expect(makespan([6, 6, 6], 2, 2)).toBeCloseTo(12);
  });
});
