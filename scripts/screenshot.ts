// Dev aid: screenshot browser mode at a given state. Usage: node scripts/screenshot.ts OUT.png [--lang en]
import { startBrowserMode } from '../test/support/browser-mode.ts';
import { launchChromium } from '../test/support/chromium.ts';

const out = process.argv[2] ?? 'screenshot.png';
const fixture = await startBrowserMode();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (message) => console.log('console:', message.type(), message.text()));
  await page.goto(fixture.server.url);
  await page.getByRole('heading', { name: 'Midstance' }).waitFor();
  if (process.argv.includes('--lang')) await page.getByRole('button', { name: process.argv[process.argv.indexOf('--lang') + 1] === 'en' ? 'English' : 'Nederlands' }).click();
  await page.screenshot({ path: out });
  console.log('wrote', out);
} finally {
  await browser.close();
  await fixture.stop();
}
