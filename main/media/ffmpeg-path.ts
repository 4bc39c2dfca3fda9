import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MidstanceError } from '../../common/contract/errors.ts';
import { runToCompletion } from './processes.ts';

/**
 * Finds ffmpeg and ffprobe: the path set in Settings, then MIDSTANCE_FFMPEG / MIDSTANCE_FFPROBE,
 * then a copy bundled with the installed app (resources/ffmpeg/<platform>-<arch>/), then PATH.
 * Each candidate must run and be at least MIN_VERSION; the first that does wins.
 */

export const MIN_VERSION: Version = { major: 4, minor: 1 };

export interface Version {
  major: number;
  minor: number;
}

export type ToolSource = 'settings' | 'environment' | 'bundled' | 'path';

export interface ResolvedTool {
  path: string;
  version: string;
  parsed: Version | null;
  source: ToolSource;
}

export interface FfmpegTools {
  ffmpeg: ResolvedTool;
  ffprobe: ResolvedTool;
}

export interface ResolveInput {
  settingsFfmpeg: string | null;
  settingsFfprobe: string | null;
  env?: NodeJS.ProcessEnv;
  /** Folders that may hold a bundled copy (Electron's process.resourcesPath, the repo's resources/). */
  bundledRoots?: string[];
}

interface Candidate {
  path: string;
  source: ToolSource;
}

export function candidatePaths(tool: 'ffmpeg' | 'ffprobe', input: ResolveInput): Candidate[] {
  const env = input.env ?? process.env;
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  const list: Candidate[] = [];
  const fromSettings = tool === 'ffmpeg' ? input.settingsFfmpeg : input.settingsFfprobe;
  if (fromSettings) list.push({ path: fromSettings, source: 'settings' });
  const fromEnv = env[tool === 'ffmpeg' ? 'MIDSTANCE_FFMPEG' : 'MIDSTANCE_FFPROBE'];
  if (fromEnv) list.push({ path: fromEnv, source: 'environment' });
  for (const root of input.bundledRoots ?? defaultBundledRoots()) {
    list.push({ path: join(root, 'ffmpeg', `${process.platform}-${process.arch}`, exe), source: 'bundled' });
  }
  for (const folder of (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)) {
    list.push({ path: join(folder, exe), source: 'path' });
  }
  return list;
}

