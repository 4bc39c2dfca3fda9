import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { clickImagePoint } from '../support/viewer-page.ts';

/**
 * Typed text reaches the disk while it is typed, and the header never says "saved" while it has not
 * (issue #17, item 1). The core runs in this process, so "on disk" is read straight from the project file.
 */
const fixtures = createFixtureStore();
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 640, height: 360, fps: 30, frames: 30, codec: 'h264', gop: 15 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

async function storedNote(): Promise<{ text: string; label: string | null } | null> {
  const clips = await fixture.core.handlers['clips.list']({}, {});
  if (!clips[0]) return null;
  const notes = (await fixture.core.handlers['annotations.list']({ clipId: clips[0].id }, {})).filter((a) => a.geometry.kind === 'text');
  const note = notes[0];
  return note && note.geometry.kind === 'text' ? { text: note.geometry.text, label: note.label } : null;
}

async function openClip(page: Page) {
  fixture.core.requestOpen(clip.path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
}

/** After a reload: back in the untitled project (the app returns to it, or it is opened from the start screen), on its clip. */
async function reopen(page: Page) {
  await page.getByRole('button', { name: 'English' }).click();
  const frame = page.getByTestId('frame-number');
  const open = page.getByRole('button', { name: /^Open (Untitled|Naamloos)/ });
  await expect.poll(async () => (await frame.isVisible()) || (await open.isVisible()), { timeout: 30_000 }).toBe(true);
  if (!(await frame.isVisible())) await open.click();
  await frame.waitFor({ timeout: 30_000 });
}

const saveStatus = (page: Page) => page.locator('.pj-status-text');

/**
 * The header's status texts from now on, in order. "Saving…" lasts only from a keystroke until the 400 ms pause
 * save is acknowledged, so reading the header once after typing misses it on a busy machine; the log does not.
 */
async function statusTexts(page: Page): Promise<() => Promise<string[]>> {
  const key = `statusLog${Math.random().toString(36).slice(2)}`;
  await page.evaluate((key) => {
    const log: string[] = [];
    (window as unknown as Record<string, string[]>)[key] = log;
    const record = () => {
      const text = document.querySelector('.pj-status-text')?.textContent ?? '';
      if (log.at(-1) !== text) log.push(text);
    };
    record();
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, key);
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}

/**
 * Every time the header starts to say "All changes saved", the page asks the test whether the note field's
 * text is on disk at that moment; the answers are collected here.
 */
async function watchSavedClaims(page: Page): Promise<{ claims: { typed: string; stored: string | null }[] }> {
  const log = { claims: [] as { typed: string; stored: string | null }[] };
  await page.exposeFunction('savedClaimed', async (typed: string) => {
    log.claims.push({ typed, stored: (await storedNote())?.text ?? null });
  });
  await page.evaluate(() => {
    let last = '';
    const check = () => {
      const status = [...document.querySelectorAll('[role=status]')].find((el) => /saved|Saving|Not saved/.test(el.textContent ?? ''));
      const text = status?.textContent ?? '';
      const field = [...document.querySelectorAll('textarea')].find((el) => el.labels?.[0]?.textContent === 'Note');
      if (text !== last && /All changes saved/.test(text) && field) {
        void (window as unknown as { savedClaimed(typed: string): Promise<void> }).savedClaimed(field.value);
      }
      last = text;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return log;
}

describe('autosave of typed text', () => {
  it('saves a note typed without leaving the field; the header says "Saving…" until it is on disk', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openClip(page);
    await page.getByRole('button', { name: 'Text note', exact: true }).click();
    await clickImagePoint(page, { x: 200, y: 150 });
    const note = page.getByRole('textbox', { name: 'Note', exact: true });
    await expect.poll(() => note.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => storedNote()).not.toBeNull();
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved/);
    const log = await watchSavedClaims(page);

    const typed = 'Heel lands far in front of the hip';
    let statuses = await statusTexts(page);
    await page.keyboard.type(typed.slice(0, 10), { delay: 20 });
    // While typing, the header does not claim the text is saved.
    expect(await statuses()).toContain('Saving…');
    // A pause mid-sentence saves what is there so far.
    await expect.poll(() => storedNote().then((n) => n?.text)).toBe(typed.slice(0, 10));
    statuses = await statusTexts(page);
    await page.keyboard.type(typed.slice(10), { delay: 20 });
    expect(await statuses()).toContain('Saving…');

    // A pause without leaving the field: on disk, and the header says so.
    await expect.poll(() => storedNote().then((n) => n?.text)).toBe(typed);
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/^All changes saved · \d{2}:\d{2}:\d{2}$/);
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    for (const claim of log.claims) expect(claim.stored).toBe(claim.typed);
    expect(log.claims.length).toBeGreaterThan(0);

    // One typing burst is one undo step (not one per pause), and the field follows undo and redo.
    await note.evaluate((el) => (el as HTMLElement).blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => storedNote().then((n) => n?.text)).toBe('');
    await expect.poll(() => note.inputValue()).toBe('');
    expect(await storedNote()).not.toBeNull();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => storedNote().then((n) => n?.text)).toBe(typed);
    await expect.poll(() => note.inputValue()).toBe(typed);

    // The note on the frame shows the text too, and survives a reload.
    await page.reload();
    await reopen(page);
    await page.getByRole('button', { name: /Text note/ }).filter({ hasText: '#' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Note', exact: true }).inputValue()).toBe(typed);
    await page.close();
  });

  it('keeps text typed just before a reload (sent on pagehide), in the note and its own label', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(fixture.server.url);
    await reopen(page);
    await page.getByRole('button', { name: /Text note/ }).filter({ hasText: '#' }).click();
    const note = page.getByRole('textbox', { name: 'Note', exact: true });
    await expect.poll(() => note.isVisible()).toBe(true);
    const log = await watchSavedClaims(page);

    await note.click();
    await page.keyboard.press('End');
    await page.keyboard.type(', knee straight', { delay: 10 });
    const typed = await note.inputValue();
    // No pause, no blur: reload at once.
    await page.reload();
    await expect.poll(() => storedNote().then((n) => n?.text)).toBe(typed);
    for (const claim of log.claims) expect(claim.stored).toBe(claim.typed);

    // The same for a label typed into "Own label…".
    await reopen(page);
    await page.getByRole('button', { name: /Text note/ }).filter({ hasText: '#' }).click();
    await page.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'Own label…' });
    const label = page.getByRole('textbox', { name: 'Own label…' });
    await expect.poll(() => label.evaluate((el) => el === document.activeElement)).toBe(true);
    const statuses = await statusTexts(page);
    await page.keyboard.type('Foot strike ', { delay: 10 });
    expect(await statuses()).toContain('Saving…');
    await page.reload();
    await expect.poll(() => storedNote().then((n) => n?.label)).toBe('Foot strike');
    await page.close();
  });
  it('project fields: a pause after a space keeps the space, text typed right before a reload is stored, a new-client form is not "saved"', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(fixture.server.url);
    await reopen(page);

    await page.getByRole('tab', { name: 'Clips' }).click();
    await page.getByRole('button', { name: 'Name, file and removal' }).click();
    const name = page.getByRole('textbox', { name: 'Name', exact: true });
    await name.click();
    await name.selectText();
    const statuses = await statusTexts(page);
    await page.keyboard.type('Side view ', { delay: 10 });
    expect(await statuses()).toContain('Saving…');
    // The pause saves "Side view" (trimmed); the field keeps the typed space.
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/^All changes saved/);
    await page.keyboard.type('left', { delay: 10 });
    expect(await name.inputValue()).toBe('Side view left');
    await page.keyboard.type(' treadmill', { delay: 10 });
    await page.reload();
    await expect.poll(async () => (await fixture.core.handlers['clips.list']({}, {}))[0]?.name).toBe('Side view left treadmill');

    await reopen(page);
    // The new-client form stores nothing until "Add client": meanwhile the header does not say "saved".
    await page.getByRole('tab', { name: 'Client & session' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Sanne de Vries');
    await expect.poll(() => saveStatus(page).textContent()).toBe('New client not added yet');
    await page.getByRole('button', { name: 'Add client' }).click();
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/^All changes saved/);
    await page.close();
  });
});
