import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCsv, formatNumber, num, parseCsv, parseNumber, type CsvCell, type CsvDialect } from '../../../common/export/csv.ts';
import { COLUMNS, measurementCsv, measurementTable, type ExportClipInput } from '../../../common/export/measurement-table.ts';
import { computeGaitTiming } from '../../../common/gait/timing.ts';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { GaitEvent } from '../../../common/contract/project.ts';

const DIALECTS: CsvDialect[] = ['standard', 'nl'];

describe('CSV dialects', () => {
  it('standard: comma, dot decimal, no BOM; nl: semicolon, decimal comma, BOM', () => {
    const rows: CsvCell[][] = [['a', num(1.5, 2), num(-0.001, 2)]];
    expect(formatCsv(rows, 'standard')).toBe('a,1.50,0.00\r\n');
    expect(formatCsv(rows, 'nl')).toBe('\uFEFFa;1,50;0,00\r\n');
  });

  it('quotes labels holding the separator, quotes or line breaks — in either dialect', () => {
    const label = 'Knie "links"; 40,5° na\nlanding';
    expect(formatCsv([[label, 'x']], 'standard')).toBe('"Knie ""links""; 40,5° na\nlanding",x\r\n');
    expect(formatCsv([[label, 'x']], 'nl')).toBe('\uFEFF"Knie ""links""; 40,5° na\nlanding";x\r\n');
    // A comma is plain text in the Dutch dialect, a semicolon plain text in the standard one.
    expect(formatCsv([['a,b', 'c;d']], 'nl')).toBe('\uFEFFa,b;"c;d"\r\n');
    expect(formatCsv([['a,b', 'c;d']], 'standard')).toBe('"a,b",c;d\r\n');
  });

  it('numbers never use grouping or exponents', () => {
    expect(formatNumber(1234567.891, 3, 'nl')).toBe('1234567,891');
    expect(formatNumber(1e-9, 3, 'standard')).toBe('0.000');
  });

  it('round-trips any text and numbers through format and parse', () => {
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'é', ',', ';', '"', '\n', '\r\n', ' ', 'Ĳ', '°', '1') }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((value) => num(value, 3)),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(...DIALECTS), (rows, dialect) => {
        const parsed = parseCsv(formatCsv(rows, dialect), dialect);
        expect(parsed).toHaveLength(rows.length);
        rows.forEach((row, r) =>
          row.forEach((cellValue, c) => {
            if (typeof cellValue === 'string') expect(parsed[r]![c]).toBe(cellValue);
            else if (cellValue) expect(parseNumber(parsed[r]![c]!, dialect)).toBeCloseTo(cellValue.number, 3);
          }),
        );
      }),
    );
  });
});

const STYLE = { color: '#FFD400', strokeWidth: 2 };
function annotation(frameIndex: number, geometry: Annotation['geometry'], label: string | null): Annotation {
  return { id: `a${frameIndex}${label ?? ''}`, clipId: 'c1', frameIndex, frameTime: 0, geometry, label, style: STYLE, createdAt: '', updatedAt: '' };
}
function event(frameIndex: number, kind: GaitEvent['kind'], side: GaitEvent['side']): GaitEvent {
  return { id: `e${frameIndex}`, clipId: 'c1', frameIndex, frameTime: 0, kind, side, createdAt: '', updatedAt: '' };
}

