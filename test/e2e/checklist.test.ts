import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../common/checklist/checklist.ts';
import { CHECKLIST_MEASURES } from '../../common/checklist/measures.ts';
import type { BodySide, GaitEventKind } from '../../common/contract/project.ts';
import { angleAtVertex } from '../../common/geometry/angle.ts';
import { checklistEn } from '../../renderer/src/i18n/checklist-en.ts';
import { checklistNl } from '../../renderer/src/i18n/checklist-nl.ts';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { clickImagePoint, shownFrame } from '../support/viewer-page.ts';

const fixtures = createFixtureStore();
/** Set to a folder to keep screenshots of the checklist panel in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;
let projectPath: string;
let sessionId: string;
let clipId: string;

const handlers = () => fixture.core.handlers;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 640, height: 360, fps: 240, frames: 120, codec: 'h264', gop: 60 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
  projectPath = join(fixture.dataDir, 'Checklist.midstance');
  await handlers()['project.create']({ path: projectPath }, {});
  const client = await handlers()['clients.create']({ name: 'Ria Runner' }, {});
  sessionId = (await handlers()['sessions.create']({ clientId: client.record.id, date: '2026-12-03' }, {})).record.id;
  clipId = (await handlers()['clips.add']({ path: clip.path, sessionId, view: 'side-left', name: 'side.mp4' }, {})).record.id;
  const marks: [number, GaitEventKind, BodySide][] = [
    [2, 'initial-contact', 'left'],
    [14, 'toe-off', 'left'],
    [20, 'initial-contact', 'right'],
    [33, 'toe-off', 'right'],
    [40, 'initial-contact', 'left'],
    [52, 'toe-off', 'left'],
    [60, 'initial-contact', 'right'],
  ];
  for (const [frameIndex, kind, side] of marks) await handlers()['gaitEvents.create']({ clipId, frameIndex, frameTime: frameIndex / 240, kind, side }, {});
  await handlers()['project.close']({}, {});
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

async function openProject(language: 'English' | 'Nederlands' = 'English'): Promise<Page> {
  for (const page of pages.splice(0)) await page.close().catch(() => {});
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  pages.push(page);
  fixture.core.requestOpen(projectPath);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
  return page;
}

async function goTo(page: Page, frame: number) {
  await page.getByRole('textbox', { name: /Go to frame|Ga naar beeld/ }).fill(String(frame));
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrame(page)).toBe(frame);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const panel = (page: Page) => page.getByTestId('checklist-panel');
const kneeItem = (page: Page) => page.locator('[data-item="side-midstance.knee-angle"].cl-item');
const storedAnswers = () => handlers()['checklist.list']({ sessionId }, {});
const storedNorms = async () => (await handlers()['project.current']({}, {}))!.settings.norms;

async function showView(page: Page, name: RegExp | string) {
  await panel(page).getByRole('tab', { name }).click();
}

async function shoot(page: Page, name: string) {
  if (!screenshots) return;
  await page.locator('.side-panel').screenshot({ path: join(screenshots, `${name}.png`) });
}

/** Every English text of the checklist (UI strings, item texts, measure names) that differs from its Dutch one. */
function englishTexts(): string[] {
  const texts = new Set<string>();
  const walk = (en: unknown, nl: unknown) => {
    if (typeof en === 'string') {
      if (en !== nl) for (const part of en.split(/\{\{[^}]+\}\}/)) if (part.trim().length > 4) texts.add(part.trim());
    } else if (en && typeof en === 'object') for (const [key, value] of Object.entries(en)) walk(value, (nl as Record<string, unknown>)[key]);
  };
  walk(checklistEn, checklistNl);
  const localized = [
    ...RUNNING_TECHNIQUE_CHECKLIST.groups.flatMap((g) => [g.title, g.short, g.hint]),
    ...RUNNING_TECHNIQUE_CHECKLIST.items.flatMap((i) => [i.title, i.look]),
    ...RUNNING_TECHNIQUE_CHECKLIST.drills.flatMap((d) => [d.title, d.text]),
    ...CHECKLIST_MEASURES.map((m) => m.name),
  ];
  for (const text of localized) walk(text.en, text.nl);
  return [...texts];
}

