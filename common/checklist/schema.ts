import { z } from 'zod';
import { ClipView } from '../contract/project.ts';

/**
 * The shape of a checklist file (resources/checklists/*.json). Keys are stable: answers stored in project
 * files refer to item keys, and a later version that renames or drops an item says so in `history`, so an
 * answer written under an older version still finds its item.
 */

const Localized = z.object({ en: z.string().min(1), nl: z.string().min(1) }).strict();
const Key = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'keys are lower-case words joined by - and .');

export const DrillKind = z.enum(['technique', 'intervals', 'strength', 'plyometrics', 'hills']);
export type DrillKind = z.infer<typeof DrillKind>;

export const Drill = z
  .object({
    key: Key,
    kind: DrillKind,
    title: Localized,
    /** What goes into the advice: one or two sentences the runner can act on. */
    text: Localized,
  })
  .strict();
export type Drill = z.infer<typeof Drill>;

export const ChecklistItemDef = z
  .object({
    key: Key,
    title: Localized,
    /** What to look for, in plain language. */
    look: Localized,
    /** Measure keys (preset keys or gait figures) whose values fill the item. */
    measures: z.array(z.string().min(1)),
    drills: z.array(Key),
  })
  .strict();
export type ChecklistItemDef = z.infer<typeof ChecklistItemDef>;

export const ChecklistGroupDef = z
  .object({
    key: Key,
    /** The clip views this group is judged in. */
    views: z.array(ClipView).min(1),
    title: Localized,
    /** A word or two for the view switcher. */
    short: Localized,
    hint: Localized,
    items: z.array(ChecklistItemDef).min(1),
  })
  .strict();
export type ChecklistGroupDef = z.infer<typeof ChecklistGroupDef>;

/** What changed in a version, so answers stored under an earlier one are read correctly. */
export const ChecklistChange = z
  .object({
    version: z.number().int().min(2),
    /** Old item key → new item key. */
    renamed: z.record(z.string(), Key).default({}),
    /** Item keys dropped in this version (their stored answers are kept and shown as retired). */
    removed: z.array(z.string()).default([]),
  })
  .strict();
export type ChecklistChange = z.infer<typeof ChecklistChange>;

export const ChecklistFile = z
  .object({
    $comment: z.string().optional(),
    version: z.number().int().min(1),
    history: z.array(ChecklistChange),
    groups: z.array(ChecklistGroupDef).min(1),
    drills: z.array(Drill),
  })
  .strict();
export type ChecklistFile = z.infer<typeof ChecklistFile>;
