/**
 * Which client, session and clip were last chosen in a project, so a reload (or reopening the project)
 * comes back to the same place. Kept per project path in localStorage; losing it only costs a click.
 */
export interface RememberedSelection {
  clientId: string | null;
  sessionId: string | null;
  clipId: string | null;
}

const EMPTY: RememberedSelection = { clientId: null, sessionId: null, clipId: null };
const keyFor = (projectPath: string) => `midstance.selection:${projectPath}`;

export function recallSelection(projectPath: string, storage: Pick<Storage, 'getItem'> | undefined = globalStorage()): RememberedSelection {
  try {
    const raw = storage?.getItem(keyFor(projectPath));
    if (!raw) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<Record<keyof RememberedSelection, unknown>>;
    const id = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
    return { clientId: id(parsed.clientId), sessionId: id(parsed.sessionId), clipId: id(parsed.clipId) };
  } catch {
    return EMPTY;
  }
}

export function rememberSelection(
  projectPath: string,
  selection: RememberedSelection,
  storage: Pick<Storage, 'setItem'> | undefined = globalStorage(),
): void {
  try {
    storage?.setItem(keyFor(projectPath), JSON.stringify(selection));
  } catch {
    // Storage full or disabled: the selection is a convenience, not data.
  }
}

function globalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
