import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

/**
 * Walks the main screens in Dutch — start screen, About, viewer with its tools, every side panel tab, the shortcuts
 * overlay — and fails on English left in what the user sees (text, tooltips, placeholders, accessible names; the
 * label plates drawn on the canvas are checked by test/unit/geometry/presets.test.ts). Screenshots of each screen in both languages go to $MIDSTANCE_SHOTS
 * (default /tmp/midstance-shots).
 */
const SHOTS = process.env.MIDSTANCE_SHOTS ?? join(tmpdir(), 'midstance-shots');
const fixtures = createFixtureStore();
let fixture: BrowserModeFixture;
let browser: Browser;
let work: string;

/** English words (and English shorthand) that have no place in the Dutch UI. Key names that Dutch keyboards share are allowed. */
const ENGLISH: readonly RegExp[] = [
  /\bUntitled\b/,
  /\bSpace\b/,
  /(?<![.\w-])midstance\b/, // the stance phase; "Midstance" (the app) and ".midstance" (its files) are names
  /\b(MS|IC)\b/,
  /\b(Knee|Trunk|Shin|Overstride|Pelvic)\b/,
  /\b(left|right)\b/i,
  /\b(the|and|with|from|your|you|only|this|not|are|into|of the)\b/i,
  /\b(frames?|speed|real time|file time|capture rate|loading|warning|interior|clinical|untitled)\b/i,
  /\b(Cancel|Close|Save|Choose|Play|Pause|Zoom in|Zoom out|Fit to|Add|Remove|Show|Select|Measurements?)\b/,
  /\b(child processes|unavailable|not found)\b/i,
];