describe('running-technique checklist', () => {
  it('a labelled goniometer fills its item; a norm flips the flag; an override survives reload; a drill goes into the advice', async () => {
    const page = await openProject();
    await goTo(page, 30);
    // A right knee sinking to ≈128° interior: below the e-book's 140 ± 5.
    const vertex = { x: 320, y: 220 };
    const a = { x: 420, y: 220 };
    const rad = (128 * Math.PI) / 180;
    const b = { x: vertex.x + 100 * Math.cos(rad), y: vertex.y - 100 * Math.sin(rad) };
    await page.getByRole('button', { name: 'Goniometer', exact: true }).click();
    for (const point of [a, vertex, b]) await clickImagePoint(page, point);
    await expect.poll(async () => (await handlers()['annotations.list']({ clipId }, {})).length).toBe(1);
    await page.getByRole('combobox', { name: /^Label/ }).selectOption('knee-midstance-right');
    await expect.poll(async () => (await handlers()['annotations.list']({ clipId }, {}))[0]?.label).toBe('knee-midstance-right');
    const [stored] = await handlers()['annotations.list']({ clipId }, {});
    const [sa, sv, sb] = stored!.geometry.points as [typeof a, typeof a, typeof a];
    const angle = angleAtVertex(sa, sv, sb);
    expect(Math.abs(angle - 128)).toBeLessThan(1);

    // The summary lists the knee first thing, with the value that flagged it.
    await page.getByRole('tab', { name: 'Checklist' }).click();
    const flagged = page.getByTestId('checklist-flagged');
    await expect.poll(() => flagged.locator('[data-item="side-midstance.knee-angle"]').count()).toBe(1);
    expect(await flagged.locator('[data-item="side-midstance.knee-angle"]').textContent()).toContain(`${angle.toFixed(1)}°`);
    await shoot(page, 'checklist-overview-en');

    await flagged.getByRole('button', { name: 'Open: Knee angle (left and right)' }).click();
    const value = kneeItem(page).getByTestId('value-knee-midstance-right');
    await expect.poll(() => value.textContent()).toContain(`${angle.toFixed(1)}°`);
    expect(await value.getAttribute('class')).toContain('cl-out');
    expect(await kneeItem(page).getAttribute('data-status')).toBe('needs-attention');
    expect(await kneeItem(page).getByRole('radio', { name: /Needs attention/ }).isChecked()).toBe(true);
    await shoot(page, 'checklist-midstance-en');

    // The physio accepts ≈130° for this runner: the norm changes and the flag flips at once.
    await showView(page, 'Norms');
    const target = page.getByRole('textbox', { name: 'Knee angle at midstance — right: Target' });
    expect(await target.inputValue()).toBe('140');
    await target.fill('130');
    await target.press('Enter');
    await expect.poll(storedNorms).toEqual({ 'knee-midstance-right': { target: 130, tolerance: 5 } });
    await shoot(page, 'checklist-norms-en');
    await showView(page, 'Midstance');
    await expect.poll(() => kneeItem(page).getAttribute('data-status')).toBe('good');
    expect(await kneeItem(page).getByTestId('value-knee-midstance-right').getAttribute('class')).toContain('cl-in');

    // The physio still wants it on the list: an override, shown as such.
    await kneeItem(page).getByText('Needs attention', { exact: true }).click();
    await expect.poll(async () => (await storedAnswers()).find((answer) => answer.itemKey === 'side-midstance.knee-angle')?.answer).toBe('needs-attention');
    await expect.poll(() => kneeItem(page).getByText(/Set by you \(the values propose: Good\)/).count()).toBe(1);

    // The frame on screen becomes the item's still.
    await kneeItem(page).getByRole('button', { name: 'Use the current frame (30)' }).click();
    await expect.poll(async () => (await storedAnswers()).find((answer) => answer.itemKey === 'side-midstance.knee-angle')?.stills).toEqual([{ clipId, frameIndex: 30 }]);

    // One click puts a drill into the advice, which is the session's own advice.
    await kneeItem(page).locator('[data-drill="accent-feet-under"]').getByRole('button', { name: 'Add to advice' }).click();
    await expect.poll(async () => (await handlers()['notes.get']({ sessionId }, {})).advice).toContain('• Land under the body: Place the feet deliberately closer under the body');
    await expect.poll(() => kneeItem(page).locator('[data-drill="accent-feet-under"]').getByRole('button').textContent()).toContain('In the advice');
    await page.close();

    // After a reload: the override, the norm and the advice are all still there.
    const again = await openProject();
    await again.getByRole('tab', { name: 'Checklist' }).click();
    await showView(again, 'Midstance');
    await expect.poll(() => kneeItem(again).getAttribute('data-status')).toBe('needs-attention');
    await expect.poll(() => kneeItem(again).getByTestId('status-badge').getAttribute('title')).toBe('status set by you');
    expect(await kneeItem(again).getByTestId('value-knee-midstance-right').getAttribute('class')).toContain('cl-in');
    await expect.poll(() => kneeItem(again).getByRole('button', { name: 'side.mp4 · frame 30', exact: true }).count()).toBe(1);
    if (screenshots) await kneeItem(again).screenshot({ path: join(screenshots, 'checklist-knee-item-en.png') });
    await showView(again, 'Summary');
    await expect.poll(() => again.getByLabel('Advice and drills').inputValue()).toContain('• Land under the body:');
    await again.close();
  });

  it('the Dutch checklist has no English left in it, in any view', async () => {
    const page = await openProject('Nederlands');
    await page.getByRole('tab', { name: 'Checklist' }).click();
    await panel(page).waitFor();
    const english = englishTexts();
    expect(english.length).toBeGreaterThan(100);
    const views = await panel(page).getByRole('tab').all();
    expect(views.length).toBe(RUNNING_TECHNIQUE_CHECKLIST.groups.length + 2);
    for (const [index, view] of views.entries()) {
      await view.click();
      await expect.poll(() => view.getAttribute('aria-selected')).toBe('true');
      // Drills and hints included: open every drill list.
      for (const details of await panel(page).locator('details').all()) await details.evaluate((element) => ((element as HTMLDetailsElement).open = true));
      const text = (await panel(page).innerText()).replace(/\s+/g, ' ');
      const left = english.filter((phrase) => text.includes(phrase));
      expect(left, `view ${index}`).toEqual([]);
    }
    // The keyboard moves between views: arrows in the switcher, Page Down from anywhere in the panel.
    await showView(page, 'Overzicht');
    await panel(page).getByRole('tab', { name: 'Overzicht' }).press('ArrowRight');
    await expect.poll(() => panel(page).getByRole('tab', { name: 'Normale snelheid' }).getAttribute('aria-selected')).toBe('true');
    await panel(page).locator('.cl-item').first().focus();
    const frameBefore = await shownFrame(page);
    await page.keyboard.press('PageDown');
    await expect.poll(() => panel(page).getByRole('tab', { name: 'Vertraagd' }).getAttribute('aria-selected')).toBe('true');
    expect(await shownFrame(page)).toBe(frameBefore);

    await showView(page, 'Overzicht');
    await shoot(page, 'checklist-overview-nl');
    await showView(page, 'Steunfase');
    await shoot(page, 'checklist-midstance-nl');
    await showView(page, 'Normen');
    await shoot(page, 'checklist-norms-nl');
    await showView(page, 'Tijden');
    await shoot(page, 'checklist-timing-nl');
    await page.close();
  });
});
