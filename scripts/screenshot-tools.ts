// Dev aid: draw one of every tool on a generated clip and screenshot. Usage: node scripts/screenshot-tools.ts OUT.png [--zoom]
import { startBrowserMode } from '../test/support/browser-mode.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { createFixtureStore } from '../test/fixtures/clips.ts';

const out = process.argv[2] ?? 'tools.png';
const fixtures = createFixtureStore();
const clip = await fixtures.clip({ width: 1280, height: 720, fps: 120, frames: 60, codec: 'h264', gop: 60 });
const fixture = await startBrowserMode();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.log('pageerror:', error.message));
  fixture.core.requestOpen(clip.path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30000 });
  const stage = page.getByTestId('viewer-stage');
  const at = async (x: number, y: number) => {
    const box = (await stage.boundingBox())!;
    const t = JSON.parse((await stage.getAttribute('data-transform'))!) as { scale: number; x: number; y: number };
    return [box.x + x * t.scale + t.x, box.y + y * t.scale + t.y] as const;
  };
  const draw = async (tool: string, points: [number, number][]) => {
    await page.getByRole('button', { name: tool, exact: true }).click();
    for (const [x, y] of points) {
      const [sx, sy] = await at(x, y);
      await page.mouse.click(sx, sy);
    }
    await page.waitForTimeout(150);
  };
  await draw('Goniometer', [[300, 250], [380, 420], [300, 600]]);
  await draw('Angle to horizontal', [[520, 620], [600, 300]]);
  await draw('Angle to vertical', [[700, 620], [760, 320]]);
  await draw('Line', [[850, 500], [1100, 560]]);
  await draw('Calibration ruler', [[850, 650], [1150, 650]]);
  await page.keyboard.type('180');
  await page.keyboard.press('Tab');
  await draw('Marker', [[1000, 300]]);
  await draw('Text note', [[150, 120]]);
  await page.keyboard.type('Heel lands ahead of the hip');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(300);
  if (process.argv.includes('--zoom')) {
    const [sx, sy] = await at(380, 420);
    await page.mouse.move(sx, sy);
    for (let i = 0; i < 8; i += 1) await page.mouse.wheel(0, -120);
    await page.waitForTimeout(800);
  }
  await page.screenshot({ path: out });
  console.log('wrote', out);
} finally {
  await browser.close();
  await fixture.stop();
  fixtures.dispose();
}
