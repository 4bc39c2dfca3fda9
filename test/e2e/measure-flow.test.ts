import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { clickImagePoint, shownFrame } from '../support/viewer-page.ts';

const fixtures = createFixtureStore();
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 1280, height: 720, fps: 120, frames: 48, codec: 'h264', gop: 48 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  fixture.core.requestOpen(clip.path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

async function stored() {
  const clips = await fixture.core.handlers['clips.list']({}, {});
  return fixture.core.handlers['annotations.list']({ clipId: clips[0]!.id }, {});
}

const toolButton = (name: string) => page.getByRole('navigation', { name: 'Tools' }).getByRole('button', { name, exact: true });
const details = () => page.getByLabel('Selected drawing');

describe('measuring flow', () => {
  it('shows a new measurement at once, on the measurements tab, and falls back to Select', async () => {
    await page.getByRole('tab', { name: 'Clips' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Measurements' }).getAttribute('aria-selected')).toBe('false');
    // The goniometer by its key.
    await page.keyboard.press('a');
    await expect.poll(() => toolButton('Goniometer').getAttribute('aria-pressed')).toBe('true');
    for (const point of [{ x: 400, y: 200 }, { x: 600, y: 400 }, { x: 1000, y: 400 }]) await clickImagePoint(page, point);
    await expect.poll(async () => (await stored()).length).toBe(1);
    await expect.poll(() => page.getByRole('tab', { name: 'Measurements' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => details().isVisible()).toBe(true);
    expect(Number.parseFloat((await page.getByTestId('value-interior').textContent()) ?? '')).toBeCloseTo(135, 0);
    expect(await toolButton('Select and edit').getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the tool armed with Keep tool (K): two lines in a row; a line is a length with distance presets only', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('k');
    await expect.poll(() => page.getByRole('checkbox', { name: /Keep tool/ }).isChecked()).toBe(true);
    await page.keyboard.press('n');
    await clickImagePoint(page, { x: 100, y: 600 });
    await clickImagePoint(page, { x: 400, y: 600 });
    await expect.poll(async () => (await stored()).length).toBe(2);
    expect(await toolButton('Line').getAttribute('aria-pressed')).toBe('true');
    await clickImagePoint(page, { x: 100, y: 650 });
    await clickImagePoint(page, { x: 300, y: 650 });
    await expect.poll(async () => (await stored()).length).toBe(3);
    expect(await toolButton('Line').getAttribute('aria-pressed')).toBe('true');
    // The setting is the user's: it is stored.
    expect((await fixture.core.handlers['settings.get']({}, {})).keepToolAfterDrawing).toBe(true);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByRole('checkbox', { name: /Keep tool/ }).isChecked()).toBe(false);

    // The last line's details: a length, not an interior angle; only distance presets.
    await expect.poll(async () => (await details().locator('dt').allTextContents()).join('|')).toBe('Length');
    expect(await page.getByTestId('value-interior').textContent()).toBe('200 px');
    const options = await details().getByRole('combobox', { name: 'Label' }).locator('option').allTextContents();
    expect(options.some((o) => /Overstride/.test(o))).toBe(true);
    expect(options.some((o) => /Trunk|Knee|Shin/.test(o))).toBe(false);
  });

  it('asks the ruler’s real length, focused, before anything is shown in cm', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await clickImagePoint(page, { x: 100, y: 300 });
    await clickImagePoint(page, { x: 600, y: 300 });
    const prompt = page.getByRole('dialog', { name: 'How long is this ruler in reality?' });
    await expect.poll(() => prompt.isVisible()).toBe(true);
    const field = prompt.getByRole('textbox', { name: 'Real length (cm)' });
    await expect.poll(() => field.evaluate((element) => element === document.activeElement)).toBe(true);
    // Nothing stored yet, and the lines are still in px.
    expect((await stored()).some((a) => a.geometry.kind === 'ruler')).toBe(false);
    expect(await page.getByTestId('measurement-value').allTextContents()).toContain('200 px');
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect.poll(() => prompt.getByRole('alert').textContent()).toMatch(/centimetres/);
    await field.fill('50');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored()).find((a) => a.geometry.kind === 'ruler')?.geometry).toMatchObject({ realLengthCm: 50 });
    // 500 image px are 50 cm: the 200 px line is 20 cm.
    await expect.poll(() => page.getByTestId('measurement-value').allTextContents()).toContain('20.0 cm');
  });

  it('drops the ruler when the question is cancelled', async () => {
    const before = (await stored()).length;
    await page.keyboard.press('r');
    await clickImagePoint(page, { x: 100, y: 100 });
    await clickImagePoint(page, { x: 300, y: 100 });
    const prompt = page.getByRole('dialog', { name: 'How long is this ruler in reality?' });
    await expect.poll(() => prompt.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => prompt.count()).toBe(0);
    expect((await stored()).length).toBe(before);
  });

  it('lists every tool key in the ? overlay', async () => {
    await page.keyboard.press('v');
    await page.keyboard.press('Shift+?');
    const tools = page.getByTestId('tool-shortcuts');
    await expect.poll(() => tools.isVisible()).toBe(true);
    const rows = await tools.locator('tr').allTextContents();
    for (const expected of ['VSelect and edit', 'AGoniometer', 'RCalibration ruler', 'TText note', 'KKeep the tool after a measurement (on/off)']) {
      expect(rows).toContain(expected);
    }
    await page.keyboard.press('Escape');
  });

  it('go to: says what is wrong while typing, and says when it went to the last frame instead', async () => {
    const field = page.getByRole('textbox', { name: 'Go to frame or time' });
    const message = page.getByTestId('go-to-message');
    await field.click();
    await page.keyboard.type('abc');
    // No blur, no Enter: the message is there as the user types.
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await message.textContent()).toMatch(/Type a frame number/);
    await field.fill('-5');
    expect(await message.textContent()).toBe('Frame numbers and times start at 0.');
    await field.fill('9999');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    expect(await message.textContent()).toMatch(/frames 0–47/);
    await page.keyboard.press('Enter');
    await expect.poll(() => shownFrame(page)).toBe(47);
    expect(await message.textContent()).toBe('There is no frame 9999: showing the last frame (47).');
    // The readout says which frame is the last one (frames count from 0).
    expect(await page.getByTestId('frame-number').textContent()).toBe('47 (last)');
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('frame-number').textContent()).toBe('0 of 0–47');
  });

  it('explains the style swatches when nothing is selected, and shows the clip view choice in full', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const group = page.getByRole('group', { name: 'Style of new drawings' });
    await expect.poll(() => group.isVisible()).toBe(true);
    expect(await group.textContent()).toMatch(/what you draw next/);

    await page.getByRole('tab', { name: 'Clips' }).click();
    // Dutch has the longest text: "Aanzicht niet gekozen".
    await page.getByRole('button', { name: 'Nederlands' }).click();
    const view = page.getByRole('combobox', { name: 'Aanzicht' });
    await expect.poll(() => view.isVisible()).toBe(true);
    // The select is wide enough for its chosen text (plus its arrow).
    const fits = await view.evaluate((select: HTMLSelectElement) => {
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = context.measureText(select.selectedOptions[0]!.text).width;
      const room = select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 16;
      return { text, room };
    });
    expect(fits.room).toBeGreaterThanOrEqual(fits.text);
  });
});
