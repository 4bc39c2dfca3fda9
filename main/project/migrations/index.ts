import { initialSchema } from './001-initial.ts';
import { checklistVersionAndStills } from './002-checklist-version-stills.ts';
import { tracks } from './003-tracks.ts';
import { annotationTrackBindings } from './004-annotation-track-bindings.ts';
import { rejectedGaitProposals } from './005-rejected-gait-proposals.ts';
import type { Migration } from './types.ts';

/** Every schema step in order; the last version is the format this Midstance writes. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, checklistVersionAndStills, tracks, annotationTrackBindings, rejectedGaitProposals];

export const latestVersion = (migrations: readonly Migration[]): number =>
  migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
