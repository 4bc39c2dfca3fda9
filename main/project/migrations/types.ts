import type { Database } from 'better-sqlite3';

/**
 * One step of the project schema. `up` runs inside a transaction together with the user_version bump,
 * so a file is always at exactly one version. Never edit a released migration: add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
