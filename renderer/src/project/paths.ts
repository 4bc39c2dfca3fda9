/** File-name handling the renderer needs without Node's path module (paths come from the core as-is). */

export const PROJECT_EXTENSION = '.midstance';

/** Characters that are not allowed in a file name on at least one of Windows, macOS and Linux. */
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;

export type ProjectFileName = { ok: true; fileName: string } | { ok: false; reason: 'empty' | 'characters' | 'dots' };

/** Checks a typed project name (or, with `extension`, another file's) and adds the extension when it is missing. */
export function projectFileName(typed: string, extension: string = PROJECT_EXTENSION): ProjectFileName {
  const name = typed.trim();
  if (name === '' || name.toLowerCase() === extension) return { ok: false, reason: 'empty' };
  if (FORBIDDEN.test(name)) return { ok: false, reason: 'characters' };
  if (/^\.+$/.test(name) || name.endsWith('.')) return { ok: false, reason: 'dots' };
  return { ok: true, fileName: name.toLowerCase().endsWith(extension) ? name : `${name}${extension}` };
}

/** Joins a folder the core listed with a file name, using that folder's own separator. */
export function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}

/** The last part of a path, either separator. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The folder part of a path (everything before the last separator). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return path;
  if (cut === 0) return path.slice(0, 1);
  const folder = path.slice(0, cut);
  // "C:" alone means the current folder on drive C, not its root.
  return /^[A-Za-z]:$/.test(folder) ? `${folder}\\` : folder;
}

/**
 * When an untitled project was started, read from the name the core gives its file ("Untitled 2026-12-02 14.02.09",
 * UTC, "(2)" for a second one in the same second) — so the UI can name it in the user's language and time zone.
 */
export function untitledStart(name: string): { startedAt: Date; copy: number | null } | null {
  const match = /^Untitled (\d{4})-(\d{2})-(\d{2}) (\d{2})\.(\d{2})\.(\d{2})(?: \((\d+)\))?$/.exec(name);
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return { startedAt: new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds)), copy: match[7] ? Number(match[7]) : null };
}
