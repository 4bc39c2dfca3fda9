// Dev aid: open a generated clip in browser mode, draw a goniometer and screenshot. Usage: node scripts/screenshot-viewer.ts OUT.png
import { startBrowserMode } from '../test/support/browser-mode.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { createFixtureStore } from '../test/fixtures/clips.ts';

const out = process.argv[2] ?? 'viewer.png';
const fixtures = createFixtureStore();
const clip = await fixtures.clip({ width: 1280, height: 720, fps: 120, frames: 120, codec: 'h264', gop: 60 });
const fixture = await startBrowserMode();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (message) => console.log('console:', message.type(), message.text()));
  page.on('pageerror', (error) => console.log('pageerror:', error.message));
  fixture.core.requestOpen(clip.path);
  await page.goto(fixture.server.url);
  await page.getByTestId('frame-number').waitFor({ timeout: 30000 });
  await page.getByRole('textbox', { name: /Naar beeld|Go to/ }).fill('42');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=frame-number]')?.textContent?.startsWith('42'));
  await page.getByRole('button', { name: 'Goniometer' }).click();
  const box = (await page.getByTestId('viewer-stage').boundingBox())!;
  for (const [x, y] of [[0.3, 0.3], [0.5, 0.6], [0.75, 0.35]]) {
    await page.mouse.click(box.x + box.width * x!, box.y + box.height * y!);
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log('wrote', out);
} finally {
  await browser.close();
  await fixture.stop();
  fixtures.dispose();
}
