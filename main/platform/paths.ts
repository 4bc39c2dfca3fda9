import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where per-user state (settings, recent files, untitled projects) lives.
 * MIDSTANCE_HOME overrides it, which tests and portable installs use.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MIDSTANCE_HOME) return env.MIDSTANCE_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Midstance');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Midstance');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'midstance');
}

export const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.mkv', '.avi', '.webm', '.mts', '.3gp']);
export const PROJECT_EXTENSION = '.midstance';

export function classifyPath(path: string): 'project' | 'video' | 'other' {
  const lower = path.toLowerCase();
  if (lower.endsWith(PROJECT_EXTENSION)) return 'project';
  const dot = lower.lastIndexOf('.');
  return dot >= 0 && VIDEO_EXTENSIONS.has(lower.slice(dot)) ? 'video' : 'other';
}
