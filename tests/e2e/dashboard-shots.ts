// Screenshots of the dashboard for a person to look at (not a test): npx tsx tests/e2e/dashboard-shots.ts URL OUTDIR [query...]
import { launchBrowser, openAtlasPage } from './harness'

const [base, outDir, ...queries] = process.argv.slice(2)
const browser = await launchBrowser()
try {
  for (const [i, query] of (queries.length > 0 ? queries : ['']).entries()) {
    const { page, consoleErrors } = await openAtlasPage(browser, `${base}/${query}`)
    await page.waitForTimeout(500)
    await page.screenshot({ path: `${outDir}/shot-${i}.png` })
    console.log(i, query, page.url(), consoleErrors)
    await page.close()
  }
} finally {
  await browser.close()
}
