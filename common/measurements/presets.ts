import type { AnnotationKind } from '../contract/annotation.ts';
import type { BodySide, ClipView, GaitEventKind } from '../contract/project.ts';
import { convertValue, ruleFitsKind, type AngleConvention, type ConventionRule, type UiLanguage } from '../geometry/conventions.ts';

/**
 * Measurement labels a user can give an annotation, so the checklist and the report know what was measured.
 * Norms here are DEFAULTS only; the norms in force are settings the user may change.
 */

/** The clip views a preset is measured in (the contract's vocabulary). */
export const SIDE_VIEWS: readonly ClipView[] = ['side-left', 'side-right'];
export const FRONT_REAR_VIEWS: readonly ClipView[] = ['front', 'rear'];

export interface Localized {
  readonly en: string;
  readonly nl: string;
}

/** A target with a symmetric tolerance, stated in the interior convention (as the e-book states it). */
export interface MeasurementNorm {
  readonly target: number;
  readonly tolerance: number;
}

export interface MeasurementPreset {
  readonly key: string;
  /** The tool that draws it. It is offered on that tool and on tools that measure the same kind of thing (see presetsForKind). */
  readonly tool: AnnotationKind;
  readonly rule: ConventionRule;
  readonly views: readonly ClipView[];
  /** The gait event at (or, for 'toe-off', after: the swing) which it is measured. */
  readonly phase: GaitEventKind;
  readonly side: BodySide | null;
  readonly name: Localized;
  /** For label plates on the frame. */
  readonly shortName: Localized;
  /** Which landmarks to click, in order. */
  readonly placement: Localized;
  readonly defaultNorm: MeasurementNorm | null;
  /**
   * Smallest detectable difference between sessions (degrees) where the literature gives one for this kind of
   * measure; null = use the checklist's general threshold.
   */
  readonly smallestDetectableDifference: number | null;
}

const KNEE_MIDSTANCE_NORM: MeasurementNorm = { target: 140, tolerance: 5 };
const TRUNK_MIDSTANCE_NORM: MeasurementNorm = { target: 80, tolerance: 5 };
/** Upper ends of the test–retest ranges in the domain brief: knee flexion 2.3–3.8°, trunk lean 1.3–2.3°. */
const KNEE_SDD = 3.8;
const TRUNK_SDD = 2.3;

const SIDE_TEXT: Readonly<Record<BodySide, { long: Localized; short: Localized; stance: Localized }>> = {
  left: { long: { en: 'left', nl: 'links' }, short: { en: 'L', nl: 'L' }, stance: { en: 'left stance', nl: 'linker standbeen' } },
  right: {
    long: { en: 'right', nl: 'rechts' },
    short: { en: 'R', nl: 'R' },
    stance: { en: 'right stance', nl: 'rechter standbeen' },
  },
};

interface SidedTemplate {
  readonly base: string;
  readonly tool: AnnotationKind;
  readonly rule: ConventionRule;
  readonly views: readonly ClipView[];
  readonly phase: GaitEventKind;
  readonly name: Localized;
  readonly shortName: Localized;
  readonly placement: Localized;
  readonly defaultNorm: MeasurementNorm | null;
  readonly smallestDetectableDifference: number | null;
  /** Name the side as the stance leg ("left stance") rather than plain "left". */
  readonly sideAsStance?: boolean;
}

function sided(template: SidedTemplate): MeasurementPreset[] {
  return (['left', 'right'] as const).map((side) => {
    const text = SIDE_TEXT[side];
    const sideLong = template.sideAsStance ? text.stance : text.long;
    return {
      key: `${template.base}-${side}`,
      tool: template.tool,
      rule: template.rule,
      views: template.views,
      phase: template.phase,
      side,
      name: { en: `${template.name.en} — ${sideLong.en}`, nl: `${template.name.nl} — ${sideLong.nl}` },
      shortName: { en: `${template.shortName.en} ${text.short.en}`, nl: `${template.shortName.nl} ${text.short.nl}` },
      placement: template.placement,
      defaultNorm: template.defaultNorm,
      smallestDetectableDifference: template.smallestDetectableDifference,
    };
  });
}

