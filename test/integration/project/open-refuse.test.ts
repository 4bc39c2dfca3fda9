import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProjectDb } from '../../../main/project/db.ts';
import { APPLICATION_ID } from '../../../main/project/header.ts';
import { latestVersion, MIGRATIONS } from '../../../main/project/migrations/index.ts';
import type { Migration } from '../../../main/project/migrations/types.ts';
import { STYLE, goniometer, inspectRaw, sha256, sideFiles, startApp, tempDir, writeRealVideo, writeVideo } from './helpers.ts';

const dir = tempDir();
const dataDir = join(dir.path, 'data');

/** A closed project with one client, session, clip and annotation. */
let sample: string;

beforeAll(async () => {
  sample = join(dir.path, 'sample.midstance');
  const app = startApp(dataDir);
  await app.call('project.create', { path: sample });
  const client = await app.call('clients.create', { name: 'Sam Sample' });
  const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-03-01' });
  const video = await writeRealVideo(join(dir.path, 'side.mp4'));
  const clip = await app.call('clips.add', { path: video, sessionId: session.record.id });
  for (let i = 0; i < 200; i++) {
    await app.call('annotations.create', {
      clipId: clip.record.id,
      frameIndex: i,
      frameTime: i / 240,
      geometry: goniometer(i),
      label: `label ${'x'.repeat(150)} ${i}`,
      style: STYLE,
    });
  }
  await app.dispose();
});
afterAll(() => dir.remove());

function copyOfSample(name: string): string {
  const path = join(dir.path, name);
  copyFileSync(sample, path);
  return path;
}

/** Opens `path` and expects a refusal with `code`; the file must be byte-for-byte the same, with no side files. */
async function expectRefused(path: string, code: string, mode: 'edit' | 'inspect' = 'edit') {
  const before = sha256(path);
  const error = await openProjectDb(path, { mode }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toMatchObject({ code });
  expect(sha256(path)).toBe(before);
  expect(sideFiles(path)).toEqual([]);
  return error as { code: string; message: string; details?: Record<string, unknown> };
}

describe('refusing files that are not usable projects, leaving them untouched', () => {
  it('refuses a zero-byte file', async () => {
    const path = join(dir.path, 'empty.midstance');
    writeFileSync(path, '');
    const error = await expectRefused(path, 'project-invalid');
    expect(error.message).toMatch(/empty/);
  });

  it('refuses files that are not SQLite (text, random bytes, a short file)', async () => {
    const text = join(dir.path, 'notes.midstance');
    writeFileSync(text, 'these are my notes, not a project\n'.repeat(300));
    await expectRefused(text, 'project-invalid');
    const random = writeVideo(join(dir.path, 'random.midstance'), 8192, 7);
    await expectRefused(random, 'project-invalid');
    const short = join(dir.path, 'short.midstance');
    writeFileSync(short, 'SQLite format 3\u0000');
    await expectRefused(short, 'project-invalid', 'inspect');
  });

  it('refuses a truncated project (cut on and off a page boundary)', async () => {
    const size = statSync(sample).size;
    expect(size).toBeGreaterThan(8 * 4096);
    const onBoundary = copyOfSample('cut-page.midstance');
    truncateSync(onBoundary, 4 * 4096);
    const error = await expectRefused(onBoundary, 'project-invalid');
    expect(error.details).toMatchObject({ problem: 'truncated' });
    const midPage = copyOfSample('cut-mid.midstance');
    truncateSync(midPage, size - 1000);
    await expectRefused(midPage, 'project-invalid', 'inspect');
  });

  it('refuses a SQLite database of another program', async () => {
    const path = join(dir.path, 'other.midstance');
    const other = new Database(path);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES (1);');
    other.close();
    const error = await expectRefused(path, 'project-invalid');
    expect(error.details).toMatchObject({ problem: 'other-application' });
    // Also one that happens to have tables with our names but no application id.
    const lookalike = join(dir.path, 'lookalike.midstance');
    const db = new Database(lookalike);
    db.exec('CREATE TABLE clients (id TEXT); PRAGMA user_version = 1;');
    db.close();
    await expectRefused(lookalike, 'project-invalid', 'inspect');
  });

  it('refuses a project from a newer Midstance and names both format versions', async () => {
    const path = copyOfSample('newer.midstance');
    const db = new Database(path);
    db.pragma('user_version = 7');
    db.prepare("UPDATE project_meta SET value = '9.1.0' WHERE key = 'last_written_with'").run();
    db.close();
    const error = await expectRefused(path, 'project-newer');
    expect(error.details).toMatchObject({ fileVersion: 7, supportedVersion: latestVersion(MIGRATIONS), writtenBy: '9.1.0' });
    expect(error.message).toContain('format 7');
    expect(error.message).toContain(`up to ${latestVersion(MIGRATIONS)}`);
    expect(error.message).toContain('9.1.0');
    await expectRefused(path, 'project-newer', 'inspect');
  });

  it('refuses a file with our application id that was never completely created', async () => {
    const path = join(dir.path, 'incomplete.midstance');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('CREATE TABLE half (x)');
    db.close();
    const error = await expectRefused(path, 'project-invalid');
    expect(error.details).toMatchObject({ problem: 'incomplete' });
  });

  it('refuses a folder and a path that does not exist', async () => {
    await expect(openProjectDb(dir.path)).rejects.toMatchObject({ code: 'project-invalid' });
    await expect(openProjectDb(join(dir.path, 'nope.midstance'))).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a read-only file', () => {
  it('opens read-only with a notice, refuses edits, stays untouched, and can be saved as a writable copy', async () => {
    const path = copyOfSample('readonly.midstance');
    chmodSync(path, 0o444);
    const before = sha256(path);
    const app = startApp(join(dir.path, 'data-ro'));
    try {
      const state = await app.call('project.open', { path });
      expect(state.readOnly).toBe(true);
      expect(state.notice).toMatch(/read-only/);
      const [client] = await app.call('clients.list', {});
      expect(client?.name).toBe('Sam Sample');
      const error = await app.failure('clients.update', { id: client!.id, patch: { name: 'Changed' } });
      expect(error.code).toBe('project-read-only');
      expect(sideFiles(path)).toEqual([]);

      const copy = join(dir.path, 'writable-copy.midstance');
      const copied = await app.call('project.saveAs', { path: copy });
      expect(copied.readOnly).toBe(false);
      await app.call('clients.update', { id: client!.id, patch: { name: 'Changed' } });
    } finally {
      await app.dispose();
    }
    expect(sha256(path)).toBe(before);
    chmodSync(path, 0o644);
  });
});

describe('one writer per project', () => {
  let holder: ChildProcess | undefined;
  afterAll(() => holder?.kill('SIGKILL'));

  function holdInChild(path: string, clients = 0): Promise<ChildProcess> {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures', 'hold-project.ts'), path, String(clients)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      child.stdout!.once('data', () => resolve(child));
    });
  }

  it('refuses a project open in another process, for editing and for reading, until that process dies', async () => {
    const path = copyOfSample('locked.midstance');
    holder = await holdInChild(path);
    const error = await openProjectDb(path).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: 'project-locked' });
    expect((error as Error).message).toMatch(/already open/);
    await expect(openProjectDb(path, { mode: 'inspect' })).rejects.toMatchObject({ code: 'project-locked' });

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder!.once('exit', resolve));
    holder = undefined;
    // The lock died with the process: no stale lock to clear by hand.
    const opened = await openProjectDb(path);
    expect(opened.readOnly).toBe(false);
    opened.db.close();
    expect(sideFiles(path)).toEqual([]);
  });

  it('after a crash, reads committed edits still in the WAL (without writing) and then opens for editing', async () => {
    const path = copyOfSample('crashed.midstance');
    holder = await holdInChild(path, 25);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder!.once('exit', resolve));
    holder = undefined;
    expect(sideFiles(path)).toEqual(['crashed.midstance-wal']);
    const before = sha256(path);
    const countClients = (db: Database.Database) => db.prepare('SELECT count(*) FROM clients').pluck().get();

    const inspected = await openProjectDb(path, { mode: 'inspect' });
    expect(countClients(inspected.db)).toBe(26);
    inspected.db.close();
    expect(sha256(path)).toBe(before);

    const opened = await openProjectDb(path);
    expect(countClients(opened.db)).toBe(26);
    opened.db.close();
    expect(sideFiles(path)).toEqual([]);
  });

  it('refuses a second writer in the same process too', async () => {
    const path = copyOfSample('twice.midstance');
    const first = await openProjectDb(path);
    await expect(openProjectDb(path)).rejects.toMatchObject({ code: 'project-locked' });
    first.db.close();
    const again = await openProjectDb(path);
    again.db.close();
  });

  it('keeps the writer durable: WAL, synchronous FULL, foreign keys on, our application id', async () => {
    const path = copyOfSample('pragmas.midstance');
    const { db } = await openProjectDb(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    db.close();
  });
});

