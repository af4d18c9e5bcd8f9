import { defineConfig } from '@playwright/test';
import { SUITE_URL } from './tests/suite';

// WEERBAARHEID_WEB_URL=http://localhost:8080 tests a suite that is already running; otherwise the global
// setup builds the UI and starts an isolated suite on its own ports (tests/suite.ts) and the teardown stops it.
const external = process.env.WEERBAARHEID_WEB_URL?.replace(/\/+$/, '');

export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
  ...(external ? {} : { globalSetup: './tests/global-setup.ts', globalTeardown: './tests/global-teardown.ts' }),
  use: {
    baseURL: external ?? SUITE_URL,
    headless: true,
    trace: 'off',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    video: 'off',
    screenshot: 'on',
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 900 } } }],
});
