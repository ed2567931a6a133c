import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Training tests spawn worker processes and browser tests start Chromium: two files at a time is what
    // a 2-core CI machine sustains without timeouts.
    maxWorkers: 2,
  },
});
