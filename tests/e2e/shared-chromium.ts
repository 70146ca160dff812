// Global setup of the e2e project: one headless Chromium for every browser test file. Each file connects
// to it (tests/e2e/harness.ts launchBrowser) instead of starting its own, which on two cores costs seconds
// per file and competes with the page under test.
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../../server/export/renderer'

export const CHROMIUM_ENDPOINT_ENV = 'ATLAS_TEST_CHROMIUM_WS'

export default async function startSharedChromium(): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
  // Workers start after global setup and inherit the environment.
  process.env[CHROMIUM_ENDPOINT_ENV] = server.wsEndpoint()
  return async () => {
    delete process.env[CHROMIUM_ENDPOINT_ENV]
    await server.close()
  }
}
