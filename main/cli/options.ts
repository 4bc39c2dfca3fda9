/**
 * Number options for every subcommand. Only plain decimal digits are accepted: JavaScript's Number()
 * would also take "" (0), "0x10" (16), "1e3", " 7 " and "Infinity", none of which a user means.
 */

export function usageError(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
}

/** A whole number written in decimal digits, within [min, max]. */
export function wholeNumber(option: string, text: string, range: { min: number; max: number }, unit = ''): number {
  const value = /^[0-9]{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    const span = range.max >= Number.MAX_SAFE_INTEGER ? `from ${range.min}` : `from ${range.min} to ${range.max}`;
    throw usageError(`${option} must be a whole number${unit} ${span}, not "${text}"`);
  }
  return value;
}

/** A positive number in plain decimal notation (digits, optionally one decimal point: "239.76"). */
export function positiveNumber(option: string, text: string): number {
  const value = /^[0-9]{1,9}(\.[0-9]{1,9})?$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isFinite(value) && value > 0)) {
    throw usageError(`${option} must be a positive number such as 120 or 239.76, not "${text}"`);
  }
  return value;
}
