import { MidstanceError } from '../../../common/contract/errors.ts';

export function notFound(what: string, id: string): MidstanceError {
  return new MidstanceError('not-found', `This ${what} is no longer in the project (it may have been deleted).`, {
    what,
    id,
  });
}

/** Inserts with a caller-chosen id (undo of a delete) fail clearly instead of overwriting anything. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function alreadyExists(what: string): MidstanceError {
  return new MidstanceError('invalid-request', `This ${what} is already in the project.`);
}

/** Drops undefined fields so a patch only changes what it names. */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
