import type { BodySide } from '../contract/project.ts';
import { ASYMMETRY_NORM_KEY, DEFAULT_ASYMMETRY_THRESHOLD_PCT } from '../gait/timing.ts';
import type { ConventionRule } from '../geometry/conventions.ts';
import { MEASUREMENT_PRESETS, type Localized, type MeasurementNorm, type MeasurementPreset } from '../measurements/presets.ts';

/**
 * Everything a checklist item can be filled with: the measurement presets (drawn on frames) and the gait
 * figures (from marked events). A measure names the norm it is judged against; left and right presets have a
 * norm each (keyed by preset key), a gait figure has one norm for both feet.
 */

export type MeasureKind = 'angle' | 'distance' | 'ms' | 'spm' | 'pct';

export interface ChecklistMeasure {
  readonly key: string;
  readonly normKey: string;
  readonly side: BodySide | null;
  readonly kind: MeasureKind;
  /** For angles: how a value (or norm) turns into the clinical convention. Null for everything else. */
  readonly rule: ConventionRule | null;
  readonly defaultNorm: MeasurementNorm | null;
  readonly name: Localized;
  readonly preset: MeasurementPreset | null;
}


export const GAIT_NORM_KEYS = {
  contactTime: 'gait.contact-time',
  flightTime: 'gait.flight-time',
  cadence: 'gait.cadence',
  asymmetry: ASYMMETRY_NORM_KEY,
} as const;

/**
 * Contact time, flight time and cadence have no default norm: the typical easy-pace ranges are context, not
 * verdicts (the right cadence differs from runner to runner, and contact time follows speed), so the checklist
 * judges them only against a norm the physio sets. Left/right difference has a threshold (default 8 %).
 */
const GAIT_NORMS: Readonly<Record<string, { norm: MeasurementNorm | null; name: Localized; kind: MeasureKind }>> = {
  [GAIT_NORM_KEYS.contactTime]: {
    norm: null,
    name: { en: 'Contact time', nl: 'Contacttijd' },
    kind: 'ms',
  },
  [GAIT_NORM_KEYS.flightTime]: {
    norm: null,
    name: { en: 'Flight time', nl: 'Zweeftijd' },
    kind: 'ms',
  },
  [GAIT_NORM_KEYS.cadence]: {
    norm: null,
    name: { en: 'Cadence', nl: 'Pasfrequentie' },
    kind: 'spm',
  },
  // The threshold is the tolerance around no difference at all.
  [GAIT_NORM_KEYS.asymmetry]: {
    norm: { target: 0, tolerance: DEFAULT_ASYMMETRY_THRESHOLD_PCT },
    name: { en: 'Left/right difference', nl: 'Verschil links/rechts' },
    kind: 'pct',
  },
};

function gaitMeasure(key: string, normKey: string, side: BodySide | null, name: Localized): ChecklistMeasure {
  const norm = GAIT_NORMS[normKey]!;
  return { key, normKey, side, kind: norm.kind, rule: null, defaultNorm: norm.norm, name, preset: null };
}

const sideName = (name: Localized, side: BodySide): Localized =>
  side === 'left' ? { en: `${name.en} — left`, nl: `${name.nl} — links` } : { en: `${name.en} — right`, nl: `${name.nl} — rechts` };

const contact = GAIT_NORMS[GAIT_NORM_KEYS.contactTime]!.name;
const flight = GAIT_NORMS[GAIT_NORM_KEYS.flightTime]!.name;

export const GAIT_MEASURES: readonly ChecklistMeasure[] = [
  gaitMeasure('gait.contact-time-left', GAIT_NORM_KEYS.contactTime, 'left', sideName(contact, 'left')),
  gaitMeasure('gait.contact-time-right', GAIT_NORM_KEYS.contactTime, 'right', sideName(contact, 'right')),
  gaitMeasure('gait.flight-time-left', GAIT_NORM_KEYS.flightTime, 'left', sideName(flight, 'left')),
  gaitMeasure('gait.flight-time-right', GAIT_NORM_KEYS.flightTime, 'right', sideName(flight, 'right')),
  gaitMeasure('gait.cadence', GAIT_NORM_KEYS.cadence, null, GAIT_NORMS[GAIT_NORM_KEYS.cadence]!.name),
  gaitMeasure('gait.asymmetry-contact', GAIT_NORM_KEYS.asymmetry, null, {
    en: 'Left/right difference in contact time',
    nl: 'Verschil links/rechts in contacttijd',
  }),
  gaitMeasure('gait.asymmetry-flight', GAIT_NORM_KEYS.asymmetry, null, {
    en: 'Left/right difference in flight time',
    nl: 'Verschil links/rechts in zweeftijd',
  }),
  gaitMeasure('gait.asymmetry-step', GAIT_NORM_KEYS.asymmetry, null, {
    en: 'Left/right difference in step time',
    nl: 'Verschil links/rechts in staptijd',
  }),
];

function presetMeasure(preset: MeasurementPreset): ChecklistMeasure {
  const distance = preset.rule === 'horizontal-distance' || preset.rule === 'length';
  return {
    key: preset.key,
    normKey: preset.key,
    side: preset.side,
    kind: distance ? 'distance' : 'angle',
    rule: distance ? null : preset.rule,
    defaultNorm: preset.defaultNorm,
    name: preset.name,
    preset,
  };
}

export const CHECKLIST_MEASURES: readonly ChecklistMeasure[] = [...MEASUREMENT_PRESETS.map(presetMeasure), ...GAIT_MEASURES];

const BY_KEY: ReadonlyMap<string, ChecklistMeasure> = new Map(CHECKLIST_MEASURES.map((m) => [m.key, m]));

export function measureByKey(key: string): ChecklistMeasure | null {
  return BY_KEY.get(key) ?? null;
}

export interface NormDefinition {
  readonly key: string;
  readonly kind: MeasureKind;
  readonly rule: ConventionRule | null;
  readonly defaultNorm: MeasurementNorm | null;
  readonly name: Localized;
}

/** Every norm a project can set, once each: presets by key, gait figures by figure. */
export const NORM_DEFINITIONS: readonly NormDefinition[] = (() => {
  const seen = new Map<string, NormDefinition>();
  for (const m of CHECKLIST_MEASURES) {
    if (seen.has(m.normKey)) continue;
    const gait = GAIT_NORMS[m.normKey];
    seen.set(m.normKey, { key: m.normKey, kind: m.kind, rule: m.rule, defaultNorm: m.defaultNorm, name: gait ? gait.name : m.name });
  }
  return [...seen.values()];
})();

const NORM_BY_KEY: ReadonlyMap<string, NormDefinition> = new Map(NORM_DEFINITIONS.map((n) => [n.key, n]));

export function normDefinition(key: string): NormDefinition | null {
  return NORM_BY_KEY.get(key) ?? null;
}
