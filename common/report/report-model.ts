import { RUNNING_TECHNIQUE_CHECKLIST, type Checklist } from '../checklist/checklist.ts';
import {
  evaluateChecklist,
  sessionTiming,
  statsFromAnnotations,
  statsFromTiming,
  type ChecklistEvaluation,
  type MeasureStat,
} from '../checklist/evaluate.ts';
import { measureByKey } from '../checklist/measures.ts';
import { normForDisplay, normInForce, isInside, type ProjectNorms } from '../checklist/norms.ts';
import type { Annotation } from '../contract/annotation.ts';
import type { TrackPointsById } from '../tracking/track-measure.ts';
import type { BodySide, ChecklistAnswer, Client, ClipView, GaitEvent, Session, SessionNotes } from '../contract/project.ts';
import { gaitWarningText } from '../gait/gait-text.ts';
import type { Stat } from '../gait/stats.ts';
import { TYPICAL_RANGES } from '../gait/summary.ts';
import type { GaitTiming, PerSide } from '../gait/timing.ts';
import { calibrationFromAnnotations } from '../geometry/calibration.ts';
import { convertValue, CONVENTION_LABELS, formatMeasurement, type AngleConvention, type UiLanguage } from '../geometry/conventions.ts';
import { measureAnnotation } from '../measurements/measure.ts';
import { labelText, presetByKey } from '../measurements/presets.ts';
import { captureTimeAt, type RateInfo, type TimedFrames } from '../media-time.ts';
import { fill, formatDate, formatNumber, reportTexts, type ReportTexts } from './report-text.ts';

/**
 * The session report as data: every section with its texts in the report's language, computed from the
 * project with the same pure functions the app and the CLI use (checklist evaluation, gait timing, measurement
 * presets, conventions). The PDF writer only lays this out; nothing here knows about pages or PDF.
 */

/** Timing figures shown in the comparison (context only). */
const TIMING_COMPARED = ['gait.contact-time-left', 'gait.contact-time-right', 'gait.flight-time-left', 'gait.flight-time-right', 'gait.cadence'] as const;

/** The default smallest detectable difference between sessions, degrees (domain brief: flag above 3°). */
export const DEFAULT_SDD_DEGREES = 3;
/** More key frames than this make a report nobody reads; the rest are counted. */
export const MAX_KEY_FRAMES = 12;

export interface ReportClipInput {
  readonly id: string;
  readonly name: string;
  readonly view: ClipView | null;
  readonly annotations: readonly Annotation[];
  readonly events: readonly GaitEvent[];
  /** Points of the tracks its measurements are bound to (see common/tracking/track-measure.ts). */
  readonly tracks?: TrackPointsById;
  /** The clip's video as read now: frame times and rates, or why it could not be used. */
  readonly media:
    | { readonly state: 'found'; readonly frames: TimedFrames; readonly rates: RateInfo; readonly timing: GaitTiming; readonly size: { width: number; height: number } }
    | { readonly state: 'missing' | 'unreadable'; readonly reason: string; readonly captureFps: number | null };
}

export interface ReportSessionInput {
  readonly session: Session;
  readonly answers: readonly ChecklistAnswer[];
  readonly clips: readonly ReportClipInput[];
}

export interface ReportInput extends ReportSessionInput {
  readonly language: UiLanguage;
  readonly convention: AngleConvention;
  readonly norms: ProjectNorms;
  readonly practiceName: string;
  readonly client: Client;
  readonly notes: Pick<SessionNotes, 'findings' | 'advice'>;
  /** The client's latest session before this one (by date), for the comparison. */
  readonly previous: ReportSessionInput | null;
  readonly checklist?: Checklist;
}

export interface KeyValue {
  readonly label: string;
  readonly value: string;
}

export interface KeyFrame {
  readonly clipId: string;
  readonly frameIndex: number;
  readonly caption: string;
  /** Why the frame is in the report: events, labelled measurements, checklist items. */
  readonly reasons: readonly string[];
  readonly annotations: readonly Annotation[];
  readonly cmPerPx: number | null;
  /** Null when the video is missing or unreadable: the writer draws a placeholder with this reason. */
  readonly missingReason: string | null;
  /** The frame's full size as shown (the space annotation points are in); null when the video is not read. */
  readonly imageSize: { readonly width: number; readonly height: number } | null;
}

