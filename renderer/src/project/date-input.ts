/**
 * Calendar dates typed and shown in the UI's language. A browser's <input type="date"> formats by the browser's own
 * locale (12/02/2026 in an en-US Chromium, next to "2 dec 2026" in the Dutch UI), so dates are text fields that read
 * what a Dutch or British user types — day first — and show the date as the rest of the UI does.
 */

/** The locale dates are formatted in: Dutch, or British English (day before month, like the Dutch). */
export function dateLocale(language: string): string {
  return language.startsWith('nl') ? 'nl-NL' : 'en-GB';
}

/** "2 dec 2026" / "2 Dec 2026" for an ISO date (YYYY-MM-DD); the text itself when it is not one. */
export function formatIsoDate(isoDate: string, language: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!parts) return isoDate;
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return new Intl.DateTimeFormat(dateLocale(language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const MONTHS: Record<string, number> = {};
[
  ['januari', 'january', 'jan'],
  ['februari', 'february', 'feb'],
  ['maart', 'march', 'mrt', 'mar'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'june', 'jun'],
  ['juli', 'july', 'jul'],
  ['augustus', 'august', 'aug'],
  ['september', 'sept', 'sep'],
  ['oktober', 'october', 'okt', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
].forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});

/**
 * Reads a typed date: "2-12-2026", "2/12/2026", "2.12.26", "2 dec 2026", "2 December 2026" (day first, as in Dutch
 * and British usage) or ISO "2026-12-02". Two-digit years are this century. Null when it is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const input = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input);
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(input);
  const named = /^(\d{1,2})[ -]([a-z]+)\.?[ -](\d{2}|\d{4})$/.exec(input);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  else if (named && MONTHS[named[2]!] !== undefined) [day, month, year] = [Number(named[1]), MONTHS[named[2]!]!, Number(named[3])];
  else return null;
  if (year < 100) year += 2000;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2 dec 2026 14:02" / "2 Dec 2026 14:02": a moment in the user's time zone, in the UI's language. */
export function formatMoment(moment: Date, language: string): string {
  const locale = dateLocale(language);
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(moment);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(moment);
  return `${date} ${time}`;
}
