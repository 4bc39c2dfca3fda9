import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseDateInput } from '../../../renderer/src/project/date-input.ts';

describe('dates in the UI language', () => {
  it('shows a date day first in both languages, never in the US order', () => {
    expect(formatIsoDate('2026-12-02', 'nl')).toBe('2 dec 2026');
    expect(formatIsoDate('2026-12-02', 'en')).toBe('2 Dec 2026');
  });

  it('reads what a Dutch or British user types, day first', () => {
    expect(parseDateInput('2-12-2026')).toBe('2026-12-02');
    expect(parseDateInput('02/12/2026')).toBe('2026-12-02');
    expect(parseDateInput('2.12.26')).toBe('2026-12-02');
    expect(parseDateInput(' 2 dec 2026 ')).toBe('2026-12-02');
    expect(parseDateInput('2 Dec. 2026')).toBe('2026-12-02');
    expect(parseDateInput('14 maart 2025')).toBe('2025-03-14');
    expect(parseDateInput('14 mrt 2025')).toBe('2025-03-14');
    expect(parseDateInput('1 oktober 2025')).toBe('2025-10-01');
    expect(parseDateInput('2026-12-02')).toBe('2026-12-02');
    // Every shown form reads back as the same date.
    for (const language of ['nl', 'en']) expect(parseDateInput(formatIsoDate('2026-05-31', language))).toBe('2026-05-31');
  });

  it('refuses what is not a real date', () => {
    for (const text of ['', '31-2-2026', '12/31/2026', '2 foo 2026', '2026', 'abc', '0-1-2026']) expect(parseDateInput(text)).toBeNull();
  });
});

describe('untitled project names', () => {
  it('reads when an untitled project was started from the name the core gives its file', async () => {
    const { untitledStart } = await import('../../../renderer/src/project/paths.ts');
    expect(untitledStart('Untitled 2026-12-02 13.02.09')).toEqual({ startedAt: new Date('2026-12-02T13:02:09Z'), copy: null });
    expect(untitledStart('Untitled 2026-12-02 13.02.09 (2)')?.copy).toBe(2);
    expect(untitledStart('Praktijk Jansen')).toBeNull();
  });
});
