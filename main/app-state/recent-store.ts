import { basename, join } from 'node:path';
import { z } from 'zod';
import { type FileKind, RecentItem } from '../../common/contract/app.ts';
import { readJsonFile, writeJsonFileAtomic } from '../platform/json-file.ts';

const MAX_RECENT = 12;

export interface RecentStore {
  list(): RecentItem[];
  add(kind: FileKind, path: string, now?: Date): RecentItem[];
  forget(path: string): RecentItem[];
}

export function createRecentStore(dataDir: string): RecentStore {
  const path = join(dataDir, 'recent.json');
  const parsed = z.array(RecentItem).safeParse(readJsonFile(path));
  let items: RecentItem[] = parsed.success ? parsed.data : [];
  const save = (next: RecentItem[]): RecentItem[] => {
    items = next;
    writeJsonFileAtomic(path, items);
    return items;
  };
  return {
    list: () => items,
    add(kind, filePath, now = new Date()) {
      const entry: RecentItem = { kind, path: filePath, name: basename(filePath), openedAt: now.toISOString() };
      return save([entry, ...items.filter((item) => item.path !== filePath)].slice(0, MAX_RECENT));
    },
    forget: (filePath) => save(items.filter((item) => item.path !== filePath)),
  };
}
