import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyseWal, walLosesChanges } from '../../../main/project/wal.ts';
import { sha256, startProjectService, tempDir } from './helpers.ts';

const run = promisify(execFile);
const bin = new URL('../../../bin/midstance.js', import.meta.url).pathname;

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('midstance-wal-');
});
afterEach(() => dir.remove());

const CLIENTS = 7;

/**
 * A project as an unclean shutdown leaves it: the file plus a -wal holding committed edits that were never
 * folded in. Made by copying both files while the project is open (SQLite only folds the log in on close).
 */
async function crashedProject(name: string): Promise<string> {
  const app = startProjectService(join(dir.path, 'data'));
  const state = await app.call('project.create', { path: join(dir.path, 'live', name) });
  for (let i = 1; i <= CLIENTS; i++) await app.call('clients.create', { name: `Client ${i}` });
  const target = join(dir.path, name);
  mkdirSync(dir.path, { recursive: true });
  copyFileSync(state.path, `${target}.midstance`);
  copyFileSync(`${state.path}-wal`, `${target}.midstance-wal`);
  await app.dispose();
  return `${target}.midstance`;
}

/** Overwrites page bytes of a frame in the middle of the log, as a disk or a bad copy might. */
function damageMiddleOfWal(path: string): void {
  const wal = readFileSync(`${path}-wal`);
  const analysis = analyseWal(wal);
  const frame = Math.floor(analysis.framesInFile / 2);
  const offset = 32 + frame * (24 + analysis.pageSize!) + 24 + 200;
  wal.fill(0xa5, offset, offset + 64);
  writeFileSync(`${path}-wal`, wal);
}

const recoveryFolders = () => readdirSync(dir.path).filter((name) => name.includes('(recovery '));

describe('analyseWal on real logs', () => {
  it('counts every committed edit of an intact log, and finds the damage in a damaged one', async () => {
    const path = await crashedProject('intact');
    const intact = analyseWal(readFileSync(`${path}-wal`));
    expect(intact).toMatchObject({ headerValid: true, pageSize: 4096, unappliedFrames: 0, unappliedCommits: 0, firstDamagedFrame: null });
    // One commit per client plus the project's own set-up writes.
    expect(intact.appliedCommits).toBeGreaterThanOrEqual(CLIENTS);
    expect(intact.appliedFrames).toBe(intact.framesInFile);
    expect(walLosesChanges(intact)).toBe(false);

    damageMiddleOfWal(path);
    const damaged = analyseWal(readFileSync(`${path}-wal`));
    expect(damaged.firstDamagedFrame).toBe(Math.floor(intact.framesInFile / 2));
    expect(damaged.appliedFrames).toBeLessThan(intact.framesInFile);
    expect(damaged.appliedCommits + damaged.unappliedCommits).toBe(intact.appliedCommits);
    expect(walLosesChanges(damaged)).toBe(true);
  });

  it('reads garbage, a cut-off header and an empty file without throwing', () => {
    expect(analyseWal(new Uint8Array(0))).toMatchObject({ headerValid: false, framesInFile: 0 });
    expect(analyseWal(Buffer.from('not a log at all, just some text that is long enough'))).toMatchObject({ headerValid: false });
  });
});

