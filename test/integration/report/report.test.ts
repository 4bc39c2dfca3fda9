import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import { statsFromAnnotations } from '../../../common/checklist/evaluate.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { formatNumber } from '../../../common/report/report-text.ts';
import { resolveTools } from '../../../main/media/ffmpeg-path.ts';
import { openProjectDb } from '../../../main/project/db.ts';
import { createProjectStore } from '../../../main/project/store.ts';
import { renderReport } from '../../../main/report/generate-report.ts';
import { loadReportData } from '../../../main/report/report-data.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { decodeFileToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { startApp, startProjectService, tempDir } from '../project/helpers.ts';
import { buildReportProject, PROBE_LINE, type ReportProject } from './report-project.ts';

const dir = tempDir('midstance-report-');
const fixtures = createFixtureStore();
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');
const VIDEO = { width: 640, height: 360, frames: 60 };
let project: ReportProject;

function cli(...args: string[]) {
  return cliWithHome(join(dir.path, 'cli-data'), ...args);
}

function cliWithHome(home: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'report', ...args], { encoding: 'utf8', env: { ...process.env, MIDSTANCE_HOME: home } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pdfText(path: string): string {
  const result = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.replace(/\s+/g, ' ');
}

function pageCount(path: string): number {
  const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

/** One page rendered by poppler as raw RGB (PPM). */
function renderPage(path: string, page: number, dpi: number): { width: number; height: number; rgb: Buffer } {
  const result = spawnSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), path], { maxBuffer: 256 * 1024 * 1024 });
  expect(result.status).toBe(0);
  const data = result.stdout;
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), rgb: data.subarray(header[0].length) };
}

beforeAll(async () => {
  const clip = await fixtures.clip('slowmo_android');
  const video = join(dir.path, 'side.mp4');
  copyFileSync(clip.path, video);
  project = await buildReportProject(dir.path, { path: video, ...VIDEO });
}, 180_000);

afterAll(() => {
  dir.remove();
  fixtures.dispose();
});