export interface TableRow {
  readonly cells: readonly string[];
  /** Small print under a cell (e.g. the other angle convention), by column. */
  readonly small?: readonly (string | null)[];
  readonly flag?: 'good' | 'attention' | null;
}

export interface ReportTable {
  readonly columns: readonly string[];
  /** Relative widths. */
  readonly widths: readonly number[];
  /** Right-aligned (numeric) columns. */
  readonly numeric: readonly boolean[];
  /** The column a row's flag colours (the verdict or the figure that was flagged). */
  readonly flagColumn: number;
  readonly rows: readonly TableRow[];
}

export interface ChecklistGroupModel {
  readonly title: string;
  readonly items: readonly { title: string; status: string; statusKey: 'good' | 'needs-attention' | 'not-assessed'; setBy: string | null; values: string; note: string }[];
}

export interface ReportModel {
  readonly language: UiLanguage;
  readonly convention: AngleConvention;
  readonly texts: ReportTexts;
  readonly title: string;
  readonly subject: string;
  readonly practiceName: string;
  readonly clientName: string;
  readonly sessionDate: string;
  readonly assessor: string;
  readonly header: readonly KeyValue[];
  readonly protocol: readonly KeyValue[];
  readonly clips: readonly KeyValue[];
  readonly history: readonly KeyValue[];
  readonly camera: readonly KeyValue[];
  readonly summary: { readonly flagged: readonly KeyValue[]; readonly text: string };
  readonly nothingMeasured: boolean;
  readonly keyFrames: readonly KeyFrame[];
  readonly keyFramesOmitted: number;
  readonly measurements: ReportTable | null;
  readonly timing: { readonly intro: string; readonly table: ReportTable; readonly notes: readonly string[] } | null;
  readonly checklist: readonly ChecklistGroupModel[];
  readonly findings: string;
  readonly advice: string;
  readonly drills: { readonly title: string; readonly items: readonly KeyValue[] } | null;
  readonly comparison: { readonly intro: string; readonly table: ReportTable | null } | null;
  readonly warnings: readonly string[];
}

const SIDE_VIEWS: readonly ClipView[] = ['side-left', 'side-right'];
const EVENT_ORDER = ['initial-contact', 'midstance', 'toe-off'] as const;

