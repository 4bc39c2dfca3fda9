import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core/create-core.ts';
import { createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

const fixtures = createFixtureStore();
let fixture: BrowserModeFixture;
let browser: Browser;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'midstance-e2e-project-'));
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openApp(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  return { page, errors };
}

/** The in-app folder browser (browser mode has no native dialogs): go to a folder. */
async function browseTo(dialog: Locator, folder: string) {
  // Type only once the browser has shown its first folder: a listing that lands in the middle of Playwright's
  // select-all-and-type puts its own path back under the cursor, and the typed one is appended to it.
  await expect.poll(() => dialog.getByRole('textbox', { name: 'Folder' }).inputValue()).not.toBe('');
  await dialog.getByRole('textbox', { name: 'Folder' }).fill(folder);
  await dialog.getByRole('button', { name: 'Go' }).click();
  await expect.poll(() => dialog.getByRole('textbox', { name: 'Folder' }).inputValue()).toBe(folder);
}

const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: /saved|Saving|Not saved/ });

/** The side panel shows one tab at a time (measurements, clips, client & session). */
async function showTab(page: Page, name: 'Clips' | 'Client & session') {
  const tab = page.getByRole('tab', { name });
  await expect.poll(() => tab.isVisible(), { timeout: 15_000 }).toBe(true);
  await tab.click();
}

/** After a reload the app may come back on the start screen; then the project is in the recent list. */
async function backInProject(page: Page, name: string) {
  const sessionTab = page.getByRole('tab', { name: 'Client & session' });
  const recent = page.getByRole('button', { name: new RegExp(name) }).first();
  await expect.poll(async () => (await sessionTab.isVisible()) || (await recent.isVisible()), { timeout: 15_000 }).toBe(true);
  if (!(await sessionTab.isVisible())) await recent.click();
  await showTab(page, 'Client & session');
  await expect.poll(() => page.getByRole('combobox', { name: 'Client' }).isVisible()).toBe(true);
}