describe('older project files', () => {
  const addColumn: Migration = {
    version: latestVersion(MIGRATIONS) + 1,
    name: 'test: clip colour',
    up: (db) => db.exec("ALTER TABLE clips ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue'"),
  };
  const failing: Migration = {
    version: latestVersion(MIGRATIONS) + 2,
    name: 'test: fails half way',
    up: (db) => {
      db.exec('CREATE TABLE half_done (x)');
      throw new Error('migration bug');
    },
  };

  it('writes a backup next to the file, then migrates it forward', async () => {
    const path = copyOfSample('old.midstance');
    const before = sha256(path);
    const opened = await openProjectDb(path, { migrations: [...MIGRATIONS, addColumn] });
    expect(opened.migratedFrom).toBe(latestVersion(MIGRATIONS));
    expect(opened.schemaVersion).toBe(addColumn.version);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(addColumn.version);
    expect(opened.db.prepare('SELECT colour FROM clips').pluck().get()).toBe('blue');
    opened.db.close();

    const backup = opened.backupPath!;
    expect(backup).toMatch(new RegExp(`old \\(backup format ${latestVersion(MIGRATIONS)} .*\\)\\.midstance$`));
    expect(sha256(path)).not.toBe(before);
    inspectRaw(backup, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
      expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(200);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
    // The backup is itself an ordinary project of the old format.
    const reopened = await openProjectDb(backup);
    expect(reopened.migratedFrom).toBeNull();
    reopened.db.close();
  });

  it('rolls a failing migration back completely: the file stays at the last good version', async () => {
    const path = copyOfSample('old-failing.midstance');
    await expect(openProjectDb(path, { migrations: [...MIGRATIONS, addColumn, failing] })).rejects.toThrow(/migration bug/);
    inspectRaw(path, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(addColumn.version);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(200);
    });
  });

  it('reads an older file that may not be written in memory only, without touching it', async () => {
    const path = copyOfSample('old-readonly.midstance');
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    const opened = await openProjectDb(path, { migrations: [...MIGRATIONS, addColumn] });
    expect(opened.readOnly).toBe(true);
    expect(opened.db.prepare('SELECT colour FROM clips').pluck().get()).toBe('blue');
    expect(() => opened.db.exec('DELETE FROM annotations')).toThrow();
    opened.db.close();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(sideFiles(path)).toEqual([]);
    chmodSync(path, 0o644);
  });
});
