import type { AnnotationGeometry } from '../contract/annotation.ts';
import {
  angleAtVertex,
  angleToHorizontal,
  angleToVertical,
  signedAngleToHorizontal,
  signedAngleToVertical,
} from './angle.ts';
import { calibratedLength } from './calibration.ts';
import { distance } from './vector.ts';

/**
 * THE place where the two angle conventions meet. Everything that shows, checks or reports a value derives it
 * here from stored geometry; nothing else converts.
 *
 * - interior: what the e-book measures — the angle between the two arms at a joint (straight knee = 180°,
 *   ≈140° at midstance) and a segment's angle to the horizontal (trunk ≈80°).
 * - clinical: what clinicians report — joint flexion from straight (140° interior = 40° flexion) and a
 *   segment's lean from the vertical (80° to horizontal = 10° lean).
 */
export type AngleConvention = 'interior' | 'clinical';
export const ANGLE_CONVENTIONS: readonly AngleConvention[] = ['interior', 'clinical'];

/**
 * How a measurement turns geometry into its interior and clinical value.
 * - joint-flexion: goniometer at a sagittal joint; clinical = 180 − interior, called flexion.
 * - joint-from-straight: goniometer elsewhere (frontal knee, any unlabelled angle); clinical = 180 − interior.
 * - inclination: a body segment (trunk, shin); interior = to horizontal, clinical = 90 − that = from vertical.
 * - to-horizontal / to-vertical: the tool's own reference in both conventions (pelvic line, unlabelled tools).
 * - length / horizontal-distance: distances; cm once the clip is calibrated, else px. Conventions do not apply.
 */
export type ConventionRule =
  | 'joint-flexion'
  | 'joint-from-straight'
  | 'inclination'
  | 'to-horizontal'
  | 'to-vertical'
  | 'length'
  | 'horizontal-distance';

export type ConventionLabelKey =
  | 'interior-angle'
  | 'flexion'
  | 'from-straight'
  | 'to-horizontal'
  | 'to-vertical'
  | 'length'
  | 'horizontal-distance';

export type MeasurementUnit = '°' | 'cm' | 'px';

export interface Measurement {
  readonly rule: ConventionRule;
  /** Value in the interior (e-book) convention. */
  readonly interior: number;
  /** Value in the clinical convention. Equal to `interior` for lengths and single-reference angles. */
  readonly clinical: number;
  readonly unit: MeasurementUnit;
  readonly conventionLabel: { readonly interior: ConventionLabelKey; readonly clinical: ConventionLabelKey };
  /**
   * Direction for segments, image-based: toHorizontal > 0 when the segment rises towards the image's right edge,
   * toVertical > 0 when its upper end leans towards the right edge. Null for joints and lengths.
   */
  readonly signed: { readonly toHorizontal: number; readonly toVertical: number } | null;
}

interface RuleSpec {
  readonly labels: Measurement['conventionLabel'];
  /** Maps a value between the conventions; every rule's map is its own inverse. */
  readonly toOther: (value: number) => number;
}

const RULES: Readonly<Record<ConventionRule, RuleSpec>> = {
  'joint-flexion': { labels: { interior: 'interior-angle', clinical: 'flexion' }, toOther: (v) => 180 - v },
  'joint-from-straight': {
    labels: { interior: 'interior-angle', clinical: 'from-straight' },
    toOther: (v) => 180 - v,
  },
  inclination: { labels: { interior: 'to-horizontal', clinical: 'to-vertical' }, toOther: (v) => 90 - v },
  'to-horizontal': { labels: { interior: 'to-horizontal', clinical: 'to-horizontal' }, toOther: (v) => v },
  'to-vertical': { labels: { interior: 'to-vertical', clinical: 'to-vertical' }, toOther: (v) => v },
  length: { labels: { interior: 'length', clinical: 'length' }, toOther: (v) => v },
  'horizontal-distance': {
    labels: { interior: 'horizontal-distance', clinical: 'horizontal-distance' },
    toOther: (v) => v,
  },
};

/** Convert a value (e.g. a norm) given in one convention to the other. */
export function convertValue(rule: ConventionRule, value: number, from: AngleConvention, to: AngleConvention): number {
  return from === to ? value : RULES[rule].toOther(value);
}

export function conventionLabelKey(rule: ConventionRule, convention: AngleConvention): ConventionLabelKey {
  return RULES[rule].labels[convention];
}

/** The rule an unlabelled annotation gets from its tool; null for kinds that measure nothing. */
export function defaultRuleForKind(kind: AnnotationGeometry['kind']): ConventionRule | null {
  switch (kind) {
    case 'goniometer':
      return 'joint-from-straight';
    case 'angle-horizontal':
      return 'to-horizontal';
    case 'angle-vertical':
      return 'to-vertical';
    case 'line':
    case 'ruler':
      return 'length';
    case 'marker':
    case 'text':
      return null;
  }
}

/** Whether a rule can be computed from geometry of this kind (a joint needs three points, the rest two). */
export function ruleFitsKind(rule: ConventionRule, kind: AnnotationGeometry['kind']): boolean {
  if (kind === 'marker' || kind === 'text') return false;
  const joint = rule === 'joint-flexion' || rule === 'joint-from-straight';
  return joint === (kind === 'goniometer');
}

