import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../common/export/csv.ts';
import { createFixtureStore } from '../fixtures/clips.ts';
import { buildExportProject, FAST_CLIP, type ExportProjectFixture } from '../integration/export/export-project.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { shownFrame } from '../support/viewer-page.ts';

const fixtures = createFixtureStore();
/** Set to a folder to keep screenshots of the Export dialog and its progress in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
let fixture: BrowserModeFixture;
let browser: Browser;
let project: ExportProjectFixture;
let projectDir: string;

const TEXT = {
  en: { language: 'English', export: 'Export', goTo: /Go to frame/, csv: 'Save CSV…', video: 'Save video…', save: 'Save', from: 'From frame', to: 'to frame', speed: 'Speed', hold: 'Hold frames with drawings', cancel: 'Cancel', cancelled: /Export cancelled/, saved: /Saved \d+ rows? to/, encoding: /Encoding video/ },
  nl: { language: 'Nederlands', export: 'Exporteren', goTo: /Naar beeld/, csv: 'CSV opslaan…', video: 'Video opslaan…', save: 'Opslaan', from: 'Van beeld', to: 'tot beeld', speed: 'Snelheid', hold: 'Beelden met tekeningen vasthouden', cancel: 'Annuleren', cancelled: /Export geannuleerd/, saved: /regels? opgeslagen in/, encoding: /Video coderen/ },
} as const;

beforeAll(async () => {
  const [fast, slow] = await Promise.all([fixtures.clip(FAST_CLIP), fixtures.clip('slowmo_android')]);
  fixture = await startBrowserMode();
  browser = await launchChromium();
  projectDir = join(fixture.dataDir, 'practice');
  mkdirSync(projectDir);
  project = await buildExportProject(projectDir, fast.path, slow.path);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

const pages: Page[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close().catch(() => {});
});

async function openAtFrame(language: 'en' | 'nl', frame: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  pages.push(page);
  fixture.core.requestOpen(project.path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: TEXT[language].language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
  await page.getByRole('textbox', { name: TEXT[language].goTo }).fill(String(frame));
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrame(page)).toBe(frame);
  return page;
}

/** Answers the in-app file browser (browser mode): the offered name, in the project's folder. */
async function confirmSave(page: Page, language: 'en' | 'nl', name: string) {
  const browserDialog = page.locator('dialog.file-dialog');
  await browserDialog.waitFor();
  await browserDialog.getByLabel(/File name|Bestandsnaam/).fill(name);
  await browserDialog.getByRole('button', { name: TEXT[language].save, exact: true }).click();
}

describe('Export dialog (browser mode)', () => {
  for (const language of ['en', 'nl'] as const) {
    it(`${language}: CSV of the clip into the chosen file; a slowed video shows its progress and Cancel leaves no file`, async () => {
      const text = TEXT[language];
      const page = await openAtFrame(language, 20);
      await page.getByRole('button', { name: text.export, exact: true }).click();
      const dialog = page.locator('dialog.export-dialog');
      await dialog.waitFor();
      if (screenshots) await page.screenshot({ path: join(screenshots, `export-dialog-${language}.png`) });

      // CSV: the Dutch dialect is offered first in Dutch; save it under a name of our own.
      await dialog.getByRole('button', { name: text.csv }).click();
      const csvName = `meting-${language}-${Date.now()}`;
      await confirmSave(page, language, csvName);
      await expect.poll(async () => (await dialog.locator('.export-status').textContent()) ?? '').toMatch(text.saved);
      const csvPath = join(projectDir, `${csvName}.csv`);
      const dialect = language === 'nl' ? 'nl' : 'standard';
      const rows = parseCsv(readFileSync(csvPath, 'utf8'), dialect);
      expect(rows[0]![4]).toBe(language === 'nl' ? 'beeld' : 'frame');
      expect(rows.length).toBe(1 + 3 + 8);

      // Video: a long export (every frame of the clip at 1/16, drawings held 5 s) to be cancelled midway.
      await dialog.getByLabel(text.from, { exact: true }).fill('0');
      await dialog.getByLabel(text.to, { exact: true }).fill('119');
      await dialog.getByLabel(text.speed).selectOption('16');
      await dialog.getByLabel(text.hold).selectOption('5');
      await dialog.getByRole('button', { name: text.video }).click();
      const videoName = `video-${language}-${Date.now()}`;
      await confirmSave(page, language, videoName);
      await dialog.locator('.export-status.running').getByText(text.encoding).waitFor({ timeout: 20_000 });
      // Somewhere in the middle: the bar moves with the encoder's progress.
      await expect.poll(async () => Number(/(\d+) %/.exec((await dialog.locator('.export-status').textContent()) ?? '')?.[1] ?? 0), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
      if (screenshots) await page.screenshot({ path: join(screenshots, `export-progress-${language}.png`) });
      await dialog.getByRole('button', { name: text.cancel, exact: true }).click();
      await dialog.locator('.export-status').getByText(text.cancelled).waitFor({ timeout: 10_000 });
      expect(existsSync(join(projectDir, `${videoName}.mp4`))).toBe(false);
      expect(readdirSync(projectDir).filter((name) => name.includes('.part'))).toEqual([]);
    });
  }
});
