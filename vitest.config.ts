import { configDefaults, defineConfig } from 'vitest/config';
import { CHROMIUM_INSTALL, chromiumPath } from './scripts/lib/browsers/chromium.ts';

// The tests that drive Chromium (playwright-core); without a Chromium or Chrome they are left out with
// one line saying how to get one. Firefox and WebKit (tests/engines/) skip themselves the same way.
const CHROMIUM_TESTS = ['tests/widgets/**', 'tests/site/browser.test.ts', 'tests/site/overflow.test.ts', 'tests/site/print.test.ts'];
const noChromium = !chromiumPath();
if (noChromium) console.log(`Skipping the Chromium tests (${CHROMIUM_TESTS.join(', ')}): ${CHROMIUM_INSTALL}.`);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(noChromium ? CHROMIUM_TESTS : [])],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Training tests spawn worker processes and browser tests start browsers: two files at a time is what
    // a 2-core CI machine sustains without timeouts.
    maxWorkers: 2,
  },
});