describe('midstance report', () => {
  it('writes a complete report of the latest session: client, every measured value, every checklist item', () => {
    const out = join(dir.path, 'report-en.pdf');
    const { code, stdout, stderr } = cli(project.path, '--lang', 'en', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote the report of Anneke de Vries-Ĳzerman, 2026-05-12 \(\d+ pages, \d+ KB\) to .*report-en\.pdf\n$/);
    const text = pdfText(out);
    expect(text).toContain('Anneke de Vries-Ĳzerman');
    expect(text).toContain('12 May 2026');
    expect(text).toContain('Asics Gel-Nimbus');
    // Every preset measurement, pooled as the checklist pools it (interior convention, the project's).
    const db = openProjectDb(project.path, { mode: 'inspect' });
    return db.then((file) => {
      const store = createProjectStore(file);
      const annotations = store.read((repos) => repos.annotations.list(project.clipId));
      store.close();
      const stats = statsFromAnnotations([{ annotations, cmPerPx: null }]);
      expect(Object.keys(stats).sort()).toEqual(['knee-midstance-left', 'knee-midstance-right', 'trunk-midstance']);
      for (const [key, stat] of Object.entries(stats)) {
        expect(text, key).toContain(`${formatNumber(stat.mean, 'en', 1)}°`);
        if (stat.sd !== null) expect(text, key).toContain(`± ${formatNumber(stat.sd, 'en', 1)}`);
      }
      // The free-text labelled line with its own value.
      expect(text).toContain('Probe line');
      expect(text).toContain('448 px');
      for (const item of RUNNING_TECHNIQUE_CHECKLIST.items) expect(text, item.key).toContain(item.title.en);
      expect(text).toContain('Rechterknie zakt door in de steunfase.');
      expect(text).toContain('Knieën blijven mooi boven de voet.');
      // Comparison with March: right knee 140.0° then, 129.5° now: beyond its SDD of 3.8°.
      expect(text).toContain('Compared with the previous session');
      expect(text).toMatch(/140\.0° 129\.5° −10\.5° 3\.8° changed/);
      // Running times then (10-frame left contacts) and now (8 frames), for information only.
      expect(text).toContain('Contact time — left 42 ms 33 ms −8 ms — for information');
      expect(text).toMatch(/Page 1 of \d+/);
      expect(text).toMatch(/Made on .* with Midstance \d+\.\d+\.\d+/);
    });
  });

  it('writes Dutch with the fonts embedded, the metadata set, and every page renders', () => {
    const out = join(dir.path, 'report-nl.pdf');
    const { code, stderr } = cli(project.path, '--out', out, '--lang', 'nl');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('VERSLAG LOOPANALYSE');
    expect(text).toContain('1309 ± 0 p/min');
    expect(text).toContain('Cliënt');
    expect(text).toContain('12 mei 2026');
    for (const item of RUNNING_TECHNIQUE_CHECKLIST.items) expect(text, item.key).toContain(item.title.nl);
    const fonts = spawnSync('pdffonts', [out], { encoding: 'utf8' }).stdout;
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row).toMatch(/DejaVuSans.*\byes\s+yes\s+yes\b/);
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Title:\s+Verslag loopanalyse — Anneke de Vries-Ĳzerman — 12 mei 2026/);
    expect(info).toMatch(/Author:\s+J\. Bakker/);
    expect(info).toMatch(/Subject:\s+Videoanalyse van de looptechniek/);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const pages = pageCount(out);
    expect(pages).toBeGreaterThanOrEqual(3);
    const folder = join(dir.path, 'pages-nl');
    mkdirSync(folder);
    expect(spawnSync('pdftoppm', ['-r', '40', '-png', out, join(folder, 'p')]).status).toBe(0);
    const rendered = readdirSync(folder);
    expect(rendered).toHaveLength(pages);
    for (const name of rendered) expect(readFileSync(join(folder, name)).length).toBeGreaterThan(1000);
    // A typical session stays far under 10 MB.
    expect(readFileSync(out).length).toBeLessThan(10 * 1024 * 1024);
  });

  it('shows exactly the frames named, with the overlay drawn where the geometry says', async () => {
    const tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
    const file = await openProjectDb(project.path, { mode: 'inspect' });
    const store = createProjectStore(file);
    let report;
    try {
      const data = await loadReportData(store, {
        sessionId: project.sessionId,
        language: 'en',
        practiceName: 'Fysio De Loper',
        ffprobe: tools.ffprobe.path,
        projectDir: dir.path,
        searchRoot: dir.path,
      });
      // Stills at half size: the overlay must still land on the full-size geometry.
      report = await renderReport(data, { ffmpeg: tools.ffmpeg, logoPath: null, stillMaxSide: 320 });
    } finally {
      store.close();
    }
    const out = join(dir.path, 'frames.pdf');
    writeFileSync(out, report.pdf);
    // Stills: the checklist still (4), the first left IC/MS/TO (2, 5, 10) and every labelled frame (4, 9, 14, 19).
    const expected = [2, 4, 5, 9, 10, 14, 19];
    expect(report.placements.map((p) => p.frameIndex)).toEqual(expected);
    const images = join(dir.path, 'images');
    mkdirSync(images);
    expect(spawnSync('pdfimages', ['-j', out, join(images, 'i')]).status).toBe(0);
    const jpegs = readdirSync(images).sort();
    expect(jpegs).toHaveLength(expected.length);
    const decoded = await Promise.all(jpegs.map((name) => decodeFileToGray(join(images, name))));
    expect(decoded.map((image) => [image.width, image.height])).toEqual(expected.map(() => [320, 180]));
    expect(decoded.map((image) => readFrameIndex(image))).toEqual(expected);

    // The probe line on frame 4: along it the rendered page has the line's colour; just above it, the footage.
    const placement = report.placements.find((p) => p.frameIndex === project.drawnFrames[0])!;
    const dpi = 216;
    const page = renderPage(out, placement.page + 1, dpi);
    const toPx = (image: { x: number; y: number }) => ({
      x: Math.round(((placement.x + (image.x * placement.width) / VIDEO.width) * dpi) / 72),
      y: Math.round(((placement.y + (image.y * placement.height) / VIDEO.height) * dpi) / 72),
    });
    const at = (x: number, y: number) => {
      const i = (y * page.width + x) * 3;
      return [page.rgb[i]!, page.rgb[i + 1]!, page.rgb[i + 2]!];
    };
    const target = [0xff, 0xd4, 0x00];
    const near = (rgb: number[]) => rgb.every((c, i) => Math.abs(c - target[i]!) < 50);
    // Sample where the footage is green, blue and magenta (the line is yellow, so the footage alone never passes).
    for (const fraction of [0.2, 0.5, 0.65]) {
      const x = PROBE_LINE.from.x + (PROBE_LINE.to.x - PROBE_LINE.from.x) * ((fraction - PROBE_LINE.from.x) / (PROBE_LINE.to.x - PROBE_LINE.from.x));
      const point = toPx({ x: x * VIDEO.width, y: PROBE_LINE.from.y * VIDEO.height });
      const onLine = [-1, 0, 1].some((dy) => near(at(point.x, point.y + dy)));
      expect(onLine, `line colour at ${fraction} of the width: ${at(point.x, point.y)}`).toBe(true);
      const above = at(point.x, point.y - Math.round(dpi / 12));
      expect(near(above), `footage above the line at ${fraction}: ${above}`).toBe(false);
    }
  }, 120_000);

  it('reports another session with --session, and says clearly what is wrong with bad arguments', () => {
    const out = join(dir.path, 'earlier.pdf');
    const earlier = cli(project.path, '--session', project.previousSessionId, '--lang', 'en', '--out', out);
    expect(earlier.stderr).toBe('');
    expect(earlier.code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('2 Mar 2026');
    expect(text).not.toContain('Compared with the previous session');

    expect(cli(project.path, '--out', join(dir.path, 'x.pdf'), '--session', 'nope')).toMatchObject({
      code: 2,
      stderr: 'midstance report: There is no session with id nope in this project.\n',
    });
    expect(cli(project.path, '--out', join(dir.path, 'x.pdf'), '--lang', 'de').stderr).toMatch(/--lang must be nl or en, not "de"/);
    expect(cli(project.path, '--out', join(dir.path, 'x.txt')).stderr).toMatch(/--out must name a \.pdf file/);
    expect(cli(project.path).stderr).toMatch(/--out FILE\.pdf is required/);
    expect(existsSync(join(dir.path, 'x.pdf'))).toBe(false);
  });

  it('refuses an unwritable target before doing any work, and leaves nothing behind', () => {
    const blocker = join(dir.path, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const inFile = cli(project.path, '--out', join(blocker, 'report.pdf'));
    expect(inFile.code).toBe(2);
    expect(inFile.stderr).toMatch(/^midstance report: .*a-file.* is a file, not a folder|^midstance report: Part of .* is a file, not a folder/);
    const missing = cli(project.path, '--out', join(dir.path, 'no-such-folder', 'report.pdf'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^midstance report: .*no-such-folder.*\n$/);
    expect(existsSync(join(dir.path, 'no-such-folder'))).toBe(false);
  });

  it('on a full disk: a clear message, and no partial file at the target', (context) => {
    const small = join(dir.path, 'small-disk');
    mkdirSync(small);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small], { stdio: 'ignore' }).status !== 0) context.skip();
    try {
      writeFileSync(join(small, 'filler'), Buffer.alloc(56 * 1024, 1));
      const { code, stderr } = cli(project.path, '--lang', 'en', '--out', join(small, 'report.pdf'));
      expect(code).toBe(2);
      expect(stderr).toMatch(/^midstance report: The disk is full/);
      expect(readdirSync(small)).toEqual(['filler']);
    } finally {
      spawnSync('umount', [small]);
    }
  });

  it('still writes the report when a video is missing: a placeholder for each of its stills and a warning', () => {
    const moved = join(dir.path, 'moved');
    mkdirSync(moved);
    const copy = join(moved, 'Copy.midstance');
    copyFileSync(project.path, copy);
    renameSync(join(dir.path, 'side.mp4'), join(dir.path, 'side.mp4.away'));
    try {
      const out = join(moved, 'missing.pdf');
      const { code, stderr } = cli(copy, '--lang', 'en', '--out', out);
      expect(code).toBe(0);
      expect(stderr).toMatch(/^warning: The video of clip “Zijaanzicht links” was not found/);
      const text = pdfText(out);
      expect(text).toContain('Picture not available: video not found');
      expect(text).toContain('The video of clip “Zijaanzicht links” was not found');
      // Measurements do not need the video.
      expect(text).toContain('Knee angle at midstance — left');
    } finally {
      renameSync(join(dir.path, 'side.mp4.away'), join(dir.path, 'side.mp4'));
    }
  });

  it('prints the practice name from the settings, and warns (without failing) when the logo cannot be read', () => {
    const home = join(dir.path, 'practice-home');
    mkdirSync(home);
    const logo = join(home, 'logo.png');
    writeFileSync(logo, 'this is not a picture');
    writeFileSync(join(home, 'settings.json'), JSON.stringify({ practiceName: 'Fysiotherapie De Loper', practiceLogoPath: logo }));
    const out = join(home, 'with-practice.pdf');
    const { code, stderr } = cliWithHome(home, project.path, '--lang', 'en', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(`warning: The practice logo could not be read (${logo}); the report was made without it.\n`);
    const text = pdfText(out);
    expect(text.startsWith('Fysiotherapie De Loper')).toBe(true);
    expect(spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout).toMatch(/Author:\s+J\. Bakker, Fysiotherapie De Loper/);
    const imagesOf = (pdf: string) => spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
    const without = imagesOf(out);

    // A real picture: printed on the first page, beside the practice name, with no warning.
    expect(spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x1F5F8B:s=240x84', '-frames:v', '1', logo]).status).toBe(0);
    const withLogo = cliWithHome(home, project.path, '--lang', 'en', '--out', out);
    expect(withLogo.stderr).toBe('');
    const images = imagesOf(out);
    expect(images).toHaveLength(without.length + 1);
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+240\s+84\b/);
  });

  it('writes a short, honest report for a session with nothing measured', async () => {
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    const path = join(empty, 'Empty.midstance');
    const app = startProjectService(join(empty, 'data'));
    await app.call('project.create', { path });
    const client = await app.call('clients.create', { name: 'Piet Leeg' });
    await app.call('sessions.create', { clientId: client.record.id, date: '2026-06-01' });
    await app.dispose();
    const out = join(empty, 'empty.pdf');
    const { code, stderr } = cli(path, '--lang', 'en', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('Piet Leeg');
    expect(text).toContain('No measurements, gait events or checklist answers were recorded in this session');
    expect(text).toContain('No gait events were marked, so there are no running times.');
    expect(pageCount(out)).toBeLessThanOrEqual(3);
  });
});

