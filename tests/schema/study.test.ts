/** The study's declaration: what a mistake in it says, before anything trains. */
import { describe, expect, it } from 'vitest';
import { StudyError, parseStudy } from '../../schema/study.ts';
import { STUDY, STUDY_DECLARATION } from '../../training/config/experiments.ts';

/** A deep copy of the project's declaration to break in one place. */
const declaration = () => structuredClone(STUDY_DECLARATION) as unknown as {
  models: Record<string, unknown>[];
  sections: Record<string, unknown>[];
  [key: string]: unknown;
};
const problems = (raw: unknown) => {
  try {
    parseStudy(raw, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(StudyError);
    return (error as Error).message;
  }
  throw new Error('the declaration was accepted');
};

describe('the study declaration', () => {
  it('accepts the project’s own declaration, with every section and model', () => {
    expect(STUDY.sections.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(STUDY.models.map((m) => m.id)).toContain('digits-128-e200');
  });

  it('rejects an unknown key, naming where it is', () => {
    const d = declaration();
    d.sections[0].colour = 'red';
    expect(problems(d)).toMatch(/test\.json is not valid.*\n.*sections\.0: Unrecognized key\(s\) in object: 'colour'/);
    const top = declaration();
    top.extra = 1;
    expect(problems(top)).toMatch(/Unrecognized key\(s\) in object: 'extra'/);
  });

  it('rejects a section that names a model the study does not declare', () => {
    const d = declaration();
    d.sections[1].model = 'digits-999';
    expect(problems(d)).toMatch(/section 2 names model "digits-999", which is not in models \(declared: fashion-128, digits-128/);
  });

  it('rejects duplicate ids of sections and models', () => {
    const d = declaration();
    d.sections[9].id = '9';
    d.models.push({ ...d.models[0] });
    const msg = problems(d);
    expect(msg).toMatch(/sections: id "9" is declared twice/);
    expect(msg).toMatch(/models: id "fashion-128" is declared twice/);
  });

  it('rejects a published seed outside the trained seeds and a 2 × 2 design that is not one', () => {
    const d = declaration();
    d.models[0].publishedSeed = 7;
    const factorial = d.sections.find((s) => s.kind === 'factorial') as { models: string[] };
    factorial.models = ['digits-128', 'digits-128', 'digits-128-e200', 'digits-300'];
    const msg = problems(d);
    expect(msg).toMatch(/model "fashion-128": published seed 7 is not among its 5 seeds/);
    expect(msg).toMatch(/section 10: the four models must take two values of units and two of epochs|each combination of units and epochs must be exactly one model/);
  });
});
