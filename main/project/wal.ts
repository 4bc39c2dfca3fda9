/**
 * Reads a SQLite write-ahead log (the `-wal` file next to a project) without SQLite, to learn what SQLite
 * will do with it: SQLite applies frames up to the last commit whose salt and running checksum are valid
 * and silently ignores the rest. Frames after that point which still carry this log's salt were written
 * in this log generation, so when they exist, committed changes are being dropped: the log is damaged.
 * (Frames with another salt are left over from an earlier generation of a reused log and mean nothing.)
 *
 * Format: https://www.sqlite.org/fileformat.html#the_write_ahead_log
 */

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LITTLE_ENDIAN = 0x377f0682;
const MAGIC_BIG_ENDIAN = 0x377f0683;
const WAL_FORMAT_VERSION = 3007000;

export interface WalAnalysis {
  /** Size of the log in bytes. */
  bytes: number;
  /** The 32-byte header is a valid SQLite WAL header (magic, version, page size, checksum). */
  headerValid: boolean;
  pageSize: number | null;
  /** Whole frames the file's size holds. */
  framesInFile: number;
  /** Frames SQLite applies: up to and including the last valid commit frame. */
  appliedFrames: number;
  /** Commits (transactions) among the applied frames. */
  appliedCommits: number;
  /**
   * Frames of this log generation that SQLite will not apply: after a frame whose checksum fails, or
   * after the last commit. Non-zero means committed changes in the log are lost or were cut off.
   */
  unappliedFrames: number;
  /**
   * Commit frames among the unapplied frames of this generation: whole transactions that are lost. A torn
   * last frame is not counted: a write cut off by a power cut was never acknowledged as saved.
   */
  unappliedCommits: number;
  /** The only damaged frame is the log's last one (a write cut off mid-way). */
  tornLastFrame: boolean;
  /** Index (from 0) of the first frame that fails its checksum although it carries this log's salt. */
  firstDamagedFrame: number | null;
}

/** Pure: analyses the bytes of a `-wal` file. */
export function analyseWal(wal: Uint8Array): WalAnalysis {
  const empty: WalAnalysis = {
    bytes: wal.length,
    headerValid: false,
    pageSize: null,
    framesInFile: 0,
    appliedFrames: 0,
    appliedCommits: 0,
    unappliedFrames: 0,
    unappliedCommits: 0,
    tornLastFrame: false,
    firstDamagedFrame: null,
  };
  if (wal.length < WAL_HEADER_BYTES) return empty;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== MAGIC_LITTLE_ENDIAN && magic !== MAGIC_BIG_ENDIAN) return empty;
  const bigEndian = magic === MAGIC_BIG_ENDIAN;
  const pageSize = view.getUint32(8);
  if (view.getUint32(4) !== WAL_FORMAT_VERSION || pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return empty;
  }
  const headerSum = checksum(view, 0, 24, bigEndian, [0, 0]);
  if (headerSum[0] !== view.getUint32(24) || headerSum[1] !== view.getUint32(28)) return { ...empty, pageSize };
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const framesInFile = Math.floor((wal.length - WAL_HEADER_BYTES) / frameBytes);

  let running: [number, number] = headerSum;
  let validFrames = 0;
  let appliedFrames = 0;
  let appliedCommits = 0;
  let commitsSoFar = 0;
  let broken = false;
  let firstDamagedFrame: number | null = null;
  let unappliedFrames = 0;
  let unappliedCommits = 0;
  let lastOwnFrame = -1;
  let damagedFrameIsCommit = false;
  for (let frame = 0; frame < framesInFile; frame += 1) {
    const offset = WAL_HEADER_BYTES + frame * frameBytes;
    const ownSalt = view.getUint32(offset + 8) === salt1 && view.getUint32(offset + 12) === salt2;
    const isCommit = view.getUint32(offset + 4) !== 0;
    if (!broken) {
      const sum = checksum(view, offset + FRAME_HEADER_BYTES, pageSize, bigEndian, checksum(view, offset, 8, bigEndian, running));
      if (ownSalt && sum[0] === view.getUint32(offset + 16) && sum[1] === view.getUint32(offset + 20)) {
        running = sum;
        validFrames += 1;
        if (isCommit) {
          commitsSoFar += 1;
          appliedFrames = validFrames;
          appliedCommits = commitsSoFar;
        }
        continue;
      }
      broken = true;
      if (ownSalt) {
        firstDamagedFrame = frame;
        damagedFrameIsCommit = isCommit;
      }
      // Valid frames after the last commit belong to the transaction the damage cut through.
      unappliedFrames = validFrames - appliedFrames;
    }
    if (ownSalt) {
      lastOwnFrame = frame;
      unappliedFrames += 1;
      if (isCommit) unappliedCommits += 1;
    }
  }
  const tornLastFrame = firstDamagedFrame !== null && firstDamagedFrame === lastOwnFrame;
  if (tornLastFrame && damagedFrameIsCommit) unappliedCommits -= 1;
  return {
    bytes: wal.length,
    headerValid: true,
    pageSize,
    framesInFile,
    appliedFrames,
    appliedCommits,
    unappliedFrames,
    unappliedCommits,
    tornLastFrame,
    firstDamagedFrame,
  };
}

/**
 * True when SQLite will drop a transaction this log committed: changes are lost. A damaged last frame
 * alone is not enough: that transaction may never have been committed (a write cut off by a power cut).
 */
export function walLosesChanges(analysis: WalAnalysis): boolean {
  return analysis.unappliedCommits > 0;
}

/** SQLite's WAL checksum: Fibonacci-weighted sums of 32-bit words in the log's byte order. */
function checksum(view: DataView, offset: number, length: number, bigEndian: boolean, seed: [number, number]): [number, number] {
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = offset; i < offset + length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}