function sessionStats(input: ReportSessionInput): { stats: Record<string, MeasureStat>; timing: { clip: ReportClipInput; timing: GaitTiming } | null } {
  const calibrated = input.clips.map((clip) => ({
    annotations: clip.annotations,
    cmPerPx: calibrationFromAnnotations([...clip.annotations])?.cmPerPx ?? null,
    tracks: clip.tracks,
    events: clip.events,
  }));
  const timed = sessionTiming(
    input.clips.flatMap((clip) => (clip.media.state === 'found' ? [{ clip, timing: clip.media.timing }] : [])),
  );
  return { stats: { ...statsFromAnnotations(calibrated), ...(timed ? statsFromTiming(timed.timing) : {}) }, timing: timed };
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { language, convention } = input;
  const t = reportTexts(language);
  const checklist = input.checklist ?? RUNNING_TECHNIQUE_CHECKLIST;
  const num = (value: number, decimals: number) => formatNumber(value, language, decimals);
  const { stats, timing } = sessionStats(input);
  const evaluation = evaluateChecklist({ checklist, answers: input.answers, norms: input.norms, stats });
  const session = input.session;
  const warnings: string[] = [];
  for (const clip of input.clips) {
    if (clip.media.state === 'missing') warnings.push(fill(t.missingMedia, { clip: clip.name }));
    if (clip.media.state === 'unreadable') warnings.push(fill(t.unreadableMedia, { clip: clip.name, reason: clip.media.reason }));
  }

  const orNot = (value: string) => (value.trim() === '' ? t.notRecorded : value.trim());
  const header: KeyValue[] = [
    { label: t.client, value: input.client.name },
    ...(input.client.birthYear !== null ? [{ label: t.born, value: String(input.client.birthYear) }] : []),
    ...(input.client.externalId ? [{ label: t.clientId, value: input.client.externalId }] : []),
    { label: t.date, value: formatDate(session.date, language) },
    { label: t.assessor, value: orNot(session.assessor) },
  ];
  const p = session.protocol;
  const protocol: KeyValue[] = [
    { label: t.speed, value: p.treadmillSpeedKmh === null ? t.notRecorded : `${num(p.treadmillSpeedKmh, 1)} km/h` },
    { label: t.incline, value: p.inclinePercent === null ? t.notRecorded : `${num(p.inclinePercent, 1)} %` },
    {
      label: t.shoes,
      value:
        [p.shoes.trim(), p.shoeMileageKm === null ? '' : `(${fill(t.shoeMileage, { km: num(p.shoeMileageKm, 0) })})`].filter(Boolean).join(' ') ||
        t.notRecorded,
    },
  ];
  const clips: KeyValue[] = input.clips.map((clip) => {
    const view = clip.view ? t.view[clip.view] : '';
    const fps = clip.media.state === 'found' ? clip.media.rates.captureFps : clip.media.captureFps;
    const rate = fps === null ? t.captureUnknown : fill(t.capturedAt, { fps: num(fps, fps % 1 === 0 ? 0 : 1) });
    const state = clip.media.state === 'found' ? '' : ` — ${t.mediaMissing}`;
    return { label: clip.name, value: [view, rate].filter(Boolean).join(', ') + state };
  });
  const history: KeyValue[] = [
    { label: t.trainingVolume, value: orNot(session.history.trainingVolume) },
    { label: t.complaints, value: orNot(session.history.complaints) },
    { label: t.goals, value: orNot(session.history.goals) },
  ];
  const camera: KeyValue[] = [
    { label: t.views, value: session.camera.views.length > 0 ? session.camera.views.map((v) => t.view[v]).join(', ') : t.notRecorded },
    { label: t.distance, value: session.camera.distanceM === null ? t.notRecorded : `${num(session.camera.distanceM, 1)} m` },
    { label: t.height, value: session.camera.heightM === null ? t.notRecorded : `${num(session.camera.heightM, 2)} m` },
  ];

  const measurements = measurementTable(input, stats, t);
  const timingModel = timing ? timingSection(timing.clip, timing.timing, input, t) : null;
  const checklistGroups = checklistSection(evaluation, checklist, input, t);
  const flagged: KeyValue[] = evaluation.flagged.map((item) => ({
    label: item.item.title[language],
    value: [valuesText(item.values, input, false, true), item.note.trim()].filter(Boolean).join(' — ') || item.item.look[language],
  }));
  const anyAnnotation = input.clips.some((clip) => clip.annotations.length > 0 || clip.events.length > 0);
  const nothingMeasured = !anyAnnotation && input.answers.length === 0;
  const judged = evaluation.items.filter((item) => item.status === 'good').length;
  const open = evaluation.items.filter((item) => item.status === 'not-assessed').length;
  const summaryText = nothingMeasured
    ? t.summaryNothingMeasured
    : [flagged.length === 0 ? t.summaryNoneFlagged : '', fill(t.summaryGood, { count: judged, open })].filter(Boolean).join(' ');

  const { frames: keyFrames, omitted } = chooseKeyFrames(input, evaluation, checklist, t);
  return {
    language,
    convention,
    texts: t,
    title: `${t.title} — ${input.client.name} — ${formatDate(session.date, language)}`,
    subject: t.subject,
    practiceName: input.practiceName.trim(),
    clientName: input.client.name,
    sessionDate: formatDate(session.date, language),
    assessor: session.assessor.trim(),
    header,
    protocol,
    clips,
    history,
    camera,
    summary: { flagged, text: summaryText },
    nothingMeasured,
    keyFrames,
    keyFramesOmitted: omitted,
    measurements,
    timing: timingModel,
    checklist: checklistGroups,
    findings: input.notes.findings.trim(),
    advice: input.notes.advice.trim(),
    drills: drillsSection(evaluation, checklist, input, t),
    comparison: input.previous ? comparisonSection(input, input.previous, stats, t) : null,
    warnings,
  };
}

/** A value in the report's convention, with its unit ("140,0°", "262 ms"). */
function valueIn(key: string, interior: number, convention: AngleConvention, unit: string, language: UiLanguage): string {
  const measure = measureByKey(key);
  const value = measure?.rule ? convertValue(measure.rule, interior, 'interior', convention) : interior;
  const decimals = unit === '°' || unit === 'cm' ? 1 : unit === '%' ? 1 : 0;
  const number = formatNumber(value, language, decimals);
  return unit === '°' ? `${number}°` : `${number} ${unitLabel(unit, language)}`;
}

/** Steps per minute reads "p/min" (passen per minuut) in Dutch, as in the timing table. */
const unitLabel = (unit: string, language: UiLanguage) => (unit === 'spm' && language === 'nl' ? 'p/min' : unit);

