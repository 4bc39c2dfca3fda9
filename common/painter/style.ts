import type { AnnotationStyle } from '../contract/annotation.ts';
import type { Localized } from '../measurements/presets.ts';

/**
 * Colours chosen to stay visible on treadmill footage — bright gyms, dark belts, skin and black tights: saturated,
 * light hues, each stroke drawn over a contrasting halo. Labels sit on dark plates with light text.
 */
export const ANNOTATION_PALETTE: readonly { readonly color: string; readonly name: Localized }[] = [
  { color: '#FFD400', name: { en: 'Yellow', nl: 'Geel' } },
  { color: '#00E5FF', name: { en: 'Cyan', nl: 'Cyaan' } },
  { color: '#FF4FB0', name: { en: 'Magenta', nl: 'Magenta' } },
  { color: '#7CFF4F', name: { en: 'Green', nl: 'Groen' } },
  { color: '#FF8A00', name: { en: 'Orange', nl: 'Oranje' } },
  { color: '#FFFFFF', name: { en: 'White', nl: 'Wit' } },
  { color: '#2F6BFF', name: { en: 'Blue', nl: 'Blauw' } },
  { color: '#E0262B', name: { en: 'Red', nl: 'Rood' } },
];

export const DEFAULT_ANNOTATION_STYLE: AnnotationStyle = { color: '#FFD400', strokeWidth: 2 };

/** WCAG relative luminance of a #rrggbb colour, 0 (black) – 1 (white). */
export function relativeLuminance(hex: string): number {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match?.[1]) return 0.5;
  const value = Number.parseInt(match[1], 16);
  const channel = (shift: number): number => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** The halo under a stroke: dark under light colours, light under dark ones, so the stroke reads on any footage. */
export function haloColor(hex: string): string {
  return relativeLuminance(hex) > 0.18 ? 'rgba(0, 0, 0, 0.62)' : 'rgba(255, 255, 255, 0.75)';
}

/** Extra halo width (screen px, total of both sides) around every stroke. */
export const HALO_EXTRA_PX = 3;

export interface StrokeSpec {
  readonly stroke: string;
  readonly strokeWidth: number;
  readonly dash: number[] | undefined;
  readonly opacity: number;
}

/** Stroke and halo for a primitive; widths are screen px, so they do not change with zoom. */
export function strokeSpecs(style: AnnotationStyle, role: 'main' | 'reference'): { halo: StrokeSpec; stroke: StrokeSpec } {
  const width = role === 'main' ? style.strokeWidth : Math.max(1, style.strokeWidth * 0.75);
  const dash = role === 'reference' ? [6, 5] : undefined;
  return {
    halo: { stroke: haloColor(style.color), strokeWidth: width + HALO_EXTRA_PX, dash, opacity: 1 },
    stroke: { stroke: style.color, strokeWidth: width, dash, opacity: role === 'main' ? 1 : 0.9 },
  };
}

export const PLATE_STYLE = {
  fill: 'rgba(14, 16, 20, 0.88)',
  border: 'rgba(255, 255, 255, 0.28)',
  text: '#F4F6F8',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSizePx: 13,
  lineHeight: 1.3,
  paddingX: 6,
  paddingY: 4,
  cornerRadius: 3,
  /** Left bar in the annotation's colour: ties a plate to its lines when several overlap. */
  accentWidth: 3,
} as const;

export const HANDLE_STYLE = {
  radius: 5,
  fill: '#FFFFFF',
  ring: 'rgba(0, 0, 0, 0.7)',
  /** While a handle is dragged it becomes a thin crosshair of this half-size, so the exact point stays visible. */
  crosshairPx: 9,
} as const;

export const LOUPE_STYLE = {
  diameterPx: 168,
  border: '#FFFFFF',
  borderHalo: 'rgba(0, 0, 0, 0.65)',
  background: '#000000',
  crosshair: 'rgba(255, 255, 255, 0.85)',
  gapPx: 28,
  magnification: 4,
} as const;