export const MEASUREMENT_PRESETS: readonly MeasurementPreset[] = [
  ...sided({
    base: 'knee-midstance',
    tool: 'goniometer',
    rule: 'joint-flexion',
    views: SIDE_VIEWS,
    phase: 'midstance',
    name: { en: 'Knee angle at midstance', nl: 'Kniehoek halverwege de steunfase' },
    shortName: { en: 'Knee midstance', nl: 'Knie mid-steunfase' },
    placement: {
      en: 'Click the hip joint, then the centre of the knee, then the outer ankle bone.',
      nl: 'Klik op het heupgewricht, dan op het midden van de knie, dan op de buitenenkel.',
    },
    defaultNorm: KNEE_MIDSTANCE_NORM,
    smallestDetectableDifference: KNEE_SDD,
  }),
  ...sided({
    base: 'knee-initial-contact',
    tool: 'goniometer',
    rule: 'joint-flexion',
    views: SIDE_VIEWS,
    phase: 'initial-contact',
    name: { en: 'Knee angle at initial contact', nl: 'Kniehoek bij het eerste voetcontact' },
    shortName: { en: 'Knee at contact', nl: 'Knie bij landing' },
    placement: {
      en: 'Click the hip joint, then the centre of the knee, then the outer ankle bone.',
      nl: 'Klik op het heupgewricht, dan op het midden van de knie, dan op de buitenenkel.',
    },
    defaultNorm: null,
    smallestDetectableDifference: KNEE_SDD,
  }),
  {
    key: 'trunk-midstance',
    tool: 'angle-horizontal',
    rule: 'inclination',
    views: SIDE_VIEWS,
    phase: 'midstance',
    side: null,
    name: { en: 'Trunk angle at midstance', nl: 'Romphoek halverwege de steunfase' },
    shortName: { en: 'Trunk midstance', nl: 'Romp mid-steunfase' },
    placement: {
      en: 'Click the hip joint, then the shoulder joint (head in line with the trunk).',
      nl: 'Klik op het heupgewricht, dan op het schoudergewricht (hoofd in het verlengde van de romp).',
    },
    defaultNorm: TRUNK_MIDSTANCE_NORM,
    smallestDetectableDifference: TRUNK_SDD,
  },
  ...sided({
    base: 'shin-initial-contact',
    tool: 'angle-vertical',
    // Shin angles are read from the vertical in both conventions; the e-book gives no horizontal form.
    rule: 'to-vertical',
    views: SIDE_VIEWS,
    phase: 'initial-contact',
    name: { en: 'Shin angle at initial contact', nl: 'Hoek van het onderbeen bij het eerste voetcontact' },
    shortName: { en: 'Shin at contact', nl: 'Onderbeen bij landing' },
    placement: {
      en: 'Click the centre of the knee, then the outer ankle bone.',
      nl: 'Klik op het midden van de knie, dan op de buitenenkel.',
    },
    defaultNorm: null,
    smallestDetectableDifference: null,
  }),
  ...sided({
    base: 'overstride',
    tool: 'line',
    rule: 'horizontal-distance',
    views: SIDE_VIEWS,
    phase: 'initial-contact',
    name: { en: 'Overstride: landing foot ahead of the hip', nl: 'Te ver voor je uit landen: voet vóór de heup' },
    shortName: { en: 'Overstride', nl: 'Landing vóór heup' },
    placement: {
      en: 'Click the heel (or ankle) of the landing foot, then the hip joint; only the horizontal distance counts.',
      nl: 'Klik op de hiel (of enkel) van de landende voet, dan op het heupgewricht; alleen de horizontale afstand telt.',
    },
    defaultNorm: null,
    smallestDetectableDifference: null,
  }),
  ...sided({
    base: 'swing-knee-min',
    tool: 'goniometer',
    rule: 'joint-flexion',
    views: SIDE_VIEWS,
    // The swing follows toe-off; the contract has no separate swing event.
    phase: 'toe-off',
    name: { en: 'Smallest knee angle in the swing phase', nl: 'Kleinste kniehoek in de zwaaifase' },
    shortName: { en: 'Knee swing', nl: 'Knie zwaaifase' },
    placement: {
      en: 'On the frame where the swinging knee is bent most: hip joint, knee, outer ankle bone.',
      nl: 'Op het beeld waarin de zwaaiende knie het meest gebogen is: heupgewricht, knie, buitenenkel.',
    },
    defaultNorm: null,
    smallestDetectableDifference: KNEE_SDD,
  }),
  ...sided({
    base: 'pelvic-drop',
    tool: 'angle-horizontal',
    rule: 'to-horizontal',
    views: FRONT_REAR_VIEWS,
    phase: 'midstance',
    name: { en: 'Pelvic drop at midstance', nl: 'Bekkenkanteling halverwege de steunfase' },
    shortName: { en: 'Pelvic drop', nl: 'Bekken' },
    placement: {
      en: 'Click the left and the right hip marker (e.g. the dimples above the buttocks).',
      nl: 'Klik op de linker en de rechter heupmarkering (bijvoorbeeld de kuiltjes boven de billen).',
    },
    defaultNorm: null,
    smallestDetectableDifference: null,
    sideAsStance: true,
  }),
  ...sided({
    base: 'knee-in',
    tool: 'goniometer',
    rule: 'joint-from-straight',
    views: FRONT_REAR_VIEWS,
    phase: 'midstance',
    name: { en: 'Knee moving inward at midstance', nl: 'Knie naar binnen halverwege de steunfase' },
    shortName: { en: 'Knee-in', nl: 'Knie-in' },
    placement: {
      en: 'Click the front of the hip, then the centre of the kneecap, then the centre of the ankle.',
      nl: 'Klik op de voorkant van de heup, dan op het midden van de knieschijf, dan op het midden van de enkel.',
    },
    defaultNorm: null,
    smallestDetectableDifference: null,
  }),
];

