/**
 * A widget's data-config from the build is checked, not cast (src/client/widget-config.ts): a config
 * that does not match says which field and how to fix it, instead of a widget failing later on undefined.
 */
import { describe, expect, it } from 'vitest';
import { drawPadConfig, parseConfig } from '../../src/client/widget-config';

const good = { dataset: 'digits', model: { url: '/models/digits-128/model.json', name: 'digits-128' }, classNames: ['0', '1'] };

describe('widget data-config', () => {
  it('accepts what the component writes', () => {
    expect(parseConfig(JSON.stringify(good), drawPadConfig)).toEqual({ config: good });
  });

  it('names the field that is wrong and says to rebuild', () => {
    const read = parseConfig(JSON.stringify({ ...good, model: { url: 3, name: 'digits-128' } }), drawPadConfig);
    expect('problem' in read && read.problem).toMatch(/\(model\.url: .+\): rebuild the site with npm run build\.$/);
  });

  it('says so when the attribute is missing or not JSON', () => {
    for (const text of [undefined, '', '{oops']) {
      const read = parseConfig(text, drawPadConfig);
      expect('problem' in read && read.problem).toMatch(/\(data-config: not JSON\)/);
    }
  });
});
