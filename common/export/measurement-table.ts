import type { Annotation } from '../contract/annotation.ts';
import type { ClipView, GaitEvent, GaitEventKind } from '../contract/project.ts';
import { normInForce, type ProjectNorms } from '../checklist/norms.ts';
import { sideText } from '../gait/gait-text.ts';
import { sortGaitEvents, type GaitTiming, type Phase } from '../gait/timing.ts';
import { calibrationFromAnnotations } from '../geometry/calibration.ts';
import { CONVENTION_LABELS, type UiLanguage } from '../geometry/conventions.ts';
import { measureAnnotation } from '../measurements/measure.ts';
import { checkAgainstNorm, labelText } from '../measurements/presets.ts';
import { captureTimeAt, fileTimeAt, type RateInfo, type TimedFrames } from '../media-time.ts';
import { countedAnnotations, type TrackPointsById } from '../tracking/track-measure.ts';
import { formatCsv, num, type CsvCell, type CsvDialect } from './csv.ts';

/**
 * The measurement table of one clip or a whole session: one row per drawing and one per gait event, in frame
 * order per clip. Values come from the same functions as the panel, the checklist and `midstance info`
 * (measureAnnotation, normInForce, computeGaitTiming, media-time), so a spreadsheet never disagrees with the app.
 */

export interface ExportClipInput {
  readonly id: string;
  readonly name: string;
  readonly view: ClipView | null;
  readonly annotations: readonly Annotation[];
  readonly events: readonly GaitEvent[];
  /** Points of the tracks its measurements are bound to: a bound preset measurement gives a row per matching event. */
  readonly tracks?: TrackPointsById;
  /** The video's frame times and rates; null when the video is missing (times are then the stored file times). */
  readonly media: { readonly frames: TimedFrames; readonly rates: RateInfo } | null;
  /** Timing of the clip's events (computeGaitTiming); null without media. */
  readonly timing: GaitTiming | null;
}

export interface MeasurementTableInput {
  readonly clips: readonly ExportClipInput[];
  readonly norms: ProjectNorms;
  readonly language: UiLanguage;
}

/** Column keys, in order. Headers are their translations (see COLUMN_TITLES). */
export const COLUMNS = [
  'clipId',
  'clip',
  'view',
  'record',
  'frame',
  'fileTimeS',
  'captureTimeMs',
  'type',
  'labelKey',
  'label',
  'side',
  'interior',
  'interiorMeaning',
  'clinical',
  'clinicalMeaning',
  'unit',
  'normTarget',
  'normTolerance',
  'flag',
  'contactTimeMs',
  'flightTimeMs',
  'stepTimeMs',
  'strideTimeMs',
] as const;
export type ColumnKey = (typeof COLUMNS)[number];

const COLUMN_TITLES: Readonly<Record<UiLanguage, Readonly<Record<ColumnKey, string>>>> = {
  en: {
    clipId: 'clip id',
    clip: 'clip',
    view: 'view',
    record: 'record',
    frame: 'frame',
    fileTimeS: 'file time (s)',
    captureTimeMs: 'real time (ms)',
    type: 'type',
    labelKey: 'label key',
    label: 'label',
    side: 'side',
    interior: 'value (interior)',
    interiorMeaning: 'interior: measured as',
    clinical: 'value (clinical)',
    clinicalMeaning: 'clinical: measured as',
    unit: 'unit',
    normTarget: 'norm target (interior)',
    normTolerance: 'norm tolerance (±)',
    flag: 'against norm',
    contactTimeMs: 'contact time (ms)',
    flightTimeMs: 'flight time (ms)',
    stepTimeMs: 'step time (ms)',
    strideTimeMs: 'stride time (ms)',
  },
  nl: {
    clipId: 'clip-id',
    clip: 'clip',
    view: 'aanzicht',
    record: 'soort',
    frame: 'beeld',
    fileTimeS: 'bestandstijd (s)',
    captureTimeMs: 'echte tijd (ms)',
    type: 'type',
    labelKey: 'labelcode',
    label: 'label',
    side: 'kant',
    interior: 'waarde (binnenhoek)',
    interiorMeaning: 'binnenhoek: gemeten als',
    clinical: 'waarde (klinisch)',
    clinicalMeaning: 'klinisch: gemeten als',
    unit: 'eenheid',
    normTarget: 'norm (binnenhoek)',
    normTolerance: 'marge norm (±)',
    flag: 't.o.v. norm',
    contactTimeMs: 'contacttijd (ms)',
    flightTimeMs: 'zweeftijd (ms)',
    stepTimeMs: 'staptijd (ms)',
    strideTimeMs: 'schredetijd (ms)',
  },
};

const RECORD_TEXT = {
  en: { measurement: 'measurement', event: 'gait event' },
  nl: { measurement: 'meting', event: 'loopmoment' },
} as const;

const EVENT_TEXT: Readonly<Record<UiLanguage, Readonly<Record<GaitEventKind, string>>>> = {
  en: { 'initial-contact': 'Initial contact', midstance: 'Midstance', 'toe-off': 'Toe-off' },
  nl: { 'initial-contact': 'Eerste contact', midstance: 'Halverwege steunfase', 'toe-off': 'Afzet' },
};

