import type { Migration } from './types.ts';

/**
 * Measurements bound to tracks: per annotation, a JSON array with one entry per geometry point naming the track
 * that point follows (or null). No foreign key on purpose: deleting a track keeps the binding, so undoing the
 * delete (which restores the track under its own id) restores the measurement too; until then the point shows
 * as "track missing" and the annotation keeps its stored geometry on its own frame.
 */
export const annotationTrackBindings: Migration = {
  version: 4,
  name: 'annotation track bindings',
  up(db) {
    db.exec(`ALTER TABLE annotations ADD COLUMN track_bindings TEXT NULL;`);
  },
};
