import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const MIB = 1024 * 1024;
const FORMAT = 'v1';

export interface FileIdentity {
  size: number;
  fingerprint: string;
}

/**
 * Identifies a video by content without reading all of it: SHA-256 of the first and the last MiB plus the
 * size. A re-encoded, trimmed or different file changes it; a moved or renamed file keeps it.
 */
export function fileIdentity(path: string): FileIdentity {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const hash = createHash('sha256');
    hash.update(`${FORMAT}:${size}:`);
    const head = Math.min(size, MIB);
    hash.update(readRange(fd, 0, head));
    const tailStart = Math.max(head, size - MIB);
    hash.update(readRange(fd, tailStart, size - tailStart));
    return { size, fingerprint: `${FORMAT}:${hash.digest('hex')}` };
  } finally {
    closeSync(fd);
  }
}

function readRange(fd: number, position: number, length: number): Uint8Array {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}