describe('opening a project that was not closed properly', () => {
  it('keeps a copy first, recovers every change and says so', async () => {
    const path = await crashedProject('Practice');
    const before = { file: sha256(path), wal: sha256(`${path}-wal`) };
    const app = startProjectService(join(dir.path, 'data2'));
    const state = await app.call('project.open', { path });
    expect(await app.call('clients.list', {})).toHaveLength(CLIENTS);
    expect(state.recovery).toMatchObject({ lostChanges: 0 });
    expect(state.recovery!.recoveredChanges).toBeGreaterThanOrEqual(CLIENTS);
    expect(state.notice).toMatch(/not closed properly.*nothing was lost.*copy/);
    const [folder] = recoveryFolders();
    expect(state.recovery!.folder).toBe(join(dir.path, folder!));
    expect(state.notice).toContain(state.recovery!.folder);
    // The copy is the state the crash left, byte for byte.
    expect(sha256(join(dir.path, folder!, 'Practice.midstance'))).toBe(before.file);
    expect(sha256(join(dir.path, folder!, 'Practice.midstance-wal'))).toBe(before.wal);
    await app.call('project.close', {});
    await app.dispose();
    // A clean close leaves no log: the next open has nothing to recover.
    const again = startProjectService(join(dir.path, 'data3'));
    expect((await again.call('project.open', { path })).recovery).toBeNull();
    expect(recoveryFolders()).toHaveLength(1);
    await again.dispose();
  });

  it('with the log damaged in the middle: says how many changes are missing and keeps the evidence', async () => {
    const path = await crashedProject('Damaged');
    damageMiddleOfWal(path);
    const before = { file: sha256(path), wal: sha256(`${path}-wal`) };
    const expected = analyseWal(readFileSync(`${path}-wal`));
    const app = startProjectService(join(dir.path, 'data2'));
    const state = await app.call('project.open', { path });
    // SQLite applies the log only up to the damage: fewer clients than were saved.
    expect((await app.call('clients.list', {})).length).toBeLessThan(CLIENTS);
    expect(state.recovery).toMatchObject({ recoveredChanges: expected.appliedCommits, lostChanges: expected.unappliedCommits });
    expect(state.recovery!.lostChanges).toBeGreaterThan(0);
    expect(state.notice).toMatch(/damaged.*could not be read and (is|are) missing/);
    const folder = state.recovery!.folder!;
    expect(sha256(join(folder, 'Damaged.midstance'))).toBe(before.file);
    expect(sha256(join(folder, 'Damaged.midstance-wal'))).toBe(before.wal);
    await app.dispose();
  });

  it('refuses a recovered file that fails integrity_check and leaves both files exactly as found', async () => {
    const app = startProjectService(join(dir.path, 'data'));
    const { path: live } = await app.call('project.create', { path: join(dir.path, 'live', 'Broken') });
    for (let i = 1; i <= CLIENTS; i++) await app.call('clients.create', { name: `Client ${i}` });
    await app.dispose();
    // Damage only SQLite's own check can see: one byte of a key inside an index page (the table is intact).
    const raw = new Database(live, { readonly: true });
    const index = raw.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'clients'").get() as {
      rootpage: number;
    };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(live);
    // The ids (UUID text) in the index's cells: change their digit 'a's to 'b's; the record format stays valid.
    let changed = 0;
    for (let at = (index.rootpage - 1) * pageSize + 100; at < index.rootpage * pageSize; at++) {
      if (bytes[at] === 0x61) {
        bytes[at] = 0x62;
        changed++;
      }
    }
    expect(changed).toBeGreaterThan(0);
    writeFileSync(live, bytes);
    // An unclean shutdown on top: a -wal with a committed change, copied while the writer is open.
    const writer = new Database(live);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("INSERT INTO project_meta (key, value) VALUES ('after-crash', 'x')").run();
    const path = join(dir.path, 'Broken.midstance');
    copyFileSync(live, path);
    copyFileSync(`${live}-wal`, `${path}-wal`);
    writer.close();
    const before = { file: sha256(path), wal: sha256(`${path}-wal`) };

    const opener = startProjectService(join(dir.path, 'data2'));
    const error = await opener.failure('project.open', { path });
    expect(error.code).toBe('project-invalid');
    expect(error.message).toMatch(/not closed properly last time and is damaged.*not opened.*left exactly as found/);
    expect(error.details).toMatchObject({ path, problems: expect.arrayContaining([expect.stringMatching(/missing from index/)]) });
    expect(recoveryFolders()).toEqual([]);
    expect(sha256(path)).toBe(before.file);
    expect(sha256(`${path}-wal`)).toBe(before.wal);
    await opener.dispose();
  });

  it('makes no copy when the file is open in another Midstance (its log is live, not left over)', async () => {
    const holder = startProjectService(join(dir.path, 'data'));
    const { path } = await holder.call('project.create', { path: join(dir.path, 'Busy') });
    await holder.call('clients.create', { name: 'A' });
    const other = startProjectService(join(dir.path, 'data2'));
    expect((await other.failure('project.open', { path })).code).toBe('project-locked');
    expect(recoveryFolders()).toEqual([]);
    await other.dispose();
    await holder.dispose();
  });

  it('midstance info reports the leftover log and changes nothing', async () => {
    const path = await crashedProject('Info');
    damageMiddleOfWal(path);
    const before = { file: sha256(path), wal: sha256(`${path}-wal`) };
    const { stdout } = await run(process.execPath, [bin, 'info', path]);
    expect(stdout).toMatch(/NOT CLOSED PROPERLY/);
    expect(stdout).toMatch(/\d+ changes? in it could not be read \(damaged\)/);
    expect(sha256(path)).toBe(before.file);
    expect(sha256(`${path}-wal`)).toBe(before.wal);
    expect(recoveryFolders()).toEqual([]);
  });
});
