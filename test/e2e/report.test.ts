import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureStore } from '../fixtures/clips.ts';
import { buildReportProject } from '../integration/report/report-project.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

/** Set to a folder to keep screenshots of the report dialog in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
const fixtures = createFixtureStore();
let work: string;
let fixture: BrowserModeFixture;
let browser: Browser;
let projectPath: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'midstance-report-e2e-'));
  const clip = await fixtures.clip('slowmo_android');
  const video = join(work, 'side.mp4');
  copyFileSync(clip.path, video);
  projectPath = (await buildReportProject(work, { path: video, width: 640, height: 360, frames: 60 })).path;
  fixture = await startBrowserMode();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
  rmSync(work, { recursive: true, force: true });
});

async function openProject(language: 'English' | 'Nederlands'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  fixture.core.requestOpen(projectPath);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
  return page;
}

describe('Report: preview of the pages, then save', () => {
  it('shows every page of the PDF in the dialog and saves those bytes where the user chose (browser mode)', async () => {
    const page = await openProject('English');
    const button = page.getByRole('button', { name: 'Report', exact: true });
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Session report' });
    const pages = dialog.locator('.report-page canvas');
    await expect.poll(() => pages.count(), { timeout: 60_000 }).toBeGreaterThan(2);
    // Pages may still be added while the first ones are drawn: the canvases and the count must agree in the end.
    await expect.poll(async () => dialog.getByText(new RegExp(`^${await pages.count()} pages · `)).isVisible()).toBe(true);
    // The first page is really painted (not a blank canvas): some of its pixels are dark text.
    await expect
      .poll(
        () =>
          pages.first().evaluate((canvas: HTMLCanvasElement) => {
            const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height / 3).data;
            let dark = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i]! < 80 && data[i + 1]! < 80 && data[i + 2]! < 80) dark++;
            return dark;
          }),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(500);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'report-en.png') });

    await dialog.getByRole('button', { name: 'Save PDF…' }).click();
    const picker = page.getByRole('dialog', { name: 'Save the report' });
    const target = mkdtempSync(join(work, 'out-'));
    // Type only once the browser shows its first folder: a listing landing mid-fill would put its own path back.
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).not.toBe('');
    await picker.getByRole('textbox', { name: 'Folder' }).fill(target);
    await picker.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).toBe(target);
    await picker.getByRole('textbox', { name: 'File name' }).fill('Anneke');
    await picker.getByRole('button', { name: 'Save PDF' }).click();
    await expect.poll(() => dialog.getByText(/^Saved as /).isVisible(), { timeout: 15_000 }).toBe(true);
    const saved = join(target, 'Anneke.pdf');
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(target)).toEqual(['Anneke.pdf']);
    // Saving again under the same name asks first, in words about a report; only then is the file replaced.
    await dialog.getByRole('button', { name: 'Save PDF…' }).click();
    // Type only once the browser shows its first folder: a listing landing mid-fill would put its own path back.
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).not.toBe('');
    await picker.getByRole('textbox', { name: 'Folder' }).fill(target);
    await picker.getByRole('button', { name: 'Go' }).click();
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).toBe(target);
    await expect.poll(() => picker.getByRole('button', { name: /Anneke\.pdf/ }).isVisible()).toBe(true);
    await picker.getByRole('textbox', { name: 'File name' }).fill('Anneke');
    await picker.getByRole('button', { name: 'Save PDF' }).click();
    await expect.poll(() => picker.getByText('“Anneke.pdf” already exists in this folder. Replace it with this report?').isVisible()).toBe(true);
    writeFileSync(saved, 'old');
    await picker.getByRole('button', { name: 'Replace it' }).click();
    await expect.poll(() => readFileSync(saved).subarray(0, 5).toString(), { timeout: 15_000 }).toBe('%PDF-');
    expect(readdirSync(target)).toEqual(['Anneke.pdf']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.close();
  }, 180_000);

  it('takes the practice logo from a picture chosen in the folder browser and prints the practice name', async () => {
    const pictures = mkdtempSync(join(work, 'logo-'));
    const logo = join(pictures, 'logo.png');
    expect(spawnSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'color=c=0x1F5F8B:s=240x84', '-frames:v', '1', logo]).status).toBe(0);
    writeFileSync(join(pictures, 'notes.txt'), 'not a picture');
    const page = await openProject('English');
    const button = page.getByRole('button', { name: 'Report', exact: true });
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Session report' });
    await expect.poll(() => dialog.locator('.report-page canvas').count(), { timeout: 60_000 }).toBeGreaterThan(2);
    await dialog.getByRole('textbox', { name: 'Practice name' }).fill('Fysiotherapie De Loper');
    await dialog.getByRole('button', { name: 'Choose…' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose the practice logo' });
    // Type only once the browser shows its first folder: a listing landing mid-fill would put its own path back.
    await expect.poll(() => picker.getByRole('textbox', { name: 'Folder' }).inputValue()).not.toBe('');
    await picker.getByRole('textbox', { name: 'Folder' }).fill(pictures);
    await picker.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(() => picker.getByText('1 other file is not shown: only folders and PNG or JPEG pictures are listed.').isVisible()).toBe(true);
    await picker.getByRole('button', { name: /logo\.png/ }).click();
    await expect.poll(() => dialog.getByText('logo.png', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => fixture.core.handlers['settings.get']({}, {})).toMatchObject({ practiceName: 'Fysiotherapie De Loper', practiceLogoPath: logo });
    await dialog.getByRole('button', { name: 'Make again' }).click();
    await expect.poll(() => dialog.getByText(/^\d+ pages · /).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => dialog.locator('.report-warnings').count()).toBe(0);
    await expect.poll(() => dialog.locator('.report-page canvas').count(), { timeout: 60_000 }).toBeGreaterThan(2);
    if (screenshots) {
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(screenshots, 'report-logo-en.png') });
    }
    await fixture.core.handlers['settings.update']({ practiceName: '', practiceLogoPath: null }, {});
    await page.close();
  }, 180_000);

  it('in Dutch: the report is made in Dutch, and Cancel stops it without writing anything', async () => {
    const page = await openProject('Nederlands');
    const button = page.getByRole('button', { name: 'Verslag', exact: true });
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Sessieverslag' });
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await expect.poll(() => dialog.getByText('Het verslag is geannuleerd. Er is niets opgeslagen.').isVisible(), { timeout: 15_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Opnieuw maken' }).click();
    await expect.poll(() => dialog.locator('.report-page canvas').count(), { timeout: 60_000 }).toBeGreaterThan(2);
    await expect.poll(() => dialog.getByText(/pagina’s · /).isVisible()).toBe(true);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'report-nl.png') });
    expect(existsSync(join(work, 'out-nl'))).toBe(false);
    await page.close();
  }, 180_000);
});
