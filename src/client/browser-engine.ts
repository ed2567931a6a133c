/**
 * Which engine runs this page, for the words a reader sees ("… in WebKit"): reproducibility is a claim
 * about the engine, and Chrome, Edge and Opera share one, while every browser on an iPhone or iPad uses
 * WebKit whatever its name. From the user agent: the engines expose no better signal to a page.
 */
export type BrowserEngine = 'Chromium' | 'Firefox' | 'WebKit';

export function browserEngine(userAgent: string): BrowserEngine | null {
  // Order matters: Chromium's user agent also says AppleWebKit and Safari; iOS's Chrome (CriOS) and
  // Firefox (FxiOS) say neither Chrome/ nor Firefox/ and are WebKit.
  if (/\b(Chrome|Chromium|HeadlessChrome)\//.test(userAgent)) return 'Chromium';
  if (/\bFirefox\//.test(userAgent) && /\bGecko\//.test(userAgent)) return 'Firefox';
  if (/\bAppleWebKit\//.test(userAgent)) return 'WebKit';
  return null;
}

/** "Chromium (Chrome, Edge)", "Firefox (Gecko)", "WebKit (Safari)", or "this browser" when unknown. */
export function engineLabel(engine: BrowserEngine | null): string {
  if (engine === 'Chromium') return 'Chromium (the engine of Chrome and Edge)';
  if (engine === 'Firefox') return 'Firefox (Gecko)';
  if (engine === 'WebKit') return 'WebKit (the engine of Safari)';
  return 'this browser';
}
