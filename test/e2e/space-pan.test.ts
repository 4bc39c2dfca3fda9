import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { shownFrame, stageTransform } from '../support/viewer-page.ts';

/** Holding Space to pan must not start playback; a tap still plays (issue #17, item 2). */
const fixtures = createFixtureStore();
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 640, height: 360, fps: 30, frames: 150, codec: 'h264', gop: 30 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

const playButton = (page: Page) => page.getByRole('button', { name: /^(Play|Pause)$/ });

describe('Space in the viewer', () => {
  it('held for a drag pans without playing; tapped, it plays', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
    await page.getByRole('textbox', { name: /Go to frame/ }).fill('10');
    await page.keyboard.press('Enter');
    await expect.poll(() => shownFrame(page)).toBe(10);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // Zoom in towards the middle of the frame.
    const box = (await page.getByTestId('viewer-stage').boundingBox())!;
    const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(middle.x, middle.y);
    const fitted = await stageTransform(page);
    for (let i = 0; i < 30 && (await stageTransform(page)).scale < fitted.scale * 3; i += 1) await page.mouse.wheel(0, -120);
    const zoomed = await stageTransform(page);
    expect(zoomed.scale).toBeGreaterThanOrEqual(fitted.scale * 3);

    // Hold Space (with key repeats), drag, release.
    await page.keyboard.down(' ');
    await page.keyboard.down(' ');
    await page.keyboard.down(' ');
    await page.mouse.down();
    await page.mouse.move(middle.x + 120, middle.y + 60, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
    await page.keyboard.up(' ');
    const panned = await stageTransform(page);
    expect(panned.x - zoomed.x).toBeCloseTo(120, 0);
    expect(panned.y - zoomed.y).toBeCloseTo(60, 0);
    await page.waitForTimeout(500);
    expect(await playButton(page).getAttribute('aria-label')).toBe('Play');
    expect(await shownFrame(page)).toBe(10);

    // A tap plays; another tap pauses.
    await page.keyboard.press(' ');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Pause');
    await expect.poll(() => shownFrame(page)).toBeGreaterThan(10);
    await page.keyboard.press(' ');
    await expect.poll(() => playButton(page).getAttribute('aria-label')).toBe('Play');
    await page.close();
  });
});
