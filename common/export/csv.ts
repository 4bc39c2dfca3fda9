/**
 * CSV text in two dialects, and its reader (for tests and round trips). Pure.
 *
 * - standard: comma between fields, dot as decimal sign, UTF-8 without BOM (RFC 4180; what scripts and
 *   English-locale spreadsheets expect);
 * - nl: semicolon between fields, decimal comma, UTF-8 with a BOM — a Dutch-locale Excel opens such a file
 *   with a double click into the right columns, numbers as numbers and accents intact (without the BOM it
 *   reads the bytes as Windows-1252).
 * Lines end in CRLF (RFC 4180; every spreadsheet reads it). A field is quoted when it holds the separator, a
 * quote, a line break or leading/trailing space; quotes inside are doubled.
 */

export type CsvDialect = 'standard' | 'nl';

export const CSV_DIALECTS: readonly CsvDialect[] = ['standard', 'nl'];

export interface DialectSpec {
  readonly separator: ',' | ';';
  readonly decimal: '.' | ',';
  readonly bom: boolean;
}

export const DIALECTS: Readonly<Record<CsvDialect, DialectSpec>> = {
  standard: { separator: ',', decimal: '.', bom: false },
  nl: { separator: ';', decimal: ',', bom: true },
};

/** A cell: text as is, a number in the dialect's decimal form (with the given decimals), or empty. */
export type CsvCell = string | { readonly number: number; readonly decimals: number } | null;

export const num = (value: number | null | undefined, decimals: number): CsvCell =>
  value === null || value === undefined || !Number.isFinite(value) ? null : { number: value, decimals };

const BOM = '\uFEFF';

export function formatNumber(value: number, decimals: number, dialect: CsvDialect): string {
  const rounded = Number(value.toFixed(decimals));
  // No "-0.00" for values that round to zero; no grouping, no exponent.
  const text = (Object.is(rounded, -0) || rounded === 0 ? 0 : rounded).toFixed(decimals);
  return DIALECTS[dialect].decimal === ',' ? text.replace('.', ',') : text;
}

export function formatCell(cell: CsvCell, dialect: CsvDialect): string {
  if (cell === null) return '';
  const text = typeof cell === 'string' ? cell : formatNumber(cell.number, cell.decimals, dialect);
  const separator = DIALECTS[dialect].separator;
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text) || /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file as text (with the BOM where the dialect has one). */
export function formatCsv(rows: readonly (readonly CsvCell[])[], dialect: CsvDialect): string {
  const separator = DIALECTS[dialect].separator;
  const body = rows.map((row) => row.map((cell) => formatCell(cell, dialect)).join(separator)).join('\r\n');
  return `${DIALECTS[dialect].bom ? BOM : ''}${body}\r\n`;
}

/** Reads CSV text of a dialect back into rows of strings (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string, dialect: CsvDialect): string[][] {
  const separator = DIALECTS[dialect].separator;
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && source[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A number cell read back in its dialect; null for an empty cell. */
export function parseNumber(text: string, dialect: CsvDialect): number | null {
  if (text.trim() === '') return null;
  const normal = DIALECTS[dialect].decimal === ',' ? text.replace(',', '.') : text;
  const value = Number(normal);
  if (!Number.isFinite(value)) throw new Error(`"${text}" is not a number in the ${dialect} dialect`);
  return value;
}
