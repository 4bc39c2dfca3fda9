import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest globalSetup: one folder for the whole run in which test/fixtures/clips.ts keeps every generated clip by
 * its parameters, so a clip that several test files ask for is encoded once per run instead of once per file.
 * Each file still gets its own copy in its own folder (tests rename, truncate or chmod their clips).
 */
export default function setup(): (() => void) | undefined {
  if (process.env.MIDSTANCE_CLIP_CACHE) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'midstance-clip-cache-'));
  // Workers are started after this and inherit the environment.
  process.env.MIDSTANCE_CLIP_CACHE = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.MIDSTANCE_CLIP_CACHE;
  };
}