describe('project UI in browser mode', () => {
  it('creates a project file via the UI, keeps client, session and history through a reload', async () => {
    const { page, errors } = await openApp();
    // A fresh folder per run: a retry of this test must not meet the project it made the first time.
    const folder = mkdtempSync(join(work, 'practice-'));

    await page.getByRole('button', { name: /New project/ }).click();
    await page.getByRole('button', { name: /Choose a folder and a name/ }).click();
    const saveDialog = page.getByRole('dialog', { name: 'Where should the new project go?' });
    await browseTo(saveDialog, folder);
    await saveDialog.getByRole('textbox', { name: 'File name' }).fill('Practice Jansen');
    await saveDialog.getByRole('button', { name: 'Create project' }).click();

    const projectPath = join(folder, 'Practice Jansen.midstance');
    await expect.poll(() => existsSync(projectPath)).toBe(true);
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved/);
    await showTab(page, 'Client & session');

    // First client: the form is there straight away.
    await page.getByRole('textbox', { name: 'Name' }).fill('Sanne de Vries');
    await page.getByRole('textbox', { name: 'Birth year' }).fill('1991');
    await page.getByRole('textbox', { name: 'Client number' }).fill('P-1042');
    await page.getByRole('button', { name: 'Add client' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Client' }).inputValue()).not.toBe('');

    await page.getByRole('button', { name: 'New session' }).click();
    const training = page.getByRole('textbox', { name: 'Training volume' });
    await expect.poll(() => training.isVisible()).toBe(true);
    await training.fill('3 runs a week, about 35 km');
    await page.getByRole('textbox', { name: 'Complaints' }).fill('Lateral knee pain on the right after 8 km');
    // A Dutch decimal comma is understood too.
    await page.getByRole('textbox', { name: 'Speed (km/h)' }).fill('11,5');
    await page.getByRole('textbox', { name: 'Speed (km/h)' }).blur();
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved · \d{2}:\d{2}:\d{2}/);

    // On disk (read through the core that has the file open), not just on screen.
    const [session] = await fixture.core.handlers['sessions.list']({}, {});
    expect(session?.history).toMatchObject({
      trainingVolume: '3 runs a week, about 35 km',
      complaints: 'Lateral knee pain on the right after 8 km',
    });
    expect(session?.protocol.treadmillSpeedKmh).toBe(11.5);

    await page.reload();
    await backInProject(page, 'Practice Jansen');
    await expect.poll(() => page.getByRole('combobox', { name: 'Client' }).locator('option:checked').textContent()).toBe(
      'Sanne de Vries (P-1042)',
    );
    await expect.poll(() => page.getByRole('textbox', { name: 'Training volume' }).inputValue()).toBe('3 runs a week, about 35 km');
    expect(await page.getByRole('textbox', { name: 'Complaints' }).inputValue()).toBe('Lateral knee pain on the right after 8 km');
    expect(await page.getByRole('textbox', { name: 'Speed (km/h)' }).inputValue()).toBe('11.5');
    expect(await page.getByRole('button', { name: /^Session of / }).count()).toBe(1);

    // A re-test repeats the set-up of the session before it.
    await page.getByRole('textbox', { name: 'Distance (m)' }).fill('3');
    await page.getByRole('checkbox', { name: 'Left side' }).check();
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved ·/);
    await page.getByRole('button', { name: 'New session' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Session of / }).count()).toBe(2);
    await expect.poll(() => page.getByRole('textbox', { name: 'Distance (m)' }).inputValue()).toBe('3');
    expect(await page.getByRole('checkbox', { name: 'Left side' }).isChecked()).toBe(true);
    // The old session had the same distance: wait for the new one's (empty) history, not the old one's.
    await expect.poll(() => page.getByRole('textbox', { name: 'Training volume' }).inputValue()).toBe('');
    await expect.poll(() => page.getByText(/Same set-up as the previous session/).isVisible()).toBe(true);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps typed text when saving fails, says so, and saves it with "Try again"', async () => {
    const { page, errors } = await openApp();
    await backInProject(page, 'Practice Jansen');
    // The disk fills up: every session edit is refused, as the core would refuse it.
    const diskFull = 'The disk is full, so the change was not saved. Free some space, then try again.';
    await page.route('**/api/sessions.update', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'disk-full', message: diskFull } }) }),
    );
    const goals = page.getByRole('textbox', { name: 'Goals' });
    await goals.fill('Half marathon in October without knee pain');
    await goals.blur();
    // Said by its code (common/error-text.ts), in the UI's language, not in the core's words.
    await expect.poll(() => saveStatus(page).textContent()).toContain(
      'Not saved: The disk is full, so this change was not saved. Everything saved before is safe. Free some disk space and try again.',
    );
    expect(await goals.inputValue()).toBe('Half marathon in October without knee pain');
    expect(await goals.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Not saved yet — your text is kept here.').isVisible()).toBe(true);

    await page.unroute('**/api/sessions.update');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved ·/);
    expect(await goals.getAttribute('aria-invalid')).toBe('false');
    const sessions = await fixture.core.handlers['sessions.list']({}, {});
    expect(sessions.map((session) => session.history.goals)).toContain('Half marathon in October without knee pain');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds a clip, and relinks it after the video moved — a different recording only after an explicit yes', async () => {
    const original = await fixtures.clip({ width: 320, height: 240, fps: 30, frames: 30, codec: 'h264', gop: 15 });
    const other = await fixtures.clip({ width: 320, height: 240, fps: 25, frames: 20, codec: 'h264', gop: 10 });
    const videos = mkdtempSync(join(work, 'videos-'));
    const side = join(videos, 'side.mp4');
    copyFileSync(original.path, side);
    copyFileSync(other.path, join(videos, 'other.mp4'));

    const { page, errors } = await openApp();
    await backInProject(page, 'Practice Jansen');
    await showTab(page, 'Clips');
    await page.getByRole('button', { name: 'Add video…' }).click();
    const picker = page.getByRole('dialog', { name: 'Choose a file' });
    await browseTo(picker, videos);
    await picker.getByRole('button', { name: /side\.mp4/ }).click();
    const clipButton = page.getByRole('button', { name: 'Show clip side.mp4' });
    // Adding probes the file first (header and first pictures), which takes a moment on a busy machine.
    await expect.poll(() => clipButton.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved ·/);

    // The video is moved away: the clip says so and offers to find it.
    rmSync(side);
    await page.reload();
    await backInProject(page, 'Practice Jansen');
    await showTab(page, 'Clips');
    const relink = page.getByRole('group', { name: 'Video of side.mp4 not found' });
    await expect.poll(() => relink.isVisible(), { timeout: 15_000 }).toBe(true);
    await relink.getByRole('button', { name: 'Find the video…' }).click();
    await browseTo(page.getByRole('dialog', { name: 'Choose a file' }), videos);
    await page.getByRole('dialog', { name: 'Choose a file' }).getByRole('button', { name: /other\.mp4/ }).click();

    // Not the same recording: asked first; cancelling changes nothing.
    const question = page.getByRole('dialog', { name: 'This is a different recording' });
    // Relinking probes the file first (header and first pictures), which takes a moment on a busy machine.
    await expect.poll(() => question.isVisible(), { timeout: 10_000 }).toBe(true);
    await question.getByRole('button', { name: 'Cancel' }).click();
    const [unchanged] = await fixture.core.handlers['clips.list']({}, {});
    expect(unchanged?.absolutePath).toBe(side);

    // The right file is accepted without a question.
    copyFileSync(original.path, join(videos, 'side-moved.mp4'));
    await relink.getByRole('button', { name: 'Find the video…' }).click();
    await browseTo(page.getByRole('dialog', { name: 'Choose a file' }), videos);
    await page.getByRole('dialog', { name: 'Choose a file' }).getByRole('button', { name: /side-moved\.mp4/ }).click();
    await expect.poll(() => relink.isVisible(), { timeout: 10_000 }).toBe(false);
    const [relinked] = await fixture.core.handlers['clips.list']({}, {});
    expect(relinked?.absolutePath).toBe(join(videos, 'side-moved.mp4'));

    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a read-only project file with the read-only notice and badge, and saves nothing', async () => {
    // Written by another Midstance (its own core), then made read-only.
    const folder = mkdtempSync(join(work, 'archive-'));
    const path = join(folder, 'Archived 2024.midstance');
    const writer = createCore({ shell: 'test', dataDir: mkdtempSync(join(work, 'writer-data-')) });
    await writer.handlers['project.create']({ path }, {});
    await writer.handlers['clients.create']({ name: 'Kees Archief' }, {});
    await writer.handlers['project.close']({}, {});
    await writer.dispose();
    chmodSync(path, 0o444);
    try {
      const { page, errors } = await openApp();
      // Start screen (possibly after leaving the workspace of the previous test).
      const back = page.getByRole('button', { name: 'Back to start' });
      const openProject = page.getByRole('button', { name: /Open project/ });
      await expect.poll(async () => (await back.isVisible()) || (await openProject.isVisible())).toBe(true);
      if (await back.isVisible()) await back.click();
      await openProject.click();
      const picker = page.getByRole('dialog', { name: 'Choose a file' });
      await browseTo(picker, folder);
      await picker.getByRole('button', { name: /Archived 2024\.midstance/ }).click();

      await showTab(page, 'Client & session');
      const notice = page.getByRole('note', { name: 'About this project' });
      await expect.poll(() => notice.isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await notice.textContent()).toMatch(/read-only/);
      await expect.poll(() => page.getByText('Read-only', { exact: true }).isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('combobox', { name: 'Client' }).locator('option:checked').textContent()).toBe(
        'Kees Archief',
      );
      // Nothing that would write is offered.
      expect(await page.getByRole('button', { name: 'New session' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'New client' }).isDisabled()).toBe(true);
      await showTab(page, 'Clips');
      await expect.poll(() => page.getByRole('tabpanel', { name: 'Clips' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Add video…' }).count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('keeps a project started without saving in the unsaved list until it is discarded', async () => {
    const { page, errors } = await openApp();
    const back = page.getByRole('button', { name: 'Back to start' });
    const newProject = page.getByRole('button', { name: /New project/ });
    await expect.poll(async () => (await back.isVisible()) || (await newProject.isVisible())).toBe(true);
    if (await back.isVisible()) await back.click();
    await newProject.click();
    await page.getByRole('button', { name: /Start without saving/ }).click();
    await expect.poll(() => page.getByText('Untitled', { exact: true }).isVisible()).toBe(true);
    await showTab(page, 'Client & session');
    // Something in it, so it is worth keeping.
    await page.getByRole('textbox', { name: 'Name' }).fill('Walk-in runner');
    await page.getByRole('button', { name: 'Add client' }).click();
    await expect.poll(() => saveStatus(page).textContent()).toMatch(/All changes saved ·/);

    await page.getByRole('button', { name: 'Back to start' }).click();
    const unsaved = page.getByRole('region', { name: 'Unsaved projects' });
    await expect.poll(() => unsaved.isVisible()).toBe(true);
    const [item] = await fixture.core.handlers['project.listUntitled']({}, {});
    expect(item).toBeDefined();
    // Named by when it was started, in the UI's language (its file name is English).
    await unsaved.getByRole('button', { name: /^Discard Untitled project from \d/ }).click();
    const confirm = page.getByRole('dialog', { name: /^Discard “Untitled project from .+”\?$/ });
    await confirm.getByRole('button', { name: 'Discard for good' }).click();
    await expect.poll(() => unsaved.isVisible()).toBe(false);
    expect(existsSync(item!.path)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
