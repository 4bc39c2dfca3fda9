import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWalkerClip } from '../fixtures/walker-clip.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

/** Set to a folder to keep screenshots of the landmarks bar in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
let dir: string;
let clip: string;
let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-e2e-pose-'));
  clip = await makeWalkerClip(dir);
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page, language: 'English' | 'Nederlands') {
  fixture.core.requestOpen(clip);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
}

describe('Detect landmarks (browser mode)', () => {
  it('cancels, then detects with progress and says what was proposed; the second time it answers from the project', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(page, 'English');
    const bar = page.getByRole('group', { name: 'Landmarks' });
    await bar.getByRole('button', { name: 'Detect landmarks' }).click();
    await expect.poll(() => bar.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Frame \d+ of 20/);
    await bar.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => bar.getByRole('status').textContent(), { timeout: 30_000 }).toBe('Stopped. Nothing was saved.');

    await bar.getByRole('button', { name: 'Detect landmarks' }).click();
    await expect.poll(() => bar.getByRole('status').textContent(), { timeout: 60_000 }).toContain('12 landmarks proposed on 20 frames.');
    if (screenshots) await page.screenshot({ path: join(screenshots, 'pose-en.png') });
    const clips = await fixture.core.handlers['clips.list']({}, {});
    const tracks = await fixture.core.handlers['tracks.list']({ clipId: clips[0]!.id }, {});
    expect(tracks.filter((track) => track.source === 'pose' && track.status === 'proposed')).toHaveLength(12);
    await page.close();

    const dutch = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(dutch, 'Nederlands');
    const balk = dutch.getByRole('group', { name: 'Lichaamspunten' });
    await balk.getByRole('button', { name: 'Lichaamspunten herkennen' }).click();
    await expect.poll(() => balk.getByRole('status').textContent(), { timeout: 30_000 }).toBe(
      'De lichaamspunten van deze clip zijn al herkend; ze staan in het project.',
    );
    await expect.poll(() => balk.getByRole('button', { name: 'Opnieuw herkennen' }).count()).toBe(1);
    if (screenshots) await dutch.screenshot({ path: join(screenshots, 'pose-nl.png') });
    await dutch.close();
  });
});
