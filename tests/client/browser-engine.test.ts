import { describe, expect, it } from 'vitest';
import { browserEngine } from '../../src/client/browser-engine.ts';

// User agents as these browsers send them (desktop and iPhone).
const UA = {
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  safari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Safari/605.1.15',
  miniBrowser: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  iosChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0.0.0 Mobile/15E148 Safari/604.1',
  iosFirefox: 'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/153.0 Mobile/15E148 Safari/605.1.15',
};

describe('browserEngine', () => {
  it('names the engine, not the brand: Edge is Chromium, every iPhone browser is WebKit', () => {
    expect(browserEngine(UA.chrome)).toBe('Chromium');
    expect(browserEngine(UA.edge)).toBe('Chromium');
    expect(browserEngine(UA.headless)).toBe('Chromium');
    expect(browserEngine(UA.firefox)).toBe('Firefox');
    expect(browserEngine(UA.safari)).toBe('WebKit');
    expect(browserEngine(UA.miniBrowser)).toBe('WebKit');
    expect(browserEngine(UA.iosChrome)).toBe('WebKit');
    expect(browserEngine(UA.iosFirefox)).toBe('WebKit');
    expect(browserEngine('curl/8.0')).toBeNull();
  });
});