/** "140,0° ± 1,4", "262 ± 12 ms": the degree sign sits on the number, other units after the spread. */
function statText(key: string, stat: Pick<Stat, 'mean' | 'sd'>, unit: string, convention: AngleConvention, language: UiLanguage): string {
  const value = valueIn(key, stat.mean, convention, unit, language);
  if (stat.sd === null) return value;
  const decimals = unit === '°' || unit === 'cm' || unit === '%' ? 1 : 0;
  const sd = formatNumber(stat.sd, language, decimals);
  const label = unitLabel(unit, language);
  return unit === '°' ? `${value} ± ${sd}` : `${value.slice(0, -(label.length + 1))} ± ${sd} ${label}`;
}

function conventionShort(key: string, convention: AngleConvention, language: UiLanguage): string {
  const preset = presetByKey(key);
  if (!preset) return '';
  const labelKey =
    preset.rule === 'joint-flexion'
      ? convention === 'interior' ? 'interior-angle' : 'flexion'
      : preset.rule === 'joint-from-straight'
        ? convention === 'interior' ? 'interior-angle' : 'from-straight'
        : preset.rule === 'inclination'
          ? convention === 'interior' ? 'to-horizontal' : 'to-vertical'
          : preset.rule === 'to-horizontal' ? 'to-horizontal' : preset.rule === 'to-vertical' ? 'to-vertical' : null;
  return labelKey ? CONVENTION_LABELS[labelKey][language].short : '';
}

