import { defineConfig, devices } from '@playwright/test';
import { AUTH_HEADERS, E2E_TOKEN } from './e2e/access';

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // The server requires its access token on loopback too; the browser sends it on every request.
    extraHTTPHeaders: { ...AUTH_HEADERS },
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
      ],
    },
  },
  // The server `npm start` runs (scripts/server.mjs: request guard, headers, access state).
  webServer: {
    command: 'node scripts/server.mjs',
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LW_ACCESS_TOKEN: E2E_TOKEN,
    },
  },
});
