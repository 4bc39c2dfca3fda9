import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS } from '../../../common/contract/app.ts';
import { ProjectSettings } from '../../../common/contract/project.ts';

const PREFIX = 'setting.';

export const fallbackProjectSettings = (): ProjectSettings => ({
  norms: {},
  angleConvention: DEFAULT_SETTINGS.angleConvention,
  language: DEFAULT_SETTINGS.language,
});

export type ProjectSettingsRepository = ReturnType<typeof createProjectSettingsRepository>;

/** Project settings live as one JSON value per key in project_meta; each key falls back on its own. */
export function createProjectSettingsRepository(db: Database) {
  const selectAll = db.prepare<[], { key: string; value: string }>(
    `SELECT key, value FROM project_meta WHERE key LIKE '${PREFIX}%'`,
  );
  const upsert = db.prepare(
    'INSERT INTO project_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  const get = (): ProjectSettings => {
    const settings: Record<string, unknown> = { ...fallbackProjectSettings() };
    for (const { key, value } of selectAll.all()) {
      const name = key.slice(PREFIX.length);
      if (!(name in settings)) continue;
      try {
        const candidate = { ...settings, [name]: JSON.parse(value) };
        if (ProjectSettings.safeParse(candidate).success) settings[name] = candidate[name];
      } catch {
        // An unreadable value keeps its default; the others still apply.
      }
    }
    return ProjectSettings.parse(settings);
  };

  return {
    get,
    update(patch: Partial<ProjectSettings>): ProjectSettings {
      const next = ProjectSettings.parse({ ...get(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
      for (const key of Object.keys(patch) as (keyof ProjectSettings)[]) {
        if (patch[key] !== undefined) upsert.run(`${PREFIX}${key}`, JSON.stringify(next[key]));
      }
      return next;
    },
  };
}
