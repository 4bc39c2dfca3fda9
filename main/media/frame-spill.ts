import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The disk tier behind the in-memory frame cache: one append-only file per open clip holding
 * the clip's preview JPEGs that memory had to let go of, so a clip larger than the memory bound
 * still warms completely. Offsets and lengths stay in memory, indexed by frame index; reads are
 * synchronous positional reads (the page cache answers them in well under a millisecond).
 *
 * All spill files of one engine live in a private folder (mode 0700, files 0600: these are
 * patients' frames) named midstance-frames-<pid>-<random>, removed on dispose, at process exit
 * and, if the process died, by the next start (removeStaleSpillDirs).
 *
 * Bounded: all files together stay under maxBytes, and writing stops while the filesystem
 * would drop below minFreeBytes free. A file that hits either bound turns read-only ('full');
 * any I/O error or a frame that reads back wrong turns it off ('failed': closed and deleted).
 * Callers then fall back to memory-only behaviour; a spill never decides what frame they get.
 */

export interface SpillLimits {
  /** All spill files of one SpillDirectory together. */
  maxBytes: number;
  /** Stop writing while the filesystem would have less than this free. */
  minFreeBytes: number;
}

export const DEFAULT_SPILL_LIMITS: SpillLimits = {
  maxBytes: 8 * 1024 ** 3,
  minFreeBytes: 1024 ** 3,
};

export interface SpillDirectoryOptions {
  /** Folder to create the spill folder in (default: the OS temp folder). */
  parent?: string;
  limits?: Partial<SpillLimits>;
  /** Opens a new spill file for reading and writing; replaceable to test write failures. */
  openFile?: (path: string) => number;
  /** Free bytes on the filesystem holding dir; replaceable to test the free-space floor. */
  freeBytes?: (dir: string) => number;
}

export type SpillState = 'open' | 'full' | 'failed' | 'closed';

const DIR_PREFIX = 'midstance-frames-';
/** Free space is asked again after this much has been written (statfs is cheap, not free). */
const FREE_SPACE_RECHECK_BYTES = 64 * 1024 * 1024;

export class SpillDirectory {
  private readonly options: SpillDirectoryOptions;
  readonly limits: SpillLimits;
  private dir: string | null = null;
  private readonly files = new Set<SpillFile>();
  private used = 0;
  /** Bytes that may still be written before the free-space floor, as of the last check. */
  private headroom = 0;
  private writtenSinceCheck = Number.POSITIVE_INFINITY;
  private nextFile = 1;
  private disposed = false;

  constructor(options: SpillDirectoryOptions = {}) {
    this.options = options;
    this.limits = { ...DEFAULT_SPILL_LIMITS, ...options.limits };
  }

  /** The spill folder, once the first file made it exist. */
  get path(): string | null {
    return this.dir;
  }

  get usedBytes(): number {
    return this.used;
  }

  /** A new spill file for a clip of frameCount frames, or null when the disk cannot take one. */
  createFile(frameCount: number): SpillFile | null {
    if (this.disposed) return null;
    try {
      const dir = this.ensureDir();
      this.writtenSinceCheck = Number.POSITIVE_INFINITY;
      if (!this.reserve(0)) return null;
      const path = join(dir, `clip-${this.nextFile++}.jpegs`);
      const fd = (this.options.openFile ?? openPrivateFile)(path);
      const file = new SpillFile(this, path, fd, frameCount);
      this.files.add(file);
      return file;
    } catch {
      return null;
    }
  }

  /** Closes and deletes every spill file and the folder. */
  dispose(): void {
    this.disposed = true;
    for (const file of [...this.files]) file.close();
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      liveDirs.delete(this.dir);
      this.dir = null;
    }
  }

  /** @internal Accounts for bytes about to be written; false when a bound would be crossed. */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.limits.maxBytes) return false;
    if (this.writtenSinceCheck >= FREE_SPACE_RECHECK_BYTES || bytes > this.headroom) {
      const free = (this.options.freeBytes ?? freeBytesOf)(this.dir!);
      this.headroom = free - this.limits.minFreeBytes;
      this.writtenSinceCheck = 0;
    }
    if (bytes > this.headroom || this.headroom <= 0) return false;
    this.headroom -= bytes;
    this.writtenSinceCheck += bytes;
    this.used += bytes;
    return true;
  }

  /** @internal */
  release(file: SpillFile, bytes: number): void {
    this.used -= bytes;
    this.files.delete(file);
  }

  private ensureDir(): string {
    if (this.dir) return this.dir;
    const parent = this.options.parent ?? tmpdir();
    mkdirSync(parent, { recursive: true });
    if (!sweptParents.has(parent)) {
      sweptParents.add(parent);
      removeStaleSpillDirs(parent);
    }
    this.dir = mkdtempSync(join(parent, `${DIR_PREFIX}${process.pid}-`));
    liveDirs.add(this.dir);
    registerExitCleanup();
    return this.dir;
  }
}

