import type { Annotation } from '../contract/annotation.ts';
import { ChecklistStatus, type BodySide, type ChecklistAnswer, type ChecklistStill } from '../contract/project.ts';
import { describe, type Stat } from '../gait/stats.ts';
import type { GaitTiming } from '../gait/timing.ts';
import { measureAnnotation } from '../measurements/measure.ts';
import { countedAnnotations, type ClipMeasurements } from '../tracking/track-measure.ts';
import { resolveItemKey, type Checklist, type ChecklistItem } from './checklist.ts';
import { measureByKey } from './measures.ts';
import { isInside, normInForce, type ProjectNorms } from './norms.ts';

/**
 * Pure evaluation of a session's checklist: values per item from the measurements (interior convention, as
 * norms are stored) and the gait timing, each against the norm in force; a proposed status per item; the
 * physio's answers on top (an answer's status overrides the proposal and says so).
 */

export type MeasureUnit = '°' | 'cm' | 'px' | 'ms' | 'spm' | '%';

export interface MeasureStat extends Stat {
  readonly unit: MeasureUnit;
}

export type MeasureStats = Readonly<Record<string, MeasureStat>>;

/**
 * Preset-labelled measurements of a session's clips, pooled per preset over every frame measured (each frame is
 * one step). Angles in the interior convention. A distance measured in cm on a calibrated clip is not mixed
 * with pixels from an uncalibrated one: cm wins.
 */
export function statsFromAnnotations(
  clips: readonly (ClipMeasurements<Pick<Annotation, 'geometry' | 'label' | 'trackBindings'> & { frameIndex?: number }> & { cmPerPx: number | null })[],
): Record<string, MeasureStat> {
  const collected = new Map<string, { cm: number[]; px: number[]; deg: number[] }>();
  for (const clip of clips) {
    // A measurement bound to tracks counts once per marked event its preset belongs to (see countedAnnotations).
    for (const annotation of countedAnnotations(clip)) {
      const measured = measureAnnotation(annotation.geometry, annotation.label, clip.cmPerPx);
      if (!measured?.preset) continue;
      const entry = collected.get(measured.preset.key) ?? { cm: [], px: [], deg: [] };
      const { unit, interior } = measured.measurement;
      (unit === '°' ? entry.deg : unit === 'cm' ? entry.cm : entry.px).push(interior);
      collected.set(measured.preset.key, entry);
    }
  }
  const stats: Record<string, MeasureStat> = {};
  for (const [key, entry] of collected) {
    const [values, unit]: [number[], MeasureUnit] =
      entry.deg.length > 0 ? [entry.deg, '°'] : entry.cm.length > 0 ? [entry.cm, 'cm'] : [entry.px, 'px'];
    const stat = describe(values);
    if (stat) stats[key] = { ...stat, unit };
  }
  return stats;
}

/** The gait figures a checklist item can show, from one clip's timing. */
export function statsFromTiming(timing: GaitTiming): Record<string, MeasureStat> {
  const stats: Record<string, MeasureStat> = {};
  const put = (key: string, stat: Stat | null, unit: MeasureUnit) => {
    if (stat) stats[key] = { ...stat, unit };
  };
  put('gait.contact-time-left', timing.contactTimeMs.left, 'ms');
  put('gait.contact-time-right', timing.contactTimeMs.right, 'ms');
  put('gait.flight-time-left', timing.flightTimeMs.left, 'ms');
  put('gait.flight-time-right', timing.flightTimeMs.right, 'ms');
  put('gait.cadence', timing.cadenceSpm.all, 'spm');
  const asymmetry = (key: string, percent: number | null, figure: { left: Stat | null; right: Stat | null }) => {
    if (percent === null || !figure.left || !figure.right) return;
    // n: the steps behind the less-measured foot.
    stats[key] = { mean: percent, sd: null, n: Math.min(figure.left.n, figure.right.n), unit: '%' };
  };
  asymmetry('gait.asymmetry-contact', timing.asymmetryPct.contactTimeMs, timing.contactTimeMs);
  asymmetry('gait.asymmetry-flight', timing.asymmetryPct.flightTimeMs, timing.flightTimeMs);
  asymmetry('gait.asymmetry-step', timing.asymmetryPct.stepTimeMs, timing.stepTimeMs);
  return stats;
}

/** Of a session's clips, the timing with the most complete steps (the clip the physio marked). */
export function sessionTiming<T extends { timing: GaitTiming }>(clips: readonly T[]): T | null {
  let best: T | null = null;
  let bestSteps = 0;
  for (const clip of clips) {
    const steps = clip.timing.steps.left + clip.timing.steps.right;
    if (steps > bestSteps) {
      best = clip;
      bestSteps = steps;
    }
  }
  return best;
}

export interface ChecklistValue {
  readonly presetKey: string;
  readonly side: BodySide | null;
  readonly mean: number;
  readonly sd: number | null;
  readonly n: number;
  readonly unit: MeasureUnit;
  /** Interior convention, as stored; null when the measure has no norm. */
  readonly norm: { readonly target: number; readonly tolerance: number; readonly source: 'default' | 'project' } | null;
  /** Null when there is no norm, or a distance is only known in pixels (norms for distances are in cm). */
  readonly inside: boolean | null;
}

export type StatusSource = 'proposed' | 'set';

