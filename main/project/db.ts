import { randomUUID } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MidstanceError } from '../../common/contract/errors.ts';
import { assertCanCreateBeside } from '../platform/atomic-write.ts';
import { fileSystemError } from '../platform/fs-errors.ts';
import { notRegularFileError } from '../platform/regular-file.ts';
import { APP_VERSION } from '../platform/version.ts';
import { mapDatabaseError } from './errors.ts';
import {
  APPLICATION_ID,
  invalidProjectError,
  newerProjectError,
  readSqliteHeader,
  readSqliteHeaderFromFile,
} from './header.ts';
import { MIGRATIONS, latestVersion } from './migrations/index.ts';
import { migrate } from './migrations/migrate.ts';
import {
  type WalRecovery,
  discardRecoveryCopy,
  inspectOnly,
  keepRecoveryCopy,
  leftoverWal,
  restoreFromRecoveryCopy,
  worthRecovering,
} from './recovery.ts';
import type { Migration } from './migrations/types.ts';

/**
 * Opening, creating and copying project files.
 *
 * Writers: one read-write connection per file, in SQLite's EXCLUSIVE locking mode. It takes an exclusive
 * lock on the file at open and keeps it until close; the operating system drops the lock when the process
 * dies (also on kill -9), so a crash never leaves a stale lock and two writers can never happen. In that
 * mode WAL runs without a -shm file; synchronous=FULL makes every commit durable before it returns.
 *
 * Readers that must not write (read-only files, `midstance info`) work on an in-memory copy of the file,
 * so the file itself is never opened for writing, locked or given side files.
 *
 * Everything that can be decided from the 100-byte header (empty, not SQLite, truncated, other
 * application, newer format) is decided before SQLite opens the file.
 */

export type OpenMode = 'edit' | 'inspect';

