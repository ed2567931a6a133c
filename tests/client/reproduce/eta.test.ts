import { describe, expect, it } from 'vitest';
import { defaultWorkers, duration, modelEtas, totalEta, type ModelWork } from '../../../src/client/reproduce/eta.ts';

const model = (over: Partial<ModelWork>): ModelWork => ({
  workPerEpoch: 60_000 * 128, epochs: 10, epochsDone: 0, sessionSeconds: 0, sessionEpochs: 0, partialFraction: 0, partialSeconds: 0, buildSecondsPerEpoch: null, done: false, ...over,
});

describe('time left', () => {
  it('is a model’s own seconds per epoch times the epochs left, the one under way counted by its steps', () => {
    const [eta] = modelEtas([model({ epochsDone: 4, sessionSeconds: 8, sessionEpochs: 4, partialFraction: 0.5 })]);
    expect(eta).toBeCloseTo(5.5 * 2);
  });

  it('scales a model not yet measured from one that is, by its work per epoch', () => {
    const [, eta] = modelEtas([model({ epochsDone: 1, sessionSeconds: 2, sessionEpochs: 1 }), model({ workPerEpoch: 60_000 * 300, epochs: 200 })]);
    expect(eta).toBeCloseTo(200 * 2 * (300 / 128));
  });

  it('falls back on the build’s time, scaled by how this browser compares with the build, and says when it cannot tell', () => {
    const etas = modelEtas([model({ epochsDone: 1, sessionSeconds: 3, sessionEpochs: 1, buildSecondsPerEpoch: 1.5, workPerEpoch: 0 }), model({ buildSecondsPerEpoch: 4, epochs: 5, workPerEpoch: 0 })]);
    expect(etas[1]).toBeCloseTo(5 * 4 * 2);
    expect(modelEtas([model({})])).toEqual([null]);
  });

  it('hands queued models to whichever worker frees up first, longest first', () => {
    // Running 10 s and 2 s; queued 6, 5, 1 s: 6 → the second worker (free at 2, busy to 8), 5 → it again (8 < 10: to 13), 1 → the first (11).
    expect(totalEta([10, 2, 6, 5, 1], [true, true, false, false, false], 2)).toBe(13);
    expect(totalEta([10, 2, 6], [false, false, false], 1)).toBe(18);
    expect(totalEta([10, null], [true, false], 2)).toBeNull();
  });

  it('reads as seconds, minutes or hours', () => {
    expect([duration(42.4), duration(125), duration(3780)]).toEqual(['42 s', '2 min 05 s', '1 h 03 min']);
  });
});

describe('the default number of workers', () => {
  it('is two wherever there are two cores or more (WebKit reports 4 on 2), one on one core', () => {
    expect([1, 2, 4, 16].map(defaultWorkers)).toEqual([1, 2, 2, 2]);
    expect(defaultWorkers(0)).toBe(1);
  });
});
