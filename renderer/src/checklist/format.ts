import type { MeasureUnit } from '../../../common/checklist/evaluate.ts';
import type { MeasureKind, NormDefinition } from '../../../common/checklist/measures.ts';
import { normForDisplay } from '../../../common/checklist/norms.ts';
import { CONVENTION_LABELS, conventionLabelKey, convertValue, type AngleConvention, type ConventionRule, type UiLanguage } from '../../../common/geometry/conventions.ts';
import type { MeasurementNorm } from '../../../common/measurements/presets.ts';

/** Numbers and units of checklist values and norms, in the UI language and the chosen angle convention. */

const formats = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number, language: UiLanguage, decimals: number): string {
  const key = `${language}:${decimals}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false });
    formats.set(key, format);
  }
  const rounded = Math.abs(value) < 0.5 * 10 ** -decimals ? 0 : value;
  return format.format(rounded);
}

const DECIMALS: Record<MeasureUnit, number> = { '°': 1, cm: 1, px: 0, ms: 0, spm: 0, '%': 1 };

export interface UnitTexts {
  ms: string;
  spm: string;
  pct: string;
}

export function unitOf(kind: MeasureKind): MeasureUnit {
  switch (kind) {
    case 'angle':
      return '°';
    case 'distance':
      return 'cm';
    case 'ms':
      return 'ms';
    case 'spm':
      return 'spm';
    case 'pct':
      return '%';
  }
}

function withUnit(number: string, unit: MeasureUnit, units: UnitTexts): string {
  switch (unit) {
    case '°':
      return `${number}°`;
    case 'ms':
      return `${number} ${units.ms}`;
    case 'spm':
      return `${number} ${units.spm}`;
    case '%':
      return `${number} %`;
    default:
      return `${number} ${unit}`;
  }
}

/** The short convention text after an angle ("flexie", "t.o.v. horiz."), or '' for other figures. */
export function conventionText(rule: ConventionRule | null, convention: AngleConvention, language: UiLanguage): string {
  if (rule === null) return '';
  return CONVENTION_LABELS[conventionLabelKey(rule, convention)][language].short;
}

/** A value stored in the interior convention, shown in the chosen one: "40,0°", "263 ms". */
export function formatValue(
  value: number,
  unit: MeasureUnit,
  rule: ConventionRule | null,
  convention: AngleConvention,
  language: UiLanguage,
  units: UnitTexts,
): string {
  const shown = unit === '°' && rule ? convertValue(rule, value, 'interior', convention) : value;
  return withUnit(formatNumber(shown, language, DECIMALS[unit]), unit, units);
}

export function formatSpread(sd: number | null, unit: MeasureUnit, language: UiLanguage): string {
  return sd === null ? '' : `± ${formatNumber(sd, language, DECIMALS[unit])}`;
}

/** A norm as a range in the chosen convention: "35,0–45,0°", "≤ 8,0 %" for a limit around zero. */
export function formatNorm(
  definition: Pick<NormDefinition, 'rule' | 'kind'>,
  norm: MeasurementNorm,
  convention: AngleConvention,
  language: UiLanguage,
  units: UnitTexts,
): string {
  const unit = unitOf(definition.kind);
  const shown = normForDisplay(definition, norm, convention);
  const decimals = DECIMALS[unit];
  if (shown.target === 0) return `≤ ${withUnit(formatNumber(shown.tolerance, language, decimals), unit, units)}`;
  const low = formatNumber(shown.target - shown.tolerance, language, decimals);
  return `${low}–${withUnit(formatNumber(shown.target + shown.tolerance, language, decimals), unit, units)}`;
}