describe('report through the core', () => {
  it('can be cancelled while it runs (nothing kept, nothing written), and saves only where it may', async () => {
    const app = startApp(join(dir.path, 'core-data'));
    try {
      await app.call('project.open', { path: project.path });
      const jobId = 'job-cancel';
      const off = app.core.events.subscribe((name, payload) => {
        if (name === 'report.progress' && (payload as { stage: string }).stage === 'stills') void app.call('report.cancel', { jobId });
      });
      const failure = await app.failure('report.create', { sessionId: project.sessionId, jobId, language: 'en' });
      off();
      expect(failure).toBeInstanceOf(MidstanceError);
      expect(failure.code).toBe('cancelled');

      const made = await app.call('report.create', { sessionId: project.sessionId, jobId: 'job-2', language: 'nl' });
      expect(made.pages).toBeGreaterThan(2);
      expect(Buffer.from(made.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      const blocker = join(dir.path, 'core-blocker');
      writeFileSync(blocker, 'x');
      const refused = await app.failure('report.save', { reportId: made.reportId, path: join(blocker, 'r.pdf') });
      expect(refused.code).toBe('file-access');
      const target = join(dir.path, 'core-out');
      mkdirSync(target);
      const path = join(target, made.suggestedName);
      expect(made.suggestedName).toBe('Verslag Anneke de Vries-Ĳzerman 2026-05-12.pdf');
      await app.call('report.save', { reportId: made.reportId, path });
      expect(readFileSync(path).equals(Buffer.from(made.pdfBase64, 'base64'))).toBe(true);
      // An existing file is replaced only when the user said so.
      expect((await app.failure('report.save', { reportId: made.reportId, path })).code).toBe('file-access');
      await app.call('report.save', { reportId: made.reportId, path, overwrite: true });
      expect(readdirSync(target)).toEqual([made.suggestedName]);
    } finally {
      await app.dispose();
    }
  }, 120_000);
});