function defaultBundledRoots(): string[] {
  const roots: string[] = [];
  const electronResources = (process as { resourcesPath?: string }).resourcesPath;
  if (electronResources) roots.push(electronResources);
  // Running from the source tree: <repo>/resources.
  roots.push(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources'));
  return roots;
}

/**
 * "ffmpeg version 5.1.9-0+deb12u1 …", "ffprobe version n4.1.4 …", "… version N-1234-gabcdef …".
 * Git snapshots ("N-…", dates) carry no release number: the libavcodec version that `-version`
 * also prints says which release they follow (the static ffmpeg of @ffmpeg-installer is such a
 * snapshot, a little after 4.1). Without either it is taken as newer than any minimum.
 */
export function parseVersionLine(output: string): { text: string; parsed: Version | null } | null {
  const match = /^(?:ffmpeg|ffprobe) version (\S+)/m.exec(output);
  if (!match) return null;
  const text = match[1]!;
  const numbers = /^n?(\d+)\.(\d+)/.exec(text);
  if (numbers) return { text, parsed: { major: Number(numbers[1]), minor: Number(numbers[2]) } };
  const library = /^libavcodec\s+(\d+)\.\s*(\d+)\./m.exec(output);
  if (!library) return { text, parsed: null };
  const libavcodec = { major: Number(library[1]), minor: Number(library[2]) };
  const release = releaseOfLibavcodec(libavcodec);
  return {
    text: `${text} (git snapshot after FFmpeg ${release.major}.${release.minor}, libavcodec ${libavcodec.major}.${libavcodec.minor})`,
    parsed: release,
  };
}

/** libavcodec major.minor at each FFmpeg release since 4.0. */
const LIBAVCODEC_RELEASES: readonly [number, number, Version][] = [
  [58, 18, { major: 4, minor: 0 }],
  [58, 35, { major: 4, minor: 1 }],
  [58, 54, { major: 4, minor: 2 }],
  [58, 91, { major: 4, minor: 3 }],
  [58, 134, { major: 4, minor: 4 }],
  [59, 18, { major: 5, minor: 0 }],
  [59, 37, { major: 5, minor: 1 }],
  [60, 3, { major: 6, minor: 0 }],
  [60, 31, { major: 6, minor: 1 }],
  [61, 3, { major: 7, minor: 0 }],
  [61, 19, { major: 7, minor: 1 }],
  [62, 11, { major: 8, minor: 0 }],
];

/** The last release at or before this libavcodec (what a snapshot can be relied on to have). */
export function releaseOfLibavcodec(libavcodec: Version): Version {
  let release: Version | null = null;
  for (const [major, minor, version] of LIBAVCODEC_RELEASES) {
    if (libavcodec.major > major || (libavcodec.major === major && libavcodec.minor >= minor)) release = version;
  }
  // Older than 4.0: libavcodec 57 is FFmpeg 3.x, 56 is 2.x.
  return release ?? { major: Math.max(0, libavcodec.major - 54), minor: 0 };
}

export const isAtLeast = (version: Version | null, minimum: Version): boolean =>
  version === null || version.major > minimum.major || (version.major === minimum.major && version.minor >= minimum.minor);

async function probeTool(candidate: Candidate): Promise<ResolvedTool | { tooOld: string } | null> {
  if (!isFile(candidate.path)) return null;
  try {
    const { code, stdout } = await runToCompletion(candidate.path, ['-hide_banner', '-version']);
    const version = code === 0 ? parseVersionLine(stdout) : null;
    if (!version) return null;
    if (!isAtLeast(version.parsed, MIN_VERSION)) return { tooOld: `${candidate.path} (${version.text})` };
    return { path: candidate.path, version: version.text, parsed: version.parsed, source: candidate.source };
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

export async function resolveTool(tool: 'ffmpeg' | 'ffprobe', input: ResolveInput): Promise<ResolvedTool> {
  const tooOld: string[] = [];
  const candidates = candidatePaths(tool, input);
  for (const candidate of candidates) {
    const found = await probeTool(candidate);
    if (found && 'tooOld' in found) tooOld.push(found.tooOld);
    else if (found) return found;
    else if (candidate.source === 'settings' || candidate.source === 'environment') {
      tooOld.push(`${candidate.path} (${candidate.source}: does not run)`);
    }
  }
  throw missingError(tool, tooOld);
}

export async function resolveTools(input: ResolveInput): Promise<FfmpegTools> {
  const [ffmpeg, ffprobe] = await Promise.all([resolveTool('ffmpeg', input), resolveTool('ffprobe', input)]);
  return { ffmpeg, ffprobe };
}

export function missingError(tool: string, rejected: string[]): MidstanceError {
  const why = rejected.length > 0 ? ` Tried but could not use: ${rejected.join('; ')}.` : '';
  return new MidstanceError(
    'ffmpeg-missing',
    `Midstance needs ${tool} (version ${MIN_VERSION.major}.${MIN_VERSION.minor} or newer) to read videos, but could not find a working copy.${why} ` +
      'Install ffmpeg (Windows: from ffmpeg.org, then add it to PATH; macOS: "brew install ffmpeg"; Linux: "sudo apt install ffmpeg"), ' +
      'or set the location of ffmpeg and ffprobe in Settings (or MIDSTANCE_FFMPEG / MIDSTANCE_FFPROBE).',
    { tool, rejected, minimum: `${MIN_VERSION.major}.${MIN_VERSION.minor}` },
  );
}
