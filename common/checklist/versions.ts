import type { ChecklistChange } from './schema.ts';

/**
 * The current key of an item answered under `answeredVersion`, following renames in later versions; null when
 * the item was removed since (or is unknown). An answer from a newer checklist keeps its key if we know it.
 * Kept apart from the loader so the project store can use it without loading the checklist data.
 */
export function resolveItemKey(
  checklist: { readonly history: readonly ChecklistChange[]; item(key: string): unknown },
  key: string,
  answeredVersion: number,
): string | null {
  let current = key;
  for (const change of checklist.history) {
    if (change.version <= answeredVersion) continue;
    if (change.removed.includes(current)) return null;
    current = change.renamed[current] ?? current;
  }
  return checklist.item(current) ? current : null;
}
