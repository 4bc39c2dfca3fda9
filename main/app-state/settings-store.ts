import { join } from 'node:path';
import { DEFAULT_SETTINGS, Settings } from '../../common/contract/app.ts';
import { readJsonFile, writeJsonFileAtomic } from '../platform/json-file.ts';

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const path = join(dataDir, 'settings.json');
  let current = load(path);
  return {
    get: () => current,
    update(patch) {
      current = Settings.parse({ ...current, ...patch });
      writeJsonFileAtomic(path, current);
      return current;
    },
  };
}

/** Unknown or invalid keys fall back to defaults one by one, so one bad value never resets all. */
function load(path: string): Settings {
  const raw = readJsonFile(path);
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const candidate = { ...DEFAULT_SETTINGS, [key]: (raw as Record<string, unknown>)[key] };
    if (Settings.safeParse(candidate).success) merged[key] = candidate[key];
  }
  return Settings.parse(merged);
}