/** "left 140,0° ± 1,4, right 129,5° ± 2,1"; figures without a side are named when an item has several. */
function valuesText(values: ChecklistEvaluation['items'][number]['values'], input: ReportInput, withN: boolean, withNorm = false): string {
  const t = reportTexts(input.language);
  return values
    .map((value) => {
      const stat = statText(value.presetKey, value, value.unit, input.convention, input.language);
      const name = value.side ? `${t.sides[value.side]} ` : values.length > 1 ? `${lowerFirst(measureByKey(value.presetKey)?.name[input.language] ?? '')} ` : '';
      const norm = withNorm && value.inside === false ? normText(value.presetKey, input) : null;
      return `${name}${stat}${withN && value.n > 1 ? ` (n=${value.n})` : ''}${norm ? ` (${t.colNorm.toLowerCase()} ${norm})` : ''}`;
    })
    .join(', ');
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function normText(key: string, input: ReportInput): string | null {
  const measure = measureByKey(key);
  const norm = measure ? normInForce(measure.normKey, input.norms) : null;
  if (!measure || !norm) return null;
  const shown = normForDisplay({ rule: measure.rule }, norm, input.convention);
  const unit = measure.kind === 'angle' ? '°' : measure.kind === 'distance' ? ' cm' : measure.kind === 'pct' ? ' %' : measure.kind === 'ms' ? ' ms' : ' spm';
  const n = (value: number) => formatNumber(value, input.language, measure.kind === 'angle' || measure.kind === 'distance' ? 1 : 0);
  if (measure.kind === 'pct' && shown.target === 0) return `≤ ${n(shown.tolerance)}${unit}`;
  return `${n(shown.target)} ± ${n(shown.tolerance)}${unit}`;
}

function measurementTable(input: ReportInput, stats: Record<string, MeasureStat>, t: ReportTexts): ReportTable | null {
  const { language, convention } = input;
  const other: AngleConvention = convention === 'interior' ? 'clinical' : 'interior';
  const rows: TableRow[] = [];
  const presetKeys = Object.keys(stats).filter((key) => presetByKey(key));
  presetKeys.sort((a, b) => (presetByKey(a)!.name[language] < presetByKey(b)!.name[language] ? -1 : 1));
  for (const key of presetKeys) {
    const stat = stats[key]!;
    const preset = presetByKey(key)!;
    const measure = measureByKey(key);
    const norm = measure ? normInForce(measure.normKey, input.norms) : null;
    const judgeable = norm !== null && stat.unit !== 'px';
    const inside = judgeable ? isInside(stat.mean, norm) : null;
    const angle = stat.unit === '°';
    const shortHere = angle ? conventionShort(key, convention, language) : '';
    const shortOther = angle ? conventionShort(key, other, language) : '';
    const otherText = angle && preset.rule !== 'to-horizontal' && preset.rule !== 'to-vertical' ? `${statText(key, stat, stat.unit, other, language)} ${shortOther}` : null;
    rows.push({
      cells: [
        preset.name[language],
        `${statText(key, stat, stat.unit, convention, language)}${shortHere ? ` ${shortHere}` : ''}`,
        String(stat.n),
        normText(key, input) ?? t.noNorm,
        inside === null ? '' : inside ? t.within : t.outside,
      ],
      small: [null, otherText, null, null, null],
      flag: inside === null ? null : inside ? 'good' : 'attention',
    });
  }
  // Measurements with a free-text label: each on its own row (they are not pooled under a preset).
  for (const clip of input.clips) {
    const cmPerPx = calibrationFromAnnotations([...clip.annotations])?.cmPerPx ?? null;
    for (const annotation of clip.annotations) {
      if (annotation.label === null || annotation.label.trim() === '' || presetByKey(annotation.label)) continue;
      const measured = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
      if (!measured) continue;
      const m = measured.measurement;
      const hasOther = m.unit === '°' && m.interior !== m.clinical;
      rows.push({
        cells: [
          `${annotation.label} (${clip.name}, ${frameWord(language)} ${annotation.frameIndex})`,
          formatMeasurement(m, convention, language),
          '1',
          t.noNorm,
          '',
        ],
        small: [null, hasOther ? formatMeasurement(m, other, language) : null, null, null, null],
        flag: null,
      });
    }
  }
  if (rows.length === 0) return null;
  return {
    columns: [t.colMeasure, t.colValue, t.colN, t.colNorm, t.colResult],
    widths: [34, 24, 6, 18, 18],
    numeric: [false, true, true, true, false],
    flagColumn: 4,
    rows,
  };
}

const frameWord = (language: UiLanguage) => (language === 'nl' ? 'beeld' : 'frame');

function timingSection(clip: ReportClipInput, timing: GaitTiming, input: ReportInput, t: ReportTexts) {
  const { language } = input;
  const n = (value: number, d: number) => formatNumber(value, language, d);
  const cell = (stat: Stat | null, unit: string, d: number, scale = 1) =>
    stat ? `${n(stat.mean * scale, d)}${stat.sd === null ? '' : ` ± ${n(stat.sd * scale, d)}`} ${unit}` : '–';
  const nOf = (figure: PerSide<Stat | null>) => (figure.all ? String(figure.all.n) : '–');
  const pct = (value: number | null) => (value === null ? '–' : `${n(value, 1)} %`);
  const row = (label: string, figure: PerSide<Stat | null>, unit: string, d: number, asymmetry: number | null | undefined, scale = 1): TableRow => {
    const threshold = input.norms['gait.asymmetry']?.tolerance ?? 8;
    return {
      cells: [label, cell(figure.left, unit, d, scale), cell(figure.right, unit, d, scale), cell(figure.all, unit, d, scale), asymmetry === undefined ? '' : pct(asymmetry), nOf(figure)],
      flag: asymmetry !== undefined && asymmetry !== null && asymmetry > threshold ? 'attention' : null,
    };
  };
  const rows: TableRow[] = [
    row(t.contactTime, timing.contactTimeMs, 'ms', 0, timing.asymmetryPct.contactTimeMs),
    row(t.flightTime, timing.flightTimeMs, 'ms', 0, timing.asymmetryPct.flightTimeMs),
    row(t.stepTime, timing.stepTimeMs, 'ms', 0, timing.asymmetryPct.stepTimeMs),
    row(t.cadence, timing.cadenceSpm, language === 'nl' ? 'p/min' : 'spm', 0, undefined),
    row(t.dutyFactor, timing.dutyFactor, '%', 1, undefined, 100),
    ...(timing.stepLengthCm ? [row(t.stepLength, timing.stepLengthCm, 'cm', 0, undefined)] : []),
  ];
  const fps = timing.captureFps;
  const intro = fill(t.timingFrom, {
    clip: clip.name,
    left: timing.steps.left,
    right: timing.steps.right,
    ms: n(timing.resolutionMs, 1),
    fps: n(fps, fps % 1 === 0 ? 0 : 1),
  });
  const typical = fill(t.typical, {
    contact: `${TYPICAL_RANGES.contactTimeMs.low}–${TYPICAL_RANGES.contactTimeMs.high}`,
    flight: `${TYPICAL_RANGES.flightTimeMs.low}–${TYPICAL_RANGES.flightTimeMs.high}`,
    cadence: `${TYPICAL_RANGES.cadenceSpm.low}–${TYPICAL_RANGES.cadenceSpm.high}`,
    duty: `${TYPICAL_RANGES.dutyFactor.low * 100}–${TYPICAL_RANGES.dutyFactor.high * 100}`,
  });
  return {
    intro,
    table: {
      columns: [t.colFigure, t.colLeft, t.colRight, t.colBoth, t.colAsymmetry, t.colN],
      widths: [20, 19, 19, 19, 14, 6],
      numeric: [false, true, true, true, true, true],
      flagColumn: 4,
      rows,
    },
    notes: [typical, ...timing.warnings.map((warning) => gaitWarningText(warning, language))],
  };
}

function checklistSection(evaluation: ChecklistEvaluation, checklist: Checklist, input: ReportInput, t: ReportTexts): ChecklistGroupModel[] {
  return checklist.groups.map((group) => ({
    title: group.title[input.language],
    items: evaluation.items
      .filter((item) => item.group === group.key)
      .map((item) => ({
        title: item.item.title[input.language],
        status: t.status[item.status],
        statusKey: item.status,
        setBy: item.statusSource === 'set' ? t.setByAssessor : null,
        values: valuesText(item.values, input, true),
        note: item.note.trim(),
      })),
  }));
}

function drillsSection(evaluation: ChecklistEvaluation, checklist: Checklist, input: ReportInput, t: ReportTexts): ReportModel['drills'] {
  const advice = input.notes.advice;
  const chosen = checklist.drills.filter((drill) => advice.includes(drill.text.nl) || advice.includes(drill.text.en) || advice.includes(drill.title[input.language]));
  // Drills added from the checklist are already lines of the advice ("• title: text"); no second list then.
  if (chosen.length > 0) return null;
  const keys = [...new Set(evaluation.flagged.flatMap((item) => item.item.drills))];
  const suggested = keys.flatMap((key) => {
    const drill = checklist.drill(key);
    return drill ? [{ label: drill.title[input.language], value: drill.text[input.language] }] : [];
  });
  return suggested.length > 0 ? { title: t.drillsSuggested, items: suggested } : null;
}

/**
 * Now against the client's previous session, measure by measure (pooled as the checklist pools them). A change
 * is flagged only above the measure's smallest detectable difference (its preset's, else the default 3°).
 */
function comparisonSection(input: ReportInput, previous: ReportSessionInput, now: Record<string, MeasureStat>, t: ReportTexts): ReportModel['comparison'] {
  const { language, convention } = input;
  const then = sessionStats(previous).stats;
  const intro = `${formatDate(previous.session.date, language)} → ${formatDate(input.session.date, language)}. ${t.comparisonHint}`;
  const rows: TableRow[] = [];
  for (const key of Object.keys(now)) {
    const preset = presetByKey(key);
    const before = then[key];
    const after = now[key];
    if (!preset || !before || !after || before.unit !== after.unit || after.unit !== '°') continue;
    const shownBefore = convertValue(preset.rule, before.mean, 'interior', convention);
    const shownAfter = convertValue(preset.rule, after.mean, 'interior', convention);
    const change = shownAfter - shownBefore;
    const sdd = preset.smallestDetectableDifference ?? DEFAULT_SDD_DEGREES;
    const flagged = Math.abs(change) > sdd;
    const n = (value: number) => formatNumber(value, language, 1);
    rows.push({
      cells: [
        preset.name[language],
        `${n(shownBefore)}°`,
        `${n(shownAfter)}°`,
        `${signed(change, language, 1)}°`,
        `${n(sdd)}°`,
        flagged ? t.changed : t.unchanged,
      ],
      flag: flagged ? 'attention' : null,
    });
  }
  rows.sort((a, b) => (a.cells[0]! < b.cells[0]! ? -1 : 1));
  // Running times, then and now, as context: there is no published detectable difference for them, so they are
  // never marked as changed.
  for (const key of TIMING_COMPARED) {
    const before = then[key];
    const after = now[key];
    const measure = measureByKey(key);
    if (!before || !after || !measure) continue;
    const change = after.mean - before.mean;
    const unit = unitLabel(after.unit, language);
    const n = (value: number) => formatNumber(value, language, 0);
    rows.push({
      cells: [
        measure.name[language],
        `${n(before.mean)} ${unit}`,
        `${n(after.mean)} ${unit}`,
        `${signed(change, language, 0)} ${unit}`,
        '—',
        t.notJudged,
      ],
      flag: null,
    });
  }
  return {
    intro,
    table:
      rows.length === 0
        ? null
        : {
            columns: [t.colMeasure, t.colThen, t.colNow, t.colChange, t.colSdd, t.colResult],
            widths: [30, 14, 14, 14, 9, 19],
            numeric: [false, true, true, true, true, false],
            flagColumn: 5,
            rows,
          },
  };
}

/**
 * The frames the report shows: those linked from checklist items, those with labelled measurements, and in
 * side views the first initial contact, midstance and toe-off of the foot nearest the camera. In clip order,
 * then frame order; at most MAX_KEY_FRAMES.
 */
export function chooseKeyFrames(
  input: ReportInput,
  evaluation: ChecklistEvaluation,
  checklist: Checklist,
  t: ReportTexts = reportTexts(input.language),
): { frames: KeyFrame[]; omitted: number } {
  const { language } = input;
  const wanted = new Map<string, { clipId: string; frameIndex: number; reasons: string[]; priority: number }>();
  const want = (clipId: string, frameIndex: number, reason: string, priority: number) => {
    const key = `${clipId}:${frameIndex}`;
    const entry = wanted.get(key) ?? { clipId, frameIndex, reasons: [], priority };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    entry.priority = Math.min(entry.priority, priority);
    wanted.set(key, entry);
  };
  const clipById = new Map(input.clips.map((clip) => [clip.id, clip]));
  for (const item of evaluation.items) {
    for (const still of item.stills) {
      if (clipById.has(still.clipId)) want(still.clipId, still.frameIndex, fill(t.linkedFrom, { item: item.item.title[language] }), 0);
    }
  }
  for (const clip of input.clips) {
    if (clip.view && SIDE_VIEWS.includes(clip.view)) {
      const near: BodySide = clip.view === 'side-left' ? 'left' : 'right';
      const sorted = [...clip.events].sort((a, b) => a.frameIndex - b.frameIndex);
      const firstIc = sorted.find((event) => event.side === near && event.kind === 'initial-contact');
      if (firstIc) {
        for (const kind of EVENT_ORDER) {
          const event = sorted.find((e) => e.side === near && e.kind === kind && e.frameIndex >= firstIc.frameIndex);
          if (event) want(clip.id, event.frameIndex, `${capitalize(t.event[kind])} ${t.sides[near]}`, 1);
        }
      }
    }
    for (const annotation of clip.annotations) {
      if (annotation.label === null || annotation.label.trim() === '') continue;
      want(clip.id, annotation.frameIndex, labelText(annotation.label, language) ?? annotation.label, 2);
    }
  }
  const clipOrder = new Map(input.clips.map((clip, i) => [clip.id, i]));
  const all = [...wanted.values()];
  const kept = [...all].sort((a, b) => a.priority - b.priority).slice(0, MAX_KEY_FRAMES);
  kept.sort((a, b) => clipOrder.get(a.clipId)! - clipOrder.get(b.clipId)! || a.frameIndex - b.frameIndex);
  const frames = kept.map((entry): KeyFrame => {
    const clip = clipById.get(entry.clipId)!;
    const media = clip.media;
    const time =
      media.state === 'found'
        ? `${formatNumber(captureTimeAt(media.frames, media.rates, entry.frameIndex) * 1000, language, 1)} ms`
        : '';
    return {
      clipId: clip.id,
      frameIndex: entry.frameIndex,
      caption: fill(t.frameCaption, { clip: clip.name, frame: entry.frameIndex, time }).replace(/ · $/, ''),
      reasons: entry.reasons,
      annotations: clip.annotations.filter((annotation) => annotation.frameIndex === entry.frameIndex),
      cmPerPx: calibrationFromAnnotations([...clip.annotations])?.cmPerPx ?? null,
      missingReason: media.state === 'found' ? null : media.state === 'missing' ? t.mediaMissing : media.reason,
      imageSize: media.state === 'found' ? media.size : null,
    };
  });
  return { frames, omitted: all.length - kept.length };
}

/** "+3,5", "−10,5", "0": a sign only when the rounded change is not zero. */
function signed(value: number, language: UiLanguage, decimals: number): string {
  const magnitude = formatNumber(Math.abs(value), language, decimals);
  if (Number(magnitude.replace(',', '.')) === 0) return magnitude;
  return `${value > 0 ? '+' : '−'}${magnitude}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
