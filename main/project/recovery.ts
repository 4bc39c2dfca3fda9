import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import { fileSystemError } from '../platform/fs-errors.ts';
import { notRegularFileError } from '../platform/regular-file.ts';
import { type WalAnalysis, analyseWal, walLosesChanges } from './wal.ts';

/**
 * A project opened with a `-wal` file beside it was not closed cleanly (a clean close folds the log into
 * the file and removes it). Before SQLite applies the log — which also discards whatever it cannot
 * verify — both files are copied into a recovery folder next to the project, so nothing is lost even
 * when the log is damaged, and the user is told what was recovered and where the copy is.
 */
export interface WalRecovery {
  /** Folder holding the untouched project file and its -wal, as found. Null when nothing was copied (inspect). */
  folder: string | null;
  wal: WalAnalysis;
  /** SQLite will drop transactions the log committed (it is damaged). */
  changesLost: boolean;
}

/** The log left over by an unclean shutdown, analysed; null when there is none (or it is empty). */
export function leftoverWal(path: string): WalAnalysis | null {
  let bytes: Buffer;
  try {
    // A pipe under that name would block the read below.
    const stats = statSync(`${path}-wal`);
    if (!stats.isFile()) throw notRegularFileError(`${path}-wal`, stats, 'project-invalid', 'change log');
    bytes = readFileSync(`${path}-wal`);
  } catch (error) {
    if (error instanceof MidstanceError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fileSystemError(error, `${path}-wal`) ?? error;
  }
  return bytes.length === 0 ? null : analyseWal(bytes);
}

/**
 * Copies the project file and its -wal into `<name> (recovery <time>)/` beside it. Called before SQLite
 * opens the file (even taking the lock and closing again would fold the log in), so the copy is the
 * state the crash left. Throws (and leaves no half copy) when the copy cannot be made: opening then
 * would risk the only evidence.
 */
export function keepRecoveryCopy(path: string, wal: WalAnalysis, now: Date): WalRecovery {
  const extension = extname(path);
  const stem = basename(path, extension);
  const stamp = now.toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '.');
  let folder = join(dirname(path), `${stem} (recovery ${stamp})`);
  for (let n = 2; exists(folder); n += 1) folder = join(dirname(path), `${stem} (recovery ${stamp} ${n})`);
  try {
    mkdirSync(folder);
    for (const suffix of ['', '-wal']) {
      const target = join(folder, `${basename(path)}${suffix}`);
      copyFileSync(`${path}${suffix}`, target);
      syncFile(target);
    }
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const mapped = fileSystemError(error, folder);
    throw new MidstanceError(
      mapped?.code ?? 'file-access',
      `${path} was not closed properly last time, and Midstance could not first keep a copy of it in ${dirname(path)} (${mapped?.message ?? String(error)}). The project was not opened and not changed.`,
      { path, recoveryFolder: folder, fsCode: (error as NodeJS.ErrnoException).code ?? null },
    );
  }
  return { folder, wal, changesLost: changesLost(wal) };
}

/** Nothing to recover: a log with no commits in it and no sign of damage. */
export function worthRecovering(wal: WalAnalysis): boolean {
  return wal.appliedCommits > 0 || changesLost(wal);
}

/** A log whose header is unreadable is ignored by SQLite as a whole: whatever it held is lost. */
function changesLost(wal: WalAnalysis): boolean {
  return walLosesChanges(wal) || (!wal.headerValid && wal.bytes > 32);
}

/** For a copy made before the lock, when the lock shows another program is using the file right now. */
export function discardRecoveryCopy(recovery: WalRecovery): void {
  if (recovery.folder) rmSync(recovery.folder, { recursive: true, force: true });
}

/** The analysis only, for readers that never write (nothing is copied, the files stay as they are). */
export function inspectOnly(wal: WalAnalysis): WalRecovery {
  return { folder: null, wal, changesLost: changesLost(wal) };
}

/** Puts the copied files back, byte for byte, after a refused open (SQLite's close folds the log in). */
export function restoreFromRecoveryCopy(path: string, recovery: WalRecovery): void {
  if (!recovery.folder) return;
  for (const suffix of ['', '-wal']) copyFileSync(join(recovery.folder, `${basename(path)}${suffix}`), `${path}${suffix}`);
}

/** What the user reads after opening (English; the UI words it from the structured fields). */
export function recoveryNotice(recovery: WalRecovery): string {
  const { wal } = recovery;
  const where = recovery.folder ? ` A copy of the file as it was found is kept in ${recovery.folder}.` : '';
  if (recovery.changesLost && !wal.headerValid) {
    return `This project was not closed properly last time and its change log is damaged beyond reading: the most recent changes may be missing. Check the latest work.${where}`;
  }
  if (recovery.changesLost) {
    return `This project was not closed properly last time and its change log is damaged: ${changes(wal.appliedCommits, 'recent')} recovered, but ${wal.unappliedCommits} later change${wal.unappliedCommits === 1 ? '' : 's'} could not be read and ${wal.unappliedCommits === 1 ? 'is' : 'are'} missing. Check the latest work.${where}`;
  }
  return `This project was not closed properly last time; ${changes(wal.appliedCommits, 'recent')} recovered and nothing was lost.${where}`;
}

const changes = (count: number, which: string): string =>
  count === 1 ? `1 ${which} change was` : `${count} ${which} changes were`;

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
