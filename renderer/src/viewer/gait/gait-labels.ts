import type { BodySide, GaitEventKind } from '../../../../common/contract/project.ts';

/**
 * How events look wherever they are drawn: a glyph per kind (the foot comes down, is under the body,
 * lifts off); the colour per foot is in styles/gait.css. Shapes, not letters, so no abbreviation needs translating.
 */
export const KIND_GLYPH: Readonly<Record<GaitEventKind, string>> = {
  'initial-contact': '▼',
  midstance: '◆',
  'toe-off': '▲',
};

export const GAIT_KINDS: readonly GaitEventKind[] = ['initial-contact', 'midstance', 'toe-off'];
export const BODY_SIDES: readonly BodySide[] = ['left', 'right'];
