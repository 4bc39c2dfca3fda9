import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseWal } from '../../main/project/wal.ts';
import { startProjectService } from '../integration/project/helpers.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

let fixture: BrowserModeFixture;
let browser: Browser;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'midstance-e2e-recovery-'));
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A project as a crash leaves it (file + -wal copied while open), with the log damaged three quarters in. */
async function crashedProject(name: string): Promise<string> {
  // Fresh folders per call: a retried test must not meet the files of its first run.
  const folder = mkdtempSync(join(work, 'crash-'));
  const app = startProjectService(join(folder, 'data'));
  const state = await app.call('project.create', { path: join(folder, 'live', name) });
  for (let i = 1; i <= 8; i++) await app.call('clients.create', { name: `Client ${i}` });
  const path = join(folder, `${name}.midstance`);
  copyFileSync(state.path, path);
  copyFileSync(`${state.path}-wal`, `${path}-wal`);
  await app.dispose();
  const wal = readFileSync(`${path}-wal`);
  const { framesInFile, pageSize } = analyseWal(wal);
  const at = 32 + Math.floor(framesInFile * 0.75) * (24 + pageSize!) + 24 + 100;
  wal.fill(0xa5, at, at + 64);
  writeFileSync(`${path}-wal`, wal);
  return path;
}

describe('recovery notice in browser mode', () => {
  it.each([
    ['en', 'Client & session', 'About this project', /not closed properly.*\d+ recent changes were recovered, but \d+ later changes? could not be read.*kept in .*\(recovery /],
    ['nl', 'Cliënt & sessie', 'Over dit project', /niet netjes afgesloten.*\d+ recente wijzigingen zijn hersteld, maar \d+ latere wijziging(en)? (was|waren) onleesbaar.*staat in .*\(recovery /],
  ] as const)('says what was recovered, what is missing and where the copy is (%s)', async (language, tab, label, text) => {
    const path = await crashedProject(`Practice ${language}`);
    await fixture.core.handlers['settings.update']!({ language } as never, {});
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(fixture.server.url);
    // Opened as the app opens a file it was asked to open; the UI picks up the open project.
    await fixture.core.handlers['project.open']!({ path } as never, {});
    await page.reload();
    const recent = page.getByRole('button', { name: new RegExp(`Practice ${language}`) }).first();
    const tabButton = page.getByRole('tab', { name: tab });
    await expect.poll(async () => (await tabButton.isVisible()) || (await recent.isVisible()), { timeout: 15_000 }).toBe(true);
    if (!(await tabButton.isVisible())) await recent.click();
    await tabButton.click();
    const note = page.getByRole('note', { name: label });
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toMatch(text);
    expect(errors).toEqual([]);
    await page.close();
  });
});
