import type { NormOverride } from '../contract/project.ts';
import { convertValue, type AngleConvention } from '../geometry/conventions.ts';
import type { MeasurementNorm } from '../measurements/presets.ts';
import { normDefinition, type NormDefinition } from './measures.ts';

/**
 * Norms are project settings. Each is stored once, in the interior convention (as the e-book states them),
 * and converted only for display and input. A project stores only what differs from the default.
 */

export type ProjectNorms = Readonly<Record<string, NormOverride>>;

export interface NormInForce extends MeasurementNorm {
  /** 'project' when the project overrides the default. */
  readonly source: 'default' | 'project';
}

export function normInForce(key: string, norms: ProjectNorms): NormInForce | null {
  const override = norms[key];
  if (override) return { target: override.target, tolerance: override.tolerance, source: 'project' };
  const fallback = normDefinition(key)?.defaultNorm ?? null;
  return fallback ? { ...fallback, source: 'default' } : null;
}

/** The convention a norm is shown in: angles follow the user's choice; other figures have one form. */
function conventionFor(definition: Pick<NormDefinition, 'rule'>, convention: AngleConvention): AngleConvention {
  return definition.rule === null ? 'interior' : convention;
}

/** A stored (interior) norm as the user sees it, e.g. knee 140 ± 5 interior = 40 ± 5 flexion. */
export function normForDisplay(definition: Pick<NormDefinition, 'rule'>, norm: MeasurementNorm, convention: AngleConvention): MeasurementNorm {
  if (definition.rule === null) return { target: norm.target, tolerance: norm.tolerance };
  return { target: convertValue(definition.rule, norm.target, 'interior', conventionFor(definition, convention)), tolerance: norm.tolerance };
}

/** A norm typed in the shown convention, as it is stored (interior). */
export function normFromDisplay(definition: Pick<NormDefinition, 'rule'>, shown: MeasurementNorm, convention: AngleConvention): MeasurementNorm {
  if (definition.rule === null) return { target: shown.target, tolerance: shown.tolerance };
  return { target: convertValue(definition.rule, shown.target, conventionFor(definition, convention), 'interior'), tolerance: shown.tolerance };
}

/** The project's norms with one norm set; setting it back to its default removes the override. */
export function withNorm(norms: ProjectNorms, key: string, norm: MeasurementNorm): Record<string, NormOverride> {
  const next = { ...norms };
  const fallback = normDefinition(key)?.defaultNorm ?? null;
  const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  if (fallback && same(fallback.target, norm.target) && same(fallback.tolerance, norm.tolerance)) delete next[key];
  else next[key] = { target: norm.target, tolerance: norm.tolerance };
  return next;
}

/** The project's norms with one norm back at its default. */
export function withoutNorm(norms: ProjectNorms, key: string): Record<string, NormOverride> {
  const next = { ...norms };
  delete next[key];
  return next;
}

/**
 * Whether a value (in the interior convention) lies within a norm; boundaries count as inside, also when the
 * value reaches them through rounding in arithmetic (8 % computed as 8.000000000001 %).
 */
export function isInside(value: number, norm: MeasurementNorm): boolean {
  return Math.abs(value - norm.target) <= norm.tolerance + 1e-6;
}