/**
 * Measure `geometry` under `rule`. `cmPerPx` is the clip's calibration (null = uncalibrated → px).
 * Returns null when the rule does not fit the geometry or the geometry is degenerate (zero-length arm).
 */
export function measureGeometry(
  geometry: AnnotationGeometry,
  rule: ConventionRule,
  cmPerPx: number | null = null,
): Measurement | null {
  if (!ruleFitsKind(rule, geometry.kind)) return null;
  const spec = RULES[rule];
  const [p, q, r] = geometry.points;
  if (!p || !q) return null;

  let interior: number;
  let unit: MeasurementUnit = '°';
  let signed: Measurement['signed'] = null;
  switch (rule) {
    case 'joint-flexion':
    case 'joint-from-straight':
      if (!r) return null;
      interior = angleAtVertex(p, q, r);
      break;
    case 'inclination':
    case 'to-horizontal':
      interior = angleToHorizontal(p, q);
      signed = { toHorizontal: signedAngleToHorizontal(p, q), toVertical: signedAngleToVertical(p, q) };
      break;
    case 'to-vertical':
      interior = angleToVertical(p, q);
      signed = { toHorizontal: signedAngleToHorizontal(p, q), toVertical: signedAngleToVertical(p, q) };
      break;
    case 'length': {
      const lengthPx = distance(p, q);
      if (!(lengthPx > 0)) return null;
      // A ruler is as long as the user said it is; every other line is scaled by the clip's calibration.
      const value =
        geometry.kind === 'ruler' ? { value: geometry.realLengthCm, unit: 'cm' as const } : calibratedLength(lengthPx, cmPerPx);
      interior = value.value;
      unit = value.unit;
      break;
    }
    case 'horizontal-distance': {
      const value = calibratedLength(Math.abs(q.x - p.x), cmPerPx);
      interior = value.value;
      unit = value.unit;
      break;
    }
  }
  if (!Number.isFinite(interior)) return null;
  return {
    rule,
    interior,
    clinical: spec.toOther(interior),
    unit,
    conventionLabel: spec.labels,
    signed,
  };
}

/** The value to show under the user's chosen convention. */
export function valueIn(m: Measurement, convention: AngleConvention): number {
  return convention === 'interior' ? m.interior : m.clinical;
}

export interface LocalizedLabel {
  readonly short: string;
  readonly long: string;
}

/** Texts shown next to a value so nobody mistakes 40° flexion for a 40° interior angle. */
export const CONVENTION_LABELS: Readonly<Record<ConventionLabelKey, { en: LocalizedLabel; nl: LocalizedLabel }>> = {
  'interior-angle': {
    en: { short: 'int.', long: 'interior angle' },
    nl: { short: 'binnen', long: 'binnenhoek' },
  },
  flexion: { en: { short: 'flex.', long: 'flexion' }, nl: { short: 'flexie', long: 'flexie' } },
  'from-straight': {
    en: { short: 'from straight', long: 'deviation from straight' },
    nl: { short: 'v. gestrekt', long: 'afwijking van gestrekt' },
  },
  'to-horizontal': {
    en: { short: 'to horiz.', long: 'to horizontal' },
    nl: { short: 't.o.v. horiz.', long: 'ten opzichte van horizontaal' },
  },
  'to-vertical': {
    en: { short: 'to vert.', long: 'to vertical' },
    nl: { short: 't.o.v. vert.', long: 'ten opzichte van verticaal' },
  },
  length: { en: { short: 'length', long: 'length' }, nl: { short: 'lengte', long: 'lengte' } },
  'horizontal-distance': {
    en: { short: 'horiz. dist.', long: 'horizontal distance' },
    nl: { short: 'horiz. afst.', long: 'horizontale afstand' },
  },
};

export type UiLanguage = 'en' | 'nl';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat costs ~20 µs; panels and label plates format hundreds of values per render. */
function numberFormat(language: UiLanguage, decimals: number): Intl.NumberFormat {
  const key = `${language}:${decimals}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * "140.0°", "40,0° flexie", "12.3 cm" — one decimal for angles and cm, whole px. Dutch uses a decimal comma.
 * `withConvention` appends the short convention text (angles only; a length needs no explanation).
 */
export function formatMeasurement(
  m: Measurement,
  convention: AngleConvention,
  language: UiLanguage,
  options: { withConvention?: boolean; decimals?: number } = {},
): string {
  const decimals = options.decimals ?? (m.unit === 'px' ? 0 : 1);
  const raw = valueIn(m, convention);
  // Avoid "-0.0" for values that round to zero.
  const value = Math.abs(raw) < 0.5 * 10 ** -decimals ? 0 : raw;
  const number = numberFormat(language, decimals).format(value);
  const withUnit = m.unit === '°' ? `${number}°` : `${number} ${m.unit}`;
  if (options.withConvention === false || m.unit !== '°') return withUnit;
  return `${withUnit} ${CONVENTION_LABELS[m.conventionLabel[convention]][language].short}`;
}
