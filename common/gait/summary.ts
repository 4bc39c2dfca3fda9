import type { Annotation } from '../contract/annotation.ts';
import type { AngleConvention } from '../contract/app.ts';
import { measureAnnotation } from '../measurements/measure.ts';
import { countedAnnotations, type ClipMeasurements } from '../tracking/track-measure.ts';
import { gaitProblemText, gaitWarningText } from './gait-text.ts';
import { describeRange, type RangeStat, type Stat } from './stats.ts';
import type { GaitTiming, PerSide } from './timing.ts';

/**
 * Typical easy-pace values of recreational runners: context beside the figures, never a verdict.
 * Duty factor as a fraction.
 */
export const TYPICAL_RANGES = {
  contactTimeMs: { low: 250, high: 300 },
  flightTimeMs: { low: 80, high: 120 },
  dutyFactor: { low: 0.35, high: 0.4 },
  cadenceSpm: { low: 160, high: 180 },
} as const;

type StatJson = { mean: number; sd: number | null; n: number } | null;
type PerSideJson = { left: StatJson; right: StatJson; all: StatJson };

/** The `gait` object of `midstance info --json`: exactly these keys, for other tools to read. */
export interface GaitSummaryJson {
  captureFps: number;
  resolutionMs: number;
  steps: { left: number; right: number };
  contactTimeMs: PerSideJson;
  flightTimeMs: PerSideJson;
  stepTimeMs: PerSideJson;
  strideTimeMs: PerSideJson;
  cadenceSpm: PerSideJson;
  dutyFactor: PerSideJson;
  asymmetryPct: { contactTimeMs: number | null; flightTimeMs: number | null; stepTimeMs: number | null };
  warnings: string[];
  problems: { frameIndex: number; message: string }[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function statJson(stat: Stat | null, digits: number): StatJson {
  return stat ? { mean: round(stat.mean, digits), sd: stat.sd === null ? null : round(stat.sd, digits), n: stat.n } : null;
}

function perSideJson(figure: PerSide<Stat | null>, digits = 3): PerSideJson {
  return { left: statJson(figure.left, digits), right: statJson(figure.right, digits), all: statJson(figure.all, digits) };
}

export function gaitSummaryJson(timing: GaitTiming): GaitSummaryJson {
  const pct = (value: number | null) => (value === null ? null : round(value, 2));
  return {
    captureFps: round(timing.captureFps, 3),
    resolutionMs: round(timing.resolutionMs, 3),
    steps: { ...timing.steps },
    contactTimeMs: perSideJson(timing.contactTimeMs),
    flightTimeMs: perSideJson(timing.flightTimeMs),
    stepTimeMs: perSideJson(timing.stepTimeMs),
    strideTimeMs: perSideJson(timing.strideTimeMs),
    cadenceSpm: perSideJson(timing.cadenceSpm, 2),
    dutyFactor: perSideJson(timing.dutyFactor, 4),
    asymmetryPct: {
      contactTimeMs: pct(timing.asymmetryPct.contactTimeMs),
      flightTimeMs: pct(timing.asymmetryPct.flightTimeMs),
      stepTimeMs: pct(timing.asymmetryPct.stepTimeMs),
    },
    warnings: timing.warnings.map((warning) => gaitWarningText(warning, 'en')),
    problems: timing.problems.map((problem) => ({ frameIndex: problem.frameIndex, message: gaitProblemText(problem, 'en') })),
  };
}

export interface MeasurementSummaryEntry extends RangeStat {
  convention: AngleConvention | 'length';
}

/**
 * Measurements labelled with a preset, summarised per preset (a preset is one measure on one side):
 * mean ± SD, n, min and max, in the given angle convention (lengths in cm or px as measured).
 */
export function summarizeMeasurements(
  annotations: readonly (Pick<Annotation, 'geometry' | 'label' | 'trackBindings'> & { frameIndex?: number })[],
  convention: AngleConvention,
  cmPerPx: number | null,
  /** The clip's bound tracks and marked events: a measurement bound to tracks counts once per matching event. */
  bound: Omit<ClipMeasurements<never>, 'annotations'> = {},
): Record<string, MeasurementSummaryEntry> {
  const values = new Map<string, { values: number[]; convention: AngleConvention | 'length' }>();
  for (const annotation of countedAnnotations({ ...bound, annotations })) {
    const measured = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
    if (!measured?.preset) continue;
    const m = measured.measurement;
    const angle = m.unit === '°';
    const value = angle && convention === 'clinical' ? m.clinical : m.interior;
    const entry = values.get(measured.preset.key) ?? { values: [], convention: angle ? convention : 'length' };
    entry.values.push(value);
    values.set(measured.preset.key, entry);
  }
  const summary: Record<string, MeasurementSummaryEntry> = {};
  for (const [key, entry] of [...values].sort(([a], [b]) => a.localeCompare(b))) {
    const stat = describeRange(entry.values)!;
    summary[key] = { ...stat, convention: entry.convention };
  }
  return summary;
}
