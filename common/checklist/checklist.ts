import runningTechnique from '../../resources/checklists/running-technique.json' with { type: 'json' };
import { measureByKey } from './measures.ts';
import { ChecklistFile, type ChecklistGroupDef, type ChecklistItemDef, type Drill } from './schema.ts';
import { resolveItemKey } from './versions.ts';

export { resolveItemKey };

/**
 * The video-analysis checklist, loaded from its data file and checked: the schema (zod) and what a schema
 * cannot say (unique keys, every measure and drill known, item keys under their group, history consistent).
 * Plain data with lookups; main, the CLI and the renderer all use this one module.
 */

export interface ChecklistItem extends ChecklistItemDef {
  readonly group: string;
}

export interface Checklist {
  readonly version: number;
  readonly history: ChecklistFile['history'];
  readonly groups: readonly ChecklistGroupDef[];
  readonly items: readonly ChecklistItem[];
  readonly drills: readonly Drill[];
  item(key: string): ChecklistItem | null;
  drill(key: string): Drill | null;
}

export class ChecklistDataError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The checklist data is not valid:\n- ${problems.join('\n- ')}`);
    this.name = 'ChecklistDataError';
    this.problems = problems;
  }
}

export function loadChecklist(raw: unknown): Checklist {
  const parsed = ChecklistFile.safeParse(raw);
  if (!parsed.success) {
    throw new ChecklistDataError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`));
  }
  const file = parsed.data;
  const problems: string[] = [];
  const duplicates = (keys: readonly string[], what: string) => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) problems.push(`${what} "${key}" appears more than once`);
      seen.add(key);
    }
  };

  const items: ChecklistItem[] = file.groups.flatMap((group) => group.items.map((item) => ({ ...item, group: group.key })));
  duplicates(file.groups.map((g) => g.key), 'group');
  duplicates(items.map((i) => i.key), 'item');
  duplicates(file.drills.map((d) => d.key), 'drill');
  const drillKeys = new Set(file.drills.map((d) => d.key));
  for (const item of items) {
    if (!item.key.startsWith(`${item.group}.`)) problems.push(`item "${item.key}" should start with its group "${item.group}."`);
    for (const measure of item.measures) if (!measureByKey(measure)) problems.push(`item "${item.key}" names unknown measure "${measure}"`);
    for (const drill of item.drills) if (!drillKeys.has(drill)) problems.push(`item "${item.key}" names unknown drill "${drill}"`);
    duplicates(item.measures, `measure in "${item.key}":`);
    duplicates(item.drills, `drill in "${item.key}":`);
  }

  const history = [...file.history].sort((a, b) => a.version - b.version);
  duplicates(history.map((change) => String(change.version)), 'history version');
  for (const change of history) {
    if (change.version > file.version) problems.push(`history names version ${change.version}, newer than the checklist (${file.version})`);
  }

  const itemByKey = new Map(items.map((item) => [item.key, item]));
  const drillByKey = new Map(file.drills.map((drill) => [drill.key, drill]));
  const checklist: Checklist = {
    version: file.version,
    history,
    groups: file.groups,
    items,
    drills: file.drills,
    item: (key) => itemByKey.get(key) ?? null,
    drill: (key) => drillByKey.get(key) ?? null,
  };
  for (const change of history) {
    for (const [from, to] of Object.entries(change.renamed)) {
      if (resolveItemKey(checklist, to, change.version) === null && !isRemovedLater(history, to, change.version)) {
        problems.push(`version ${change.version} renames "${from}" to "${to}", which is not an item`);
      }
    }
  }
  if (problems.length > 0) throw new ChecklistDataError(problems);
  return checklist;
}

function isRemovedLater(history: ChecklistFile['history'], key: string, after: number): boolean {
  return history.some((change) => change.version > after && change.removed.includes(key));
}

/** The running-technique checklist shipped with this Midstance. */
export const RUNNING_TECHNIQUE_CHECKLIST: Checklist = loadChecklist(runningTechnique);
