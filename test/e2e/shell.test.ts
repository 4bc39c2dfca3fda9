import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

function rawRequest(options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: fixture.server.port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode shell', () => {
  it('serves the start screen and switches language, remembered across reloads', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(fixture.server.url);
    // The token is swapped for a cookie and removed from the address.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    await expect.poll(() => page.getByRole('button', { name: /Nieuw project/ }).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('button', { name: /New project/ }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /Open video/ }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a file handed over on the command line', async () => {
    fixture.core.requestOpen('/data/clips/side view é.mp4');
    const page = await browser.newPage();
    await page.goto(fixture.server.url);
    await expect.poll(() => page.getByText('side view é.mp4').isVisible()).toBe(true);
    await page.close();
    // A project left open brings the next page straight back to it; the tests below start on the start screen.
    await fixture.core.handlers['project.close']({}, {});
  });

  it('browses folders in the in-app file dialog when there is no native dialog', async () => {
    const page = await browser.newPage();
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: /Open video|Video openen/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('textbox').fill(fixture.dataDir);
    await dialog.getByRole('button', { name: /^(Go|Ga)$/ }).click();
    await expect.poll(() => dialog.getByRole('textbox').inputValue()).toBe(fixture.dataDir);
    await dialog.getByRole('button', { name: /Cancel|Annuleren/ }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('shows version and the ffmpeg in use under About and diagnostics', async () => {
    const page = await browser.newPage();
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'About and diagnostics' }).click();
    const dialog = page.getByRole('dialog', { name: 'About Midstance' });
    await expect.poll(() => dialog.getByTestId('about-version').textContent()).toMatch(/^Midstance \d+\.\d+\.\d+$/);
    await expect.poll(() => dialog.getByTestId('about-ffmpeg').textContent()).toMatch(/^\d+\.\d+.*\/ffmpeg/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('refuses API calls without the token (401)', async () => {
    const response = await rawRequest({
      path: '/api/settings.get',
      method: 'POST',
      headers: { host: `127.0.0.1:${fixture.server.port}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error.code).toBe('unauthorized');
    const frame = await rawRequest({ path: '/frames/abc/1', headers: { host: `127.0.0.1:${fixture.server.port}` } });
    expect(frame.status).toBe(401);
  });

  it('answers API calls with the token', async () => {
    const response = await rawRequest({
      path: '/api/app.info',
      method: 'POST',
      headers: {
        host: `127.0.0.1:${fixture.server.port}`,
        'content-type': 'application/json',
        authorization: `Bearer ${fixture.server.token}`,
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).value).toMatchObject({ name: 'Midstance', shell: 'browser' });
  });

  it('refuses a foreign Host or Origin even with the token (DNS rebinding)', async () => {
    const base = { 'content-type': 'application/json', authorization: `Bearer ${fixture.server.token}` };
    const foreignHost = await rawRequest({
      path: '/api/app.info',
      method: 'POST',
      headers: { ...base, host: `evil.example:${fixture.server.port}` },
      body: '{}',
    });
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await rawRequest({
      path: '/api/app.info',
      method: 'POST',
      headers: { ...base, host: `127.0.0.1:${fixture.server.port}`, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreignOrigin.status).toBe(403);
    expect(foreignOrigin.body).not.toContain('Access-Control');
  });
});