const BY_KEY: ReadonlyMap<string, MeasurementPreset> = new Map(MEASUREMENT_PRESETS.map((p) => [p.key, p]));

export function presetByKey(key: string | null | undefined): MeasurementPreset | null {
  return key ? (BY_KEY.get(key) ?? null) : null;
}

export function isPresetKey(label: string | null | undefined): boolean {
  return presetByKey(label) !== null;
}

/**
 * What a tool measures. Tools of one family are interchangeable for a preset (a trunk angle drawn with the
 * angle-to-vertical tool is still a trunk angle); across families they are not (a line is a distance, never a
 * trunk angle, even though its two points would let one compute an angle). The ruler calibrates and carries none.
 */
const TOOL_FAMILY: Readonly<Record<AnnotationKind, 'joint' | 'segment-angle' | 'distance' | null>> = {
  goniometer: 'joint',
  'angle-horizontal': 'segment-angle',
  'angle-vertical': 'segment-angle',
  line: 'distance',
  ruler: null,
  marker: null,
  text: null,
};

/** Whether a preset may be offered on an annotation of this kind: its tool measures the same kind of thing. */
export function presetFitsKind(preset: MeasurementPreset, kind: AnnotationKind): boolean {
  const family = TOOL_FAMILY[kind];
  return family !== null && TOOL_FAMILY[preset.tool] === family && ruleFitsKind(preset.rule, kind);
}

/** Presets offered for an annotation of this kind (see presetFitsKind). */
export function presetsForKind(kind: AnnotationKind): readonly MeasurementPreset[] {
  return MEASUREMENT_PRESETS.filter((p) => presetFitsKind(p, kind));
}

/** What to call a label: a preset's name in the UI language, or the user's free text as typed. */
export function labelText(label: string | null, language: UiLanguage, form: 'name' | 'shortName' = 'name'): string | null {
  if (label === null || label.trim() === '') return null;
  const preset = presetByKey(label);
  return preset ? preset[form][language] : label;
}

/** A norm as a range in the requested convention (e.g. 140 ± 5 interior = 35–45° flexion). */
export function normIn(
  preset: MeasurementPreset,
  norm: MeasurementNorm,
  convention: AngleConvention,
): { target: number; min: number; max: number } {
  const target = convertValue(preset.rule, norm.target, 'interior', convention);
  return { target, min: target - norm.tolerance, max: target + norm.tolerance };
}

export type NormVerdict = 'below' | 'within' | 'above';

/** Compare an interior-convention value with a norm (also in the interior convention, as stored). */
export function checkAgainstNorm(interiorValue: number, norm: MeasurementNorm): NormVerdict {
  if (interiorValue < norm.target - norm.tolerance) return 'below';
  if (interiorValue > norm.target + norm.tolerance) return 'above';
  return 'within';
}