const FLAG_TEXT = {
  en: { below: 'below norm', within: 'within norm', above: 'above norm' },
  nl: { below: 'onder norm', within: 'binnen norm', above: 'boven norm' },
} as const;

export function columnTitles(language: UiLanguage): string[] {
  return COLUMNS.map((key) => COLUMN_TITLES[language][key]);
}

type Row = Partial<Record<ColumnKey, CsvCell>>;

function clipRows(clip: ExportClipInput, norms: ProjectNorms, language: UiLanguage): { frame: number; order: number; row: Row }[] {
  const rows: { frame: number; order: number; row: Row }[] = [];
  // Without the video, a row placed on an event's frame takes that event's stored time.
  const storedTimeOf = (annotation: Annotation) =>
    clip.events.find((event) => event.frameIndex === annotation.frameIndex)?.frameTime ?? annotation.frameTime;
  const cmPerPx = calibrationFromAnnotations(clip.annotations)?.cmPerPx ?? null;
  const base = (frame: number, storedTime: number): Row => ({
    clipId: clip.id,
    clip: clip.name,
    view: clip.view,
    frame: num(frame, 0),
    // The frame's own timestamp; the stored time only when the video (its frame table) is not at hand.
    fileTimeS: num(clip.media ? fileTimeAt(clip.media.frames, frame) : storedTime, 6),
    captureTimeMs: clip.media ? num(captureTimeAt(clip.media.frames, clip.media.rates, frame) * 1000, 3) : null,
  });

  // A measurement bound to tracks gives one row per marked event its preset belongs to (see countedAnnotations).
  for (const annotation of countedAnnotations(clip)) {
    const measured = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
    const m = measured?.measurement ?? null;
    const preset = measured?.preset ?? null;
    const norm = preset ? normInForce(preset.key, norms) : null;
    // A distance known only in px cannot be judged against a norm in cm.
    const judged = m && norm && m.unit !== 'px' ? checkAgainstNorm(m.interior, norm) : null;
    const decimals = m?.unit === 'px' ? 1 : 2;
    const text = annotation.geometry.kind === 'text' ? annotation.geometry.text : null;
    rows.push({
      frame: annotation.frameIndex,
      order: 0,
      row: {
        ...base(annotation.frameIndex, storedTimeOf(annotation)),
        record: RECORD_TEXT[language].measurement,
        type: annotation.geometry.kind,
        labelKey: preset?.key ?? null,
        label: labelText(annotation.label, language) ?? text,
        side: preset?.side ? sideText(preset.side, language) : null,
        interior: m ? num(m.interior, decimals) : null,
        interiorMeaning: m ? CONVENTION_LABELS[m.conventionLabel.interior][language].long : null,
        clinical: m ? num(m.clinical, decimals) : null,
        clinicalMeaning: m ? CONVENTION_LABELS[m.conventionLabel.clinical][language].long : null,
        unit: m?.unit ?? null,
        normTarget: norm ? num(norm.target, 2) : null,
        normTolerance: norm ? num(norm.tolerance, 2) : null,
        flag: judged ? FLAG_TEXT[language][judged] : null,
      },
    });
  }

  const timing = clip.timing;
  const phaseFrom = (phases: readonly Phase[] | undefined, side: string, frame: number) =>
    phases?.find((phase) => phase.side === side && phase.fromFrame === frame)?.ms ?? null;
  const phaseTo = (phases: readonly Phase[] | undefined, side: string, frame: number) =>
    phases?.find((phase) => phase.side === side && phase.toFrame === frame)?.ms ?? null;
  for (const event of sortGaitEvents(clip.events)) {
    const ic = event.kind === 'initial-contact';
    const to = event.kind === 'toe-off';
    rows.push({
      frame: event.frameIndex,
      order: 1,
      row: {
        ...base(event.frameIndex, event.frameTime),
        record: RECORD_TEXT[language].event,
        type: event.kind,
        label: EVENT_TEXT[language][event.kind],
        side: sideText(event.side, language),
        // Each derived time sits on the event where its phase starts (contact, flight, stride) or, for a step,
        // on the contact that ends it (a step is counted for the landing foot).
        contactTimeMs: ic ? num(phaseFrom(timing?.contacts, event.side, event.frameIndex), 3) : null,
        flightTimeMs: to ? num(phaseFrom(timing?.flights, event.side, event.frameIndex), 3) : null,
        stepTimeMs: ic ? num(phaseTo(timing?.stepPhases, event.side, event.frameIndex), 3) : null,
        strideTimeMs: ic ? num(phaseFrom(timing?.strides, event.side, event.frameIndex), 3) : null,
      },
    });
  }
  return rows.sort((a, b) => a.frame - b.frame || a.order - b.order);
}

/** Header plus one row per drawing and gait event, clip by clip. */
export function measurementTable(input: MeasurementTableInput): CsvCell[][] {
  const rows: CsvCell[][] = [columnTitles(input.language)];
  for (const clip of input.clips) {
    for (const { row } of clipRows(clip, input.norms, input.language)) rows.push(COLUMNS.map((key) => row[key] ?? null));
  }
  return rows;
}

export function measurementCsv(input: MeasurementTableInput, dialect: CsvDialect): string {
  return formatCsv(measurementTable(input), dialect);
}