export interface EvaluatedItem {
  readonly key: string;
  readonly group: string;
  readonly item: ChecklistItem;
  readonly status: ChecklistStatus;
  readonly statusSource: StatusSource;
  /** What the values suggest, whether or not the physio set the status. */
  readonly proposed: ChecklistStatus;
  readonly note: string;
  readonly values: readonly ChecklistValue[];
  readonly stills: readonly ChecklistStill[];
}

export interface ChecklistEvaluation {
  /** The checklist version whose item keys `items` uses (the current one). */
  readonly version: number;
  readonly items: readonly EvaluatedItem[];
  /** Items needing attention, in checklist order. */
  readonly flagged: readonly EvaluatedItem[];
  /** Answers to items that no longer exist in this checklist version: kept, never silently dropped. */
  readonly retired: readonly ChecklistAnswer[];
  /** Highest checklist version the session's answers were given under; null when nothing was answered. */
  readonly answeredVersion: number | null;
}

export function valuesForItem(item: ChecklistItem, stats: MeasureStats, norms: ProjectNorms): ChecklistValue[] {
  const values: ChecklistValue[] = [];
  for (const key of item.measures) {
    const measure = measureByKey(key);
    const stat = stats[key];
    if (!measure || !stat) continue;
    const norm = normInForce(measure.normKey, norms);
    const judgeable = norm !== null && !(measure.kind === 'distance' && stat.unit === 'px');
    values.push({
      presetKey: key,
      side: measure.side,
      mean: stat.mean,
      sd: stat.sd,
      n: stat.n,
      unit: stat.unit,
      norm,
      inside: judgeable ? isInside(stat.mean, norm) : null,
    });
  }
  return values;
}

/** Any value outside its norm: needs attention; all judged values inside: good; nothing to judge: not assessed. */
export function proposeStatus(values: readonly Pick<ChecklistValue, 'inside'>[]): ChecklistStatus {
  const judged = values.filter((value) => value.inside !== null);
  if (judged.some((value) => value.inside === false)) return 'needs-attention';
  return judged.length > 0 ? 'good' : 'not-assessed';
}

/** The status an answer sets, or null when it leaves the proposal standing ('' or an unknown word). */
export function statusOfAnswer(answer: Pick<ChecklistAnswer, 'answer'> | null | undefined): ChecklistStatus | null {
  const parsed = ChecklistStatus.safeParse(answer?.answer);
  return parsed.success ? parsed.data : null;
}

/**
 * The session's answers by current item key: an answer given under an older version follows the renames since;
 * of two answers that land on one item the newest wins; answers to removed items are returned as retired.
 */
export function answersByItem(checklist: Checklist, answers: readonly ChecklistAnswer[]) {
  const byItem = new Map<string, ChecklistAnswer>();
  const retired: ChecklistAnswer[] = [];
  for (const answer of answers) {
    const key = resolveItemKey(checklist, answer.itemKey, answer.checklistVersion);
    if (key === null) {
      retired.push(answer);
      continue;
    }
    const earlier = byItem.get(key);
    if (!earlier || earlier.updatedAt <= answer.updatedAt) byItem.set(key, answer);
  }
  return { byItem, retired };
}

export function evaluateChecklist(input: {
  checklist: Checklist;
  answers: readonly ChecklistAnswer[];
  norms: ProjectNorms;
  stats: MeasureStats;
}): ChecklistEvaluation {
  const { checklist, norms, stats } = input;
  const { byItem, retired } = answersByItem(checklist, input.answers);
  const items = checklist.items.map((item): EvaluatedItem => {
    const values = valuesForItem(item, stats, norms);
    const proposed = proposeStatus(values);
    const answer = byItem.get(item.key) ?? null;
    const set = statusOfAnswer(answer);
    return {
      key: item.key,
      group: item.group,
      item,
      status: set ?? proposed,
      statusSource: set ? 'set' : 'proposed',
      proposed,
      note: answer?.note ?? '',
      values,
      stills: answer?.stills ?? [],
    };
  });
  const versions = input.answers.map((answer) => answer.checklistVersion);
  return {
    version: checklist.version,
    items,
    flagged: items.filter((item) => item.status === 'needs-attention'),
    retired,
    answeredVersion: versions.length > 0 ? Math.max(...versions) : null,
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One item as `midstance info --json` gives it: exactly these keys. Values and norms in the interior convention. */
export interface ChecklistItemJson {
  key: string;
  group: string;
  status: ChecklistStatus;
  statusSource: StatusSource;
  note: string;
  values: {
    presetKey: string;
    side: BodySide | null;
    mean: number;
    sd: number | null;
    n: number;
    norm: { target: number; tolerance: number } | null;
    inside: boolean | null;
  }[];
  stills: { clipId: string; frameIndex: number }[];
}

export function checklistJson(evaluation: ChecklistEvaluation): ChecklistItemJson[] {
  return evaluation.items.map((item) => ({
    key: item.key,
    group: item.group,
    status: item.status,
    statusSource: item.statusSource,
    note: item.note,
    values: item.values.map((value) => ({
      presetKey: value.presetKey,
      side: value.side,
      mean: round(value.mean, 3),
      sd: value.sd === null ? null : round(value.sd, 3),
      n: value.n,
      norm: value.norm ? { target: value.norm.target, tolerance: value.norm.tolerance } : null,
      inside: value.inside,
    })),
    stills: item.stills.map((still) => ({ clipId: still.clipId, frameIndex: still.frameIndex })),
  }));
}
