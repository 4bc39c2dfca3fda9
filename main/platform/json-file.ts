import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { ensureFolder } from './folders.ts';

/** Reads JSON, or returns undefined when the file is absent or unreadable (a fresh start). */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Write-then-rename (see atomic-write.ts), so a crash or a full disk leaves the previous file intact. */
export function writeJsonFileAtomic(path: string, value: unknown): void {
  ensureFolder(dirname(path));
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
