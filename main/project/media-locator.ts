import { readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileIdentity } from './fingerprint.ts';

export interface StoredMedia {
  relativePath: string;
  absolutePath: string;
  size: number;
  fingerprint: string;
}

export interface FoundMedia {
  path: string;
  via: 'relative' | 'absolute' | 'search';
}

/** Stored relative paths use '/', so a project made on Windows finds its videos on macOS and back. */
export function relativeMediaPath(projectDir: string, mediaPath: string): string {
  return relative(projectDir, mediaPath).split(sep).join('/');
}

function candidates(projectDir: string, media: StoredMedia): FoundMedia[] {
  const list: FoundMedia[] = [];
  if (media.relativePath !== '' && !isAbsolute(media.relativePath)) {
    list.push({ path: resolve(projectDir, ...media.relativePath.split('/')), via: 'relative' });
  }
  list.push({ path: media.absolutePath, via: 'absolute' });
  return list;
}

function sizeOf(path: string): number | null {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

function matches(path: string, media: StoredMedia): boolean {
  if (sizeOf(path) !== media.size) return false;
  try {
    return fileIdentity(path).fingerprint === media.fingerprint;
  } catch {
    return false;
  }
}

/** Cheap check for lists: the relative, then the absolute path, by existence and size only. */
export function quickLocate(projectDir: string, media: StoredMedia): FoundMedia | null {
  return candidates(projectDir, media).find((candidate) => sizeOf(candidate.path) === media.size) ?? null;
}

export interface LocateOptions {
  /** Folder tree to search when both stored paths fail (the project's folder); null skips the search. */
  searchRoot: string | null;
  maxEntries?: number;
  maxDepth?: number;
}

/**
 * The clip's file, verified by fingerprint: relative path, absolute path, then a bounded search of the
 * folder tree for a file with the same name and size whose fingerprint matches. Null = ask the user.
 */
export function locateMedia(projectDir: string, media: StoredMedia, options: LocateOptions): FoundMedia | null {
  for (const candidate of candidates(projectDir, media)) {
    if (matches(candidate.path, media)) return candidate;
  }
  if (options.searchRoot === null) return null;
  const name = basename(media.absolutePath.replaceAll('\\', '/')).toLowerCase();
  const found = searchTree(options.searchRoot, options.maxEntries ?? 20_000, options.maxDepth ?? 8, (path, fileName) =>
    fileName.toLowerCase() === name && matches(path, media),
  );
  return found === null ? null : { path: found, via: 'search' };
}

/** Breadth-first, so files near the project are found first; hidden folders and node_modules are skipped. */
function searchTree(
  root: string,
  maxEntries: number,
  maxDepth: number,
  accept: (path: string, name: string) => boolean,
): string | null {
  let queue: string[] = [root];
  let seen = 0;
  for (let depth = 0; depth <= maxDepth && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (++seen > maxEntries) return null;
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) next.push(path);
        else if (entry.isFile() && accept(path, entry.name)) return path;
      }
    }
    queue = next;
  }
  return null;
}
