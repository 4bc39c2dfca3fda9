import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

/** The in-app file browser of browser mode: where it starts, what it lists, and a path typed while it loads. */
const fixtures = createFixtureStore();
let fixture: BrowserModeFixture;
let browser: Browser;
let work: string;
let practice: string;
let videos: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'midstance-e2e-files-'));
  practice = join(work, 'practice');
  videos = join(work, 'filmed');
  mkdirSync(practice);
  mkdirSync(videos);
  const clip = await fixtures.clip({ width: 320, height: 240, fps: 30, frames: 30, codec: 'h264', gop: 15 });
  copyFileSync(clip.path, join(practice, 'next to project.mp4'));
  copyFileSync(clip.path, join(videos, 'run.mp4'));
  writeFileSync(join(videos, 'notes.txt'), 'not a video');
  writeFileSync(join(videos, 'plan.pdf'), 'not a video either');
  utimesSync(join(videos, 'run.mp4'), new Date('2026-11-05T09:30:00Z'), new Date('2026-11-05T09:30:00Z'));
  mkdirSync(join(work, 'empty-of-videos'));
  writeFileSync(join(work, 'empty-of-videos', 'readme.txt'), 'x');
  fixture = await startBrowserMode();
  browser = await launchChromium();
  await fixture.core.handlers['settings.update']({ language: 'en' }, {});
  await fixture.core.handlers['project.create']({ path: join(practice, 'Praktijk.midstance') }, {});
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openVideoPicker(page: Page) {
  await page.getByRole('tab', { name: 'Clips' }).click();
  await page.getByRole('button', { name: 'Add video…' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose a file' });
  await expect.poll(() => picker.isVisible()).toBe(true);
  return picker;
}

describe('in-app file browser', () => {
  it('starts in the project’s folder, then in the folder last used; lists sizes and dates and says what is filtered', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(fixture.server.url);
    let picker = await openVideoPicker(page);
    const path = picker.getByRole('textbox', { name: 'Folder' });
    // No video used yet: the project's folder, not the home folder.
    await expect.poll(() => path.inputValue()).toBe(practice);
    await expect.poll(() => picker.getByRole('button', { name: /next to project\.mp4/ }).isVisible()).toBe(true);

    // A folder with nothing of the kind wanted says what it shows.
    await path.fill(join(work, 'empty-of-videos'));
    await picker.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => picker.getByText('No videos in this folder.').isVisible()).toBe(true);
    await expect.poll(() => picker.getByTestId('files-hidden').textContent()).toMatch(/^1 other file is not shown: only folders and videos \(MP4, MOV/);

    await path.fill(videos);
    await picker.getByRole('button', { name: 'Go' }).click();
    const run = picker.getByRole('button', { name: /run\.mp4/ });
    await expect.poll(() => run.isVisible()).toBe(true);
    const size = statSync(join(videos, 'run.mp4')).size;
    const kilobytes = size / 1000;
    const expectedSize = `${kilobytes >= 100 ? Math.round(kilobytes) : kilobytes.toFixed(1)} kB`;
    await expect.poll(() => run.locator('.file-size').textContent()).toBe(expectedSize);
    await expect.poll(() => run.locator('.file-date').textContent()).toMatch(/^5 Nov 2026, \d\d:30$/);
    await expect.poll(() => picker.getByTestId('files-hidden').textContent()).toMatch(/^2 other files are not shown/);
    await run.click();
    // Adding probes the file first (header and first pictures), which takes a moment on a busy machine.
    await expect.poll(() => page.getByRole('button', { name: 'Show clip run.mp4' }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    // The next time: the folder of the video used last.
    picker = await openVideoPicker(page);
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).toBe(videos);

    // Dutch: the date and size follow the UI language.
    await picker.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('tab', { name: 'Clips' }).click();
    await page.getByRole('button', { name: 'Video toevoegen…' }).click();
    picker = page.getByRole('dialog', { name: 'Kies een bestand' });
    const nlRun = picker.getByRole('button', { name: /run\.mp4/ });
    await expect.poll(() => nlRun.locator('.file-size').textContent()).toBe(expectedSize.replace('.', ','));
    await expect.poll(() => nlRun.locator('.file-date').textContent()).toMatch(/^5 nov 2026,? \d\d:30$/);
    await page.screenshot({ path: '/tmp/uxapp/file-browser-nl.png' });
    // Back to English for the next test (the language buttons sit behind the open picker: a click would wait 30 s).
    await fixture.core.handlers['settings.update']({ language: 'en' }, {});
    await page.close();
  });

  it('keeps a path typed into the path box while the first folder is still loading', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    // The clip added above opens first (the side panel is rebuilt once it is ready).
    await page.getByTestId('frame-number').waitFor();
    // Hold back the first folder listing, as a slow network drive would.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    await page.route('**/api/files.list', async (route) => {
      if (first) {
        first = false;
        await held;
      }
      await route.continue();
    });
    await page.getByRole('tab', { name: 'Clips' }).click();
    await page.getByRole('button', { name: 'Add video…' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose a file' });
    const path = picker.getByRole('textbox', { name: 'Folder' });
    await path.fill(join(work, 'empty-of-videos'));
    release();
    await expect.poll(() => picker.getByRole('button', { name: /run\.mp4/ }).isVisible()).toBe(true);
    await page.waitForTimeout(200);
    expect(await path.inputValue()).toBe(join(work, 'empty-of-videos'));
    await picker.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => picker.getByText('No videos in this folder.').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/uxapp/file-browser-en.png' });
    await page.close();
  });
});
