import { describe, expect, it } from 'vitest';
import { STUDY } from '../../../training/config/experiments.ts';
import { runScope } from '../../../training/pipeline/scope.ts';

const allFresh = () => true;

describe('what a run trains and analyses', () => {
  it('covers every section and model without --only', () => {
    const scope = runScope(STUDY, undefined, allFresh);
    expect(scope.sections).toEqual(STUDY.sections.map((s) => s.id));
    expect(new Set(scope.models)).toEqual(new Set(STUDY.models.map((m) => m.id)));
  });

  it('with --only, re-analyses every section that reads a retrained model', () => {
    // digits-300 is read by sections 3, 4, 6, 7, 8, 9 and the factorial section 10.
    expect(runScope(STUDY, '3', allFresh).sections).toEqual(['3', '4', '6', '7', '8', '9', '10']);
    // digits-128: section 2, the cross section 5 (with fashion-128) and section 10.
    const scope = runScope(STUDY, '2', allFresh);
    expect(scope.sections).toEqual(['2', '5', '10']);
    expect(scope.models).toEqual(expect.arrayContaining(['digits-128', 'fashion-128', 'digits-300']));
    expect(scope.kept).toEqual([]);
  });

  it('keeps (and names) a section whose other models are out of date rather than training them', () => {
    const scope = runScope(STUDY, '2', (model) => model !== 'digits-300');
    expect(scope.sections).toEqual(['2', '5']);
    expect(scope.kept).toEqual([{ section: '10', stale: ['digits-300'] }]);
    expect(scope.models).not.toContain('digits-300');
  });
});
