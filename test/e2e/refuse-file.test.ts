import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { createProjectService } from '../../main/project/service.ts';
import { tempDir, writeVideo } from '../integration/project/helpers.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

/**
 * Files that are not readable videos are refused in the user's language and leave nothing behind
 * (issue #17, item 3): not from the start screen, not when added to a project.
 */
const fixtures = createFixtureStore();
let good: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;
let videos: string;
let textFile: string;
let randomFile: string;

beforeAll(async () => {
  good = await fixtures.clip({ width: 640, height: 360, fps: 30, frames: 30, codec: 'h264', gop: 15 });
  // Fresh even when MIDSTANCE_FIXTURE_DIR keeps the fixture folder between runs.
  videos = mkdtempSync(join(fixtures.dir, 'videos-'));
  textFile = join(videos, 'verslag.mp4');
  writeFileSync(textFile, 'Loopanalyse Sanne: knie valt naar binnen.\n'.repeat(40));
  randomFile = writeVideo(join(videos, 'willekeurig.mp4'), 300_000, 3);
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

const alertWith = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

async function recentVideos() {
  return (await fixture.core.handlers['recent.list']({}, {})).filter((entry) => entry.kind === 'video');
}

describe('refusing files that are not readable videos', () => {
  it('from the start screen: a clear message in the UI language, no untitled project, no recent entry', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    fixture.core.requestOpen(textFile);
    const english = alertWith(page, '"verslag.mp4" is not a video Midstance can read, or it is damaged. Nothing was added.');
    await expect.poll(() => english.isVisible(), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: '/tmp/trust/refused-en.png' });

    await page.getByRole('button', { name: 'Nederlands' }).click();
    // The message already shown follows the language.
    await expect.poll(() => alertWith(page, '"verslag.mp4" is geen video die Midstance kan lezen').isVisible()).toBe(true);
    fixture.core.requestOpen(randomFile);
    const dutch = alertWith(page, '"willekeurig.mp4" is geen video die Midstance kan lezen, of het bestand is beschadigd. Er is niets toegevoegd.');
    await expect.poll(() => dutch.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('alert').textContent()).not.toMatch(/is not a video|cannot|damaged/);
    await page.screenshot({ path: '/tmp/trust/refused-nl.png' });

    expect(await page.getByRole('button', { name: /Video openen/ }).isVisible()).toBe(true);
    expect(await fixture.core.handlers['project.current']({}, {})).toBeNull();
    expect(await fixture.core.handlers['project.listUntitled']({}, {})).toEqual([]);
    expect(await recentVideos()).toEqual([]);
    await page.close();
  });

  it('added to a project: refused, the clip list and the viewer stay on the good clip, also after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    fixture.core.requestOpen(good.path);
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });

    await page.getByRole('tab', { name: 'Clips' }).click();
    await page.getByRole('button', { name: 'Add video…' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose a file' });
    // Type only once the browser shows its first folder: a listing landing mid-fill would put its own path back.
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).not.toBe('');
    await picker.getByRole('textbox', { name: 'Folder' }).fill(videos);
    await picker.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).toBe(videos);
    await picker.getByRole('button', { name: /willekeurig\.mp4/ }).click();
    await expect.poll(() => alertWith(page, '"willekeurig.mp4" is not a video Midstance can read').isVisible(), { timeout: 15_000 }).toBe(true);

    const clips = await fixture.core.handlers['clips.list']({}, {});
    expect(clips.map((clip) => clip.absolutePath)).toEqual([good.path]);
    expect((await recentVideos()).map((entry) => entry.path)).toEqual([good.path]);
    expect(await page.getByRole('button', { name: /^Show clip / }).count()).toBe(1);
    expect(await page.getByTestId('frame-number').isVisible()).toBe(true);

    await page.reload();
    // The app returns to the open project, or offers it on the start screen.
    const frame = page.getByTestId('frame-number');
    const open = page.getByRole('button', { name: /^Open (Untitled|Naamloos)/ });
    await expect.poll(async () => (await frame.isVisible()) || (await open.isVisible()), { timeout: 30_000 }).toBe(true);
    if (!(await frame.isVisible())) await open.click();
    await frame.waitFor({ timeout: 30_000 });
    expect(await page.locator('.viewer-error').count()).toBe(0);
    await page.close();
  });
  it('a project that already holds a broken clip (made before files were checked) opens on a good clip', async () => {
    // Written by the project layer alone, which stores whatever it is given: the broken clip comes first.
    const data = tempDir('midstance-legacy-');
    const projectPath = join(mkdtempSync(join(videos, 'legacy-')), 'legacy.midstance');
    const service = createProjectService({ dataDir: data.path });
    await service.create({ path: projectPath });
    service.addClip({ path: randomFile });
    service.addClip({ path: good.path, name: 'good.mp4' });
    service.dispose();
    data.remove();

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    fixture.core.requestOpen(projectPath);
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Clips' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Show clip good.mp4' }).getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(await page.locator('.viewer-error').count()).toBe(0);
    // The broken clip is still listed, and says what is wrong when chosen.
    await page.getByRole('button', { name: 'Show clip willekeurig.mp4' }).click();
    await expect.poll(() => page.locator('.viewer-error').filter({ hasText: 'willekeurig.mp4' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.close();
  });
});
