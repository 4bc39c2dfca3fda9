import { isAbsolute, resolve } from 'node:path';
import { classifyPath } from '../platform/paths.ts';

/**
 * The projects and videos among a command line handed to the app (our own argv, or a second
 * instance's). Skips the executable, switches (Chromium adds its own, macOS adds -psn_…) and
 * anything that is not a project or video, such as the app folder in development.
 */
export function openablePathsFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  const paths: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '' || arg.startsWith('-')) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue; // URLs (deep links, file://) are not paths
    if (classifyPath(arg) === 'other') continue;
    const path = isAbsolute(arg) ? arg : resolve(workingDirectory, arg);
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}