/** What the user can see or hear of the page, without paths, file names and the client's own words. */
async function visibleTexts(page: Page): Promise<string[]> {
  const raw = await page.evaluate(() => {
    const texts: string[] = [document.body.innerText];
    for (const element of document.querySelectorAll<HTMLElement>('[title], [aria-label], [placeholder]')) {
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    for (const option of document.querySelectorAll('option')) texts.push(option.textContent ?? '');
    return texts;
  });
  return raw.map((text) =>
    text
      .split(/\s+/)
      .filter((token) => !/[/\\]/.test(token) && !/\.(mp4|mov|midstance|js)\b/i.test(token))
      .join(' ')
      .replace(/Anna de Vries/g, ''),
  );
}

async function englishLeft(page: Page): Promise<string[]> {
  const found = new Set<string>();
  for (const text of await visibleTexts(page)) {
    for (const pattern of ENGLISH) {
      const match = pattern.exec(text);
      if (match) found.add(`${match[0]} — in “${text.slice(Math.max(0, match.index - 40), match.index + 40)}”`);
    }
  }
  return [...found];
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'midstance-e2e-dutch-'));
  const clip = await fixtures.clip('h264_bframes');
  // A 30 fps clip, so the capture-rate warning shows as well.
  const slow = await fixtures.clip({ width: 640, height: 360, fps: 30, frames: 60, codec: 'h264', gop: 30 });
  copyFileSync(slow.path, join(work, 'zijaanzicht.mp4'));
  copyFileSync(clip.path, join(work, 'achteraanzicht.mp4'));
  fixture = await startBrowserMode();
  browser = await launchChromium();
  const call = fixture.core.handlers;
  await call['settings.update']({ language: 'nl' }, {});
  // An untitled project (as "Open video" starts one) with a client, a session and two clips with measurements.
  await call['project.create']({}, {});
  const { record: client } = await call['clients.create']({ name: 'Anna de Vries' }, {});
  const { record: session } = await call['sessions.create']({ clientId: client.id, date: '2026-12-02' }, {});
  const { record: side } = await call['clips.add']({ path: join(work, 'zijaanzicht.mp4'), sessionId: session.id }, {});
  await call['clips.add']({ path: join(work, 'achteraanzicht.mp4'), sessionId: session.id }, {});
  const style = { color: '#FFD400', strokeWidth: 2 };
  const at = { clipId: side.id, frameIndex: 0, frameTime: 0 };
  await call['annotations.create'](
    { ...at, geometry: { kind: 'goniometer', points: [{ x: 200, y: 80 }, { x: 260, y: 180 }, { x: 220, y: 290 }] }, label: 'knee-midstance-left', style },
    {},
  );
  await call['annotations.create']({ ...at, geometry: { kind: 'angle-horizontal', points: [{ x: 420, y: 300 }, { x: 450, y: 90 }] }, label: 'trunk-midstance', style }, {});
  await call['annotations.create'](
    { ...at, geometry: { kind: 'angle-vertical', points: [{ x: 520, y: 120 }, { x: 500, y: 300 }] }, label: 'shin-initial-contact-right', style },
    {},
  );
  await call['project.close']({}, {});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the Dutch UI', () => {
  it('has no English left on the main screens, and the same walk in English shows the English texts', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(fixture.server.url);
    const english: Record<string, string[]> = {};

    for (const language of ['nl', 'en'] as const) {
      await page.getByRole('button', { name: language === 'nl' ? 'Nederlands' : 'English' }).first().click();
      const nl = language === 'nl';
      const check = async (screen: string) => {
        await shoot(page, `${screen}-${language}`);
        if (nl) english[screen] = await englishLeft(page);
        // The detector itself: the same screen in English must trip it.
        else expect((await englishLeft(page)).length, screen).toBeGreaterThan(0);
      };

      // Start screen: the untitled project is named in the UI's language.
      const untitled = page.locator('.pj-untitled-name').first();
      await expect.poll(() => untitled.textContent(), { timeout: 15_000 }).toMatch(nl ? /^Naamloos project van \d/ : /^Untitled project from \d/);
      await check('start');

      await page.getByRole('button', { name: nl ? 'Over en diagnose' : 'About and diagnostics' }).click();
      await expect.poll(() => page.getByTestId('about-ffmpeg').isVisible()).toBe(true);
      await check('about');
      await page.getByRole('button', { name: nl ? 'Sluiten' : 'Close' }).click();

      await page.getByRole('button', { name: nl ? /^Naamloos project van .* openen$/ : /^Open Untitled project from / }).first().click();
      await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByText(nl ? 'Kniehoek halverwege de steunfase — links' : 'Knee angle at midstance — left').isVisible()).toBe(true);
      await check('viewer');

      for (const tab of nl ? ['Clips', 'Cliënt & sessie', 'Tijden', 'Metingen'] : ['Clips', 'Client & session', 'Timing', 'Measurements']) {
        await page.getByRole('tab', { name: tab }).click();
        await expect.poll(() => page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
        await check(`tab-${tab.replace(/\W+/g, '-').toLowerCase()}`);
        if (tab.startsWith('Client') || tab.startsWith('Cliënt')) {
          // The session date is written the way the UI writes dates, not in the browser's own pattern.
          const date = page.getByRole('textbox', { name: nl ? 'Datum' : 'Date' });
          await expect.poll(() => date.inputValue()).toBe(nl ? '2 dec 2026' : '2 Dec 2026');
          expect(await date.getAttribute('type')).toBe('text');
        }
      }

      await page.keyboard.press('?');
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('dialog').innerText()).toContain(nl ? 'Spatiebalk' : 'Space');
      await check('shortcuts');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: nl ? 'Terug naar start' : 'Back to start' }).click();
    }

    expect(english).toEqual({ start: [], about: [], viewer: [], 'tab-clips': [], 'tab-cli-nt-sessie': [], 'tab-tijden': [], 'tab-metingen': [], shortcuts: [] });
    await page.close();
  });

  it('reads a session date typed the Dutch way and saves it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'Nederlands' }).first().click();
    await page.getByRole('button', { name: /^Naamloos project van .* openen$/ }).first().click();
    await page.getByRole('tab', { name: 'Cliënt & sessie' }).click();
    const date = page.getByRole('textbox', { name: 'Datum' });
    await date.fill('3-12-26');
    await date.blur();
    await expect.poll(() => date.inputValue()).toBe('3 dec 2026');
    await expect
      .poll(async () => (await fixture.core.handlers['sessions.list']({}, {})).map((session) => session.date))
      .toEqual(['2026-12-03']);
    await date.fill('31-2-2026');
    await expect.poll(() => page.getByText('Typ een datum zoals 2-12-2026').isVisible()).toBe(true);
    await page.close();
  });
});