export interface OpenOptions {
  /** 'inspect' never writes: in-memory copy, migrated in memory if older. */
  mode?: OpenMode;
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface ProjectDb {
  db: Database.Database;
  path: string;
  readOnly: boolean;
  /** Why it is read-only: the file may not be written, or the caller asked to inspect. */
  readOnlyReason: 'file' | 'inspect' | null;
  schemaVersion: number;
  migratedFrom: number | null;
  backupPath: string | null;
  /** The file was not closed cleanly last time: what its leftover -wal held, and where a copy is kept. */
  recovery: WalRecovery | null;
}

export async function openProjectDb(path: string, options: OpenOptions = {}): Promise<ProjectDb> {
  const migrations = options.migrations ?? MIGRATIONS;
  const supported = latestVersion(migrations);
  checkHeader(path, supported);
  if (options.mode === 'inspect' || !isWritable(path)) {
    return openSnapshot(path, migrations, options.mode === 'inspect' ? 'inspect' : 'file');
  }
  // A -wal left by an unclean shutdown is copied away before SQLite touches it (see recovery.ts).
  const wal = leftoverWal(path);
  const recovery = wal && worthRecovering(wal) ? keepRecoveryCopy(path, wal, options.now?.() ?? new Date()) : null;
  let db: Database.Database;
  try {
    db = lockForWriting(path);
  } catch (error) {
    // Another Midstance has it open: its -wal is live, not a leftover.
    if (recovery) discardRecoveryCopy(recovery);
    throw error;
  }
  // Holding the exclusive lock, no other connection can be using a -shm file: one left behind by a
  // reader after a crash is stale, and removing it keeps the folder tidy.
  rmSync(`${path}-shm`, { force: true });
  try {
    const { userVersion } = checkIdentity(db, path, supported);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (recovery) assertIntact(db, path);
    let backupPath: string | null = null;
    let migratedFrom: number | null = null;
    if (userVersion < supported) {
      backupPath = await backupBeforeMigration(db, path, userVersion, options.now?.() ?? new Date());
      migratedFrom = userVersion;
      migrate(db, migrations, userVersion);
    }
    recordWriter(db);
    return { db, path, readOnly: false, readOnlyReason: null, schemaVersion: supported, migratedFrom, backupPath, recovery };
  } catch (error) {
    db.close();
    // Closing folds the log into the file; a refused file is put back exactly as it was found (so the
    // copy is no longer needed, and trying again does not pile up copies).
    if (recovery) {
      restoreFromRecoveryCopy(path, recovery);
      discardRecoveryCopy(recovery);
    }
    throw mapDatabaseError(error, path);
  }
}

/** After an unclean shutdown: the file SQLite recovered must pass its own full check before anyone edits it. */
function assertIntact(db: Database.Database, path: string): void {
  const problems = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map((row) => row.integrity_check);
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw new MidstanceError(
    'project-invalid',
    `${path} was not closed properly last time and is damaged (SQLite's check found problems). It was not opened, and the file and its change log (-wal) were left exactly as found. Open a backup copy if you have one.`,
    { path, problems },
  );
}

/** Creates a complete, empty project at path, atomically (built under a temporary name, then renamed). */
export function createProjectFile(
  path: string,
  settings: Record<string, unknown>,
  options: { overwrite?: boolean; migrations?: readonly Migration[]; now?: Date } = {},
): void {
  if (existsSync(path)) {
    assertRegularTarget(path);
    if (!options.overwrite) {
      throw new MidstanceError('invalid-request', `${path} already exists. Open it, or choose another name.`, { path });
    }
    assertNotOpenElsewhere(path);
  }
  // SQLite would only say "unable to open database file"; this names the cause first.
  assertCanCreateBeside(path);
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.creating`);
  const now = (options.now ?? new Date()).toISOString();
  try {
    const db = new Database(temporary);
    try {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, options.migrations ?? MIGRATIONS, 0);
      const meta = db.prepare('INSERT INTO project_meta (key, value) VALUES (?, ?)');
      db.transaction(() => {
        meta.run('created_at', now);
        meta.run('created_with', APP_VERSION);
        meta.run('last_written_with', APP_VERSION);
        for (const [key, value] of Object.entries(settings)) meta.run(`setting.${key}`, JSON.stringify(value));
      })();
    } finally {
      db.close();
    }
    fsyncFile(temporary);
    renameSync(temporary, path);
    fsyncDirectory(dirname(path));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw mapDatabaseError(error, path);
  }
}

/**
 * A consistent copy of an open database at `target` via SQLite's online backup API, written under a
 * temporary name and renamed, so `target` is either the old file or the complete copy.
 */
export async function copyProjectDb(db: Database.Database, target: string, overwrite: boolean): Promise<void> {
  if (existsSync(target)) {
    assertRegularTarget(target);
    if (!overwrite) {
      throw new MidstanceError('invalid-request', `${target} already exists. Choose another name.`, { path: target });
    }
    assertNotOpenElsewhere(target);
  }
  assertCanCreateBeside(target);
  const temporary = join(dirname(target), `.${basename(target)}.${randomUUID()}.saving`);
  try {
    // One step for all pages: the copy is a snapshot of one moment even if edits follow.
    await db.backup(temporary, { progress: () => 0x7fffffff });
    fsyncFile(temporary);
    renameSync(temporary, target);
    fsyncDirectory(dirname(target));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw mapDatabaseError(error, target);
  }
}

/** Only a regular file may be replaced: reading a pipe's "header" would block until someone writes to it. */
function assertRegularTarget(path: string): void {
  const stats = statSync(path);
  if (!stats.isFile()) throw notRegularFileError(path, stats, 'invalid-request', 'project');
}

/** Closes a writer; SQLite checkpoints the WAL into the file and removes it. */
export function closeProjectDb(project: ProjectDb): void {
  if (project.db.open) project.db.close();
}

function checkHeader(path: string, supported: number): void {
  let header;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw notRegularFileError(path, stats, 'project-invalid', 'project');
    header = readSqliteHeaderFromFile(path);
  } catch (error) {
    if (error instanceof MidstanceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MidstanceError('not-found', `Cannot find the project ${path}.`, { path });
    throw fileSystemError(error, path) ?? error;
  }
  if (typeof header === 'string') throw invalidProjectError(path, header);
  if (header.applicationId !== APPLICATION_ID) throw invalidProjectError(path, 'other-application');
  // The header can lag behind an uncheckpointed WAL only towards older versions, so "newer" is final here.
  if (header.userVersion > supported) throw newerProjectError(path, header.userVersion, supported, writtenBy(path));
}

/** Best effort, for the message only: which Midstance last wrote the file (read from an in-memory copy). */
function writtenBy(path: string): string | null {
  try {
    const db = new Database(asRollbackImage(readFileSync(path)), { readonly: true });
    try {
      const row = db.prepare("SELECT value FROM project_meta WHERE key = 'last_written_with'").get() as
        | { value: string }
        | undefined;
      return row?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Takes the exclusive lock or fails with 'project-locked'; nothing is written to the file here. */
function lockForWriting(path: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (error) {
    db?.close();
    throw mapDatabaseError(error, path);
  }
}

/** Throws 'project-locked' when another writer has the file open; other files pass. */
export function assertNotOpenElsewhere(path: string): void {
  const header = readSqliteHeaderFromFile(path);
  if (typeof header === 'string') return;
  lockForWriting(path).close();
}

/** The authoritative check, on the open connection (the header may predate an uncheckpointed WAL). */
function checkIdentity(db: Database.Database, path: string, supported: number): { userVersion: number } {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  if (applicationId !== APPLICATION_ID) throw invalidProjectError(path, 'other-application');
  if (userVersion === 0) throw invalidProjectError(path, 'incomplete');
  if (userVersion > supported) throw newerProjectError(path, userVersion, supported, null);
  return { userVersion };
}

function openSnapshot(path: string, migrations: readonly Migration[], reason: 'file' | 'inspect'): ProjectDb {
  const image = readConsistentImage(path);
  // Read after the image: had another Midstance been writing, reading the image would have failed.
  const leftover = leftoverWal(path);
  const wal = leftover && worthRecovering(leftover) ? leftover : null;
  const header = readSqliteHeader(image, image.length);
  if (typeof header === 'string') throw invalidProjectError(path, header);
  let db: Database.Database;
  try {
    db = new Database(asRollbackImage(image));
  } catch (error) {
    throw mapDatabaseError(error, path);
  }
  try {
    const supported = latestVersion(migrations);
    const { userVersion } = checkIdentity(db, path, supported);
    db.pragma('foreign_keys = ON');
    // An older file is brought up to date in memory only: reading never changes the file.
    if (userVersion < supported) migrate(db, migrations, userVersion);
    db.pragma('query_only = ON');
    return {
      db,
      path,
      readOnly: true,
      readOnlyReason: reason,
      schemaVersion: supported,
      migratedFrom: userVersion < supported ? userVersion : null,
      backupPath: null,
      recovery: wal ? inspectOnly(wal) : null,
    };
  } catch (error) {
    db.close();
    throw mapDatabaseError(error, path);
  }
}

/**
 * The file's bytes as one consistent database image. Without a -wal file that is the file itself; with one
 * (a writer has it open, or crashed), SQLite reads it through a read-only connection, which respects the
 * writer's lock (→ 'project-locked') and includes committed transactions still in the WAL.
 */
function readConsistentImage(path: string): Buffer {
  const wal = `${path}-wal`;
  if (!existsSync(wal)) {
    const bytes = readFileSync(path);
    if (!existsSync(wal)) return bytes;
  }
  let reader: Database.Database | undefined;
  try {
    reader = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
    // One read transaction: the lock check (SQLITE_BUSY) comes first, and the copy is one snapshot.
    reader.exec('BEGIN');
    reader.pragma('user_version');
    const image = reader.serialize();
    reader.exec('COMMIT');
    return image;
  } catch (error) {
    throw mapDatabaseError(error, path);
  } finally {
    reader?.close();
  }
}

/** An in-memory database cannot use WAL; mark the copy as a rollback-journal image (bytes 18–19). */
function asRollbackImage(image: Buffer): Buffer {
  if (image.length >= 20) {
    image[18] = 1;
    image[19] = 1;
  }
  return image;
}

async function backupBeforeMigration(db: Database.Database, path: string, version: number, now: Date): Promise<string> {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const extension = extname(path);
  const stem = basename(path, extension);
  const target = join(dirname(path), `${stem} (backup format ${version} ${stamp})${extension || '.midstance'}`);
  await copyProjectDb(db, target, false);
  return target;
}

function recordWriter(db: Database.Database): void {
  db.prepare(
    "INSERT INTO project_meta (key, value) VALUES ('last_written_with', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value",
  ).run(APP_VERSION);
}

/**
 * Writable for us: the file's write permission bits are set (a file marked read-only is respected even by
 * an administrator), we may write it, and we may create the -wal file beside it.
 */
export function isWritable(path: string): boolean {
  try {
    if ((statSync(path).mode & 0o222) === 0) return false;
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDirectory(path: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  }
}