export class SpillFile {
  readonly path: string;
  private readonly directory: SpillDirectory;
  private readonly fd: number;
  /** Byte offset of each frame; Float64 because a file may pass 4 GiB. */
  private readonly offsets: Float64Array;
  /** Length of each frame; 0 = not in the file. */
  private readonly lengths: Uint32Array;
  private end = 0;
  private frames = 0;
  private status: SpillState = 'open';

  constructor(directory: SpillDirectory, path: string, fd: number, frameCount: number) {
    this.directory = directory;
    this.path = path;
    this.fd = fd;
    this.offsets = new Float64Array(frameCount);
    this.lengths = new Uint32Array(frameCount);
  }

  get state(): SpillState {
    return this.status;
  }

  /** Frames in the file. */
  get count(): number {
    return this.frames;
  }

  get bytes(): number {
    return this.end;
  }

  has(index: number): boolean {
    return (this.lengths[index] ?? 0) > 0;
  }

  /**
   * Appends a frame unless it is there already. True when the frame is on disk afterwards;
   * false when the file is (or just became) full, failed or closed.
   */
  write(index: number, data: Uint8Array): boolean {
    if (this.has(index)) return true;
    if (this.status !== 'open' || index < 0 || index >= this.lengths.length || data.byteLength === 0) return false;
    if (!this.directory.reserve(data.byteLength)) {
      this.status = 'full';
      return false;
    }
    try {
      let done = 0;
      while (done < data.byteLength) {
        done += writeSync(this.fd, data, done, data.byteLength - done, this.end + done);
      }
    } catch {
      this.end += data.byteLength;
      this.fail();
      return false;
    }
    this.offsets[index] = this.end;
    this.lengths[index] = data.byteLength;
    this.end += data.byteLength;
    this.frames += 1;
    return true;
  }

  /** The frame's bytes, or undefined when it is not in the file (or the file just failed). */
  read(index: number): Uint8Array | undefined {
    const length = this.lengths[index] ?? 0;
    if (length === 0 || this.status === 'failed' || this.status === 'closed') return undefined;
    const data = new Uint8Array(length);
    try {
      let done = 0;
      while (done < length) {
        const got = readSync(this.fd, data, done, length - done, this.offsets[index]! + done);
        if (got === 0) throw new Error('spill file shorter than its index');
        done += got;
      }
    } catch {
      this.fail();
      return undefined;
    }
    // Every frame is a JPEG: a different start means the file is not what we wrote.
    if (data[0] !== 0xff || data[1] !== 0xd8) {
      this.fail();
      return undefined;
    }
    return data;
  }

  /** Closes and deletes the file; has() is false for every frame afterwards. */
  close(): void {
    if (this.status === 'closed' || this.status === 'failed') return;
    this.status = 'closed';
    this.discard();
  }

  private fail(): void {
    if (this.status === 'closed' || this.status === 'failed') return;
    this.status = 'failed';
    this.discard();
  }

  private discard(): void {
    this.lengths.fill(0);
    this.frames = 0;
    this.directory.release(this, this.end);
    this.end = 0;
    try {
      closeSync(this.fd);
    } catch {
      // Already closed or never valid: nothing more to release.
    }
    try {
      unlinkSync(this.path);
    } catch {
      // Gone already (or the folder was removed): fine.
    }
  }
}

/**
 * Removes spill folders left by Midstance processes that no longer run (a crash skips cleanup).
 * Best effort: returns how many were removed.
 */
export function removeStaleSpillDirs(parent: string = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return 0;
  }
  for (const name of names) {
    const match = /^midstance-frames-(\d+)-/.exec(name);
    if (!match || processAlive(Number(match[1]))) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
      removed += 1;
    } catch {
      // Someone else's folder we may not touch, or already gone.
    }
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function openPrivateFile(path: string): number {
  return openSync(path, 'wx+', 0o600);
}

function freeBytesOf(dir: string): number {
  const stats = statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

const sweptParents = new Set<string>();
const liveDirs = new Set<string>();
let exitCleanupRegistered = false;

/** One exit hook for all spill folders of this process (a service that is never disposed). */
function registerExitCleanup(): void {
  if (exitCleanupRegistered) return;
  exitCleanupRegistered = true;
  process.once('exit', () => {
    for (const dir of liveDirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Best effort at exit.
      }
    }
  });
}