describe('measurement table', () => {
  // 30 fps file filmed at 240 fps: frame i is i/240 s of real time.
  const frames = { times: Array.from({ length: 60 }, (_, i) => 1 + i / 30) };
  const rates = { fileFps: 30, captureFps: 240 };
  const events = [event(2, 'initial-contact', 'left'), event(10, 'toe-off', 'left'), event(13, 'initial-contact', 'right'), event(22, 'toe-off', 'right'), event(26, 'initial-contact', 'left')];
  const timing = computeGaitTiming({ events, frames, rates, irregularTiming: false, treadmillSpeedKmh: null, asymmetryThresholdPct: 8 });
  const knee130 = { kind: 'goniometer' as const, points: [{ x: 100, y: 0 }, { x: 100, y: 100 }, { x: 100 + 100 * Math.sin((130 * Math.PI) / 180), y: 100 - 100 * Math.cos((130 * Math.PI) / 180) }] as [never, never, never] };
  const clip: ExportClipInput = {
    id: 'c1',
    name: 'Side; "left"',
    view: 'side-left',
    annotations: [
      annotation(6, knee130, 'knee-midstance-left'),
      annotation(4, { kind: 'text', points: [{ x: 1, y: 1 }], text: 'Lands, "hard"\non heel' }, null),
    ],
    events,
    media: { frames, rates },
    timing,
  };
  const col = (key: (typeof COLUMNS)[number]) => COLUMNS.indexOf(key);

  it('gives each drawing its frame, times from the frame, both conventions, norm and flag', () => {
    const table = measurementTable({ clips: [clip], norms: {}, language: 'en' });
    const knee = table.find((row) => row[col('labelKey')] === 'knee-midstance-left')!;
    expect(knee[col('frame')]).toEqual({ number: 6, decimals: 0 });
    expect(knee[col('fileTimeS')]).toEqual({ number: 1.2, decimals: 6 });
    expect((knee[col('captureTimeMs')] as { number: number }).number).toBeCloseTo(25, 6);
    expect((knee[col('interior')] as { number: number }).number).toBeCloseTo(130, 6);
    expect((knee[col('clinical')] as { number: number }).number).toBeCloseTo(50, 6);
    expect(knee[col('normTarget')]).toEqual({ number: 140, decimals: 2 });
    expect(knee[col('flag')]).toBe('below norm');
    expect(knee[col('side')]).toBe('left');
    // A project norm overrides the default.
    const wide = measurementTable({ clips: [clip], norms: { 'knee-midstance-left': { target: 135, tolerance: 6 } }, language: 'en' });
    expect(wide.find((row) => row[col('labelKey')] === 'knee-midstance-left')![col('flag')]).toBe('within norm');
  });

  it('puts contact, flight, step and stride times on the events they belong to', () => {
    const table = measurementTable({ clips: [clip], norms: {}, language: 'en' });
    const at = (frame: number) => table.find((row) => (row[col('frame')] as { number: number } | null)?.number === frame && row[col('record')] === 'gait event')!;
    const ms = (cell: CsvCell | undefined) => (cell as { number: number }).number;
    expect(ms(at(2)[col('contactTimeMs')])).toBeCloseTo((8 / 240) * 1000, 6);
    expect(ms(at(10)[col('flightTimeMs')])).toBeCloseTo((3 / 240) * 1000, 6);
    expect(ms(at(13)[col('stepTimeMs')])).toBeCloseTo((11 / 240) * 1000, 6);
    expect(ms(at(2)[col('strideTimeMs')])).toBeCloseTo((24 / 240) * 1000, 6);
    expect(at(26)[col('contactTimeMs')]).toBeNull();
  });

  it('orders rows by frame and writes Dutch headers, sides and numbers in the nl dialect', () => {
    const text = measurementCsv({ clips: [clip], norms: {}, language: 'nl' }, 'nl');
    expect(text.startsWith('\uFEFFclip-id;clip;aanzicht;soort;beeld;')).toBe(true);
    const rows = parseCsv(text, 'nl');
    expect(rows.slice(1).map((row) => Number(row[col('frame')]))).toEqual([2, 4, 6, 10, 13, 22, 26]);
    const knee = rows.find((row) => row[col('labelKey')] === 'knee-midstance-left')!;
    expect(knee[col('clip')]).toBe('Side; "left"');
    expect(knee[col('interior')]).toBe('130,00');
    expect(knee[col('side')]).toBe('links');
    expect(knee[col('flag')]).toBe('onder norm');
    const note = rows.find((row) => row[col('type')] === 'text')!;
    expect(note[col('label')]).toBe('Lands, "hard"\non heel');
  });

  it('without the video: stored file times, no real time, no derived times', () => {
    const missing = { ...clip, media: null, timing: null, annotations: [{ ...clip.annotations[0]!, frameTime: 0.2 }] };
    const table = measurementTable({ clips: [missing], norms: {}, language: 'en' });
    const knee = table.find((row) => row[col('labelKey')] === 'knee-midstance-left')!;
    expect(knee[col('fileTimeS')]).toEqual({ number: 0.2, decimals: 6 });
    expect(knee[col('captureTimeMs')]).toBeNull();
  });
});
