import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveProcessCount } from '../../main/media/processes.ts';
import { createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

const run = promisify(execFile);
const fixtures = createFixtureStore();
let fixture: BrowserModeFixture;
let browser: Browser;

const FPS = 240;
const SEGMENT_SECONDS = 5;
/** The long clip: 10 minutes at 240 fps. */
const TEN_MINUTES = { path: '', frames: 10 * 60 * FPS };
/**
 * Indexing 144,000 frames takes only about a second here; this one takes ~4 s, so the test can
 * watch the progress move and press Cancel well before the end.
 */
const FORTY_MINUTES = { path: '', frames: 40 * 60 * FPS };

/** A long clip made cheaply: one tiny 5 s segment, repeated by stream copy (well under a second each). */
async function loopedClip(segmentPath: string, frames: number): Promise<string> {
  const out = join(fixtures.dir, `looped-${frames}.mp4`);
  const repeats = frames / (SEGMENT_SECONDS * FPS);
  await run('ffmpeg', ['-v', 'error', '-y', '-stream_loop', String(repeats - 1), '-i', segmentPath, '-c', 'copy', out]);
  return out;
}

beforeAll(async () => {
  const segment = await fixtures.clip({ width: 64, height: 36, fps: FPS, frames: SEGMENT_SECONDS * FPS, codec: 'h264', gop: FPS });
  TEN_MINUTES.path = await loopedClip(segment.path, TEN_MINUTES.frames);
  FORTY_MINUTES.path = await loopedClip(segment.path, FORTY_MINUTES.frames);
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

/** The progress bar's value, or null while it is indeterminate. */
const progressValue = (page: Page) =>
  page
    .getByRole('progressbar')
    .evaluate((bar) => (bar.hasAttribute('value') ? (bar as HTMLProgressElement).value : null))
    .catch(() => null);

const mediaDiagnostics = () => fixture.core.handlers['media.diagnostics']({}, {});

describe('opening a long clip', () => {
  it('shows indexing progress, can be cancelled without an error or a leftover ffprobe, and opens again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    fixture.core.requestOpen(FORTY_MINUTES.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'Nederlands' }).click();

    const progress = page.getByRole('progressbar', { name: 'Video openen en elk beeld indexeren…' });
    await progress.waitFor({ timeout: 30_000 });
    // The bar moves: a known fraction, then a larger one.
    await expect.poll(() => progressValue(page), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = (await progressValue(page))!;
    await expect.poll(() => progressValue(page), { timeout: 10_000 }).toBeGreaterThan(first);
    const second = (await progressValue(page))!;
    expect(second).toBeLessThan(1);
    // Percentage and frames indexed, written the Dutch way (thousands with a dot).
    const numbers = page.getByTestId('opening-numbers');
    expect(await numbers.textContent()).toMatch(/^\d{1,3}%\d{1,3}(\.\d{3})+ beelden geïndexeerd$/);
    if (process.env.MIDSTANCE_SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.MIDSTANCE_SCREENSHOT_DIR, 'open-progress-nl.png') });
    }

    await page.getByRole('button', { name: 'Annuleren' }).click();
    const cancelled = page.getByRole('status').filter({ hasText: 'Openen is geannuleerd.' });
    await expect.poll(() => cancelled.isVisible(), { timeout: 15_000 }).toBe(true);
    // Cancelling is not a failure.
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await progress.count()).toBe(0);
    // The focus, which was on Cancel, moves to the way back.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Opnieuw openen');
    // The indexing ffprobe is stopped and reaped, and no half-opened clip stays behind in the engine.
    await expect.poll(() => liveProcessCount(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => mediaDiagnostics()).toMatchObject({ openClips: 0, liveProcesses: 0 });
    // Still nothing wrong a moment later (a late result of the cancelled open must not show up).
    await page.waitForTimeout(300);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await cancelled.isVisible()).toBe(true);
    if (process.env.MIDSTANCE_SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.MIDSTANCE_SCREENSHOT_DIR, 'open-cancelled-nl.png') });
    }

    await page.getByRole('button', { name: 'Opnieuw openen' }).click();
    await progress.waitFor({ timeout: 10_000 });
    const readout = page.getByTestId('frame-number');
    await readout.waitFor({ timeout: 60_000 });
    await expect.poll(() => readout.textContent()).toBe(`0 van 0–${FORTY_MINUTES.frames - 1}`);
    expect(await page.getByRole('slider', { name: 'Tijdlijn' }).getAttribute('aria-valuemax')).toBe(String(FORTY_MINUTES.frames - 1));
    expect(await page.getByRole('alert').count()).toBe(0);
    expect((await mediaDiagnostics()).openClips).toBe(1);
    await page.close();
  });

  it('opens a 10-minute 240 fps clip (144,000 frames) to a working viewer: deep jumps, End, backward steps', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The project of the test before is still open, so the page first returns to its place; the video handed
    // over must still end up on screen (restoring the place used to take over again after it was added).
    fixture.core.requestOpen(TEN_MINUTES.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    const readout = page.getByTestId('frame-number');
    await expect.poll(() => readout.textContent(), { timeout: 60_000 }).toBe(`0 of 0–${TEN_MINUTES.frames - 1}`);
    // Deep into the clip, stepping forward shows exact frame numbers.
    await page.getByRole('textbox', { name: /Go to frame/ }).fill('100000');
    await page.keyboard.press('Enter');
    await expect.poll(() => readout.textContent(), { timeout: 10_000 }).toBe(`100000 of 0–${TEN_MINUTES.frames - 1}`);
    await page.getByRole('textbox', { name: /Go to frame/ }).blur();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => readout.textContent(), { timeout: 10_000 }).toBe(`100001 of 0–${TEN_MINUTES.frames - 1}`);
    // End, then backwards: the shown frame's neighbours are earlier frames and each needs a decoder
    // of its own; they must never push the shown frame out ("Stopped before it finished").
    await page.keyboard.press('End');
    await expect.poll(() => readout.textContent(), { timeout: 10_000 }).toBe(`${TEN_MINUTES.frames - 1} (last)`);
    await page.getByRole('textbox', { name: /Go to frame/ }).fill('50000');
    await page.keyboard.press('Enter');
    await expect.poll(() => readout.textContent(), { timeout: 10_000 }).toBe(`50000 of 0–${TEN_MINUTES.frames - 1}`);
    await page.getByRole('textbox', { name: /Go to frame/ }).blur();
    for (let step = 1; step <= 3; step += 1) {
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => readout.textContent(), { timeout: 10_000 }).toBe(`${50000 - step} of 0–${TEN_MINUTES.frames - 1}`);
    }
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });
});
