import type { ReactElement } from 'react';
import type { ToolId } from '../../tools/types.ts';

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

/** Small line icons drawn like the shapes each tool makes (no icon font to load offline). */
export const TOOL_ICONS: Record<ToolId, ReactElement> = {
  select: (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M5 3 L5 16 L8.5 12.5 L11 17 L13 16 L10.6 11.6 L15 11.5 Z" {...stroke} />
    </svg>
  ),
  goniometer: (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M4 4 L10 15 L17 6" {...stroke} />
      <path d="M7.6 10.4 A5 5 0 0 0 12.9 11.2" {...stroke} strokeWidth={1.3} />
    </svg>
  ),
  'angle-horizontal': (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M3 16 L17 16" {...stroke} strokeDasharray="2 2" />
      <path d="M3 16 L14 5" {...stroke} />
      <path d="M9 16 A6 6 0 0 0 7.3 11.7" {...stroke} strokeWidth={1.3} />
    </svg>
  ),
  'angle-vertical': (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M7 17 L7 3" {...stroke} strokeDasharray="2 2" />
      <path d="M7 17 L14 4" {...stroke} />
      <path d="M7 10 A7 7 0 0 1 10.3 10.9" {...stroke} strokeWidth={1.3} />
    </svg>
  ),
  line: (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M4 16 L16 4" {...stroke} />
      <circle cx="4" cy="16" r="1.6" fill="currentColor" />
      <circle cx="16" cy="4" r="1.6" fill="currentColor" />
    </svg>
  ),
  ruler: (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <rect x="2.5" y="7" width="15" height="6" rx="1" {...stroke} />
      <path d="M6 7 L6 10 M9 7 L9 11 M12 7 L12 10 M15 7 L15 11" {...stroke} strokeWidth={1.2} />
    </svg>
  ),
  marker: (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <circle cx="10" cy="10" r="5" {...stroke} />
      <path d="M10 2 L10 6 M10 14 L10 18 M2 10 L6 10 M14 10 L18 10" {...stroke} />
    </svg>
  ),
  text: (
    <svg viewBox="0 0 20 20" aria-hidden="true">
      <path d="M4 5 L16 5 M10 5 L10 16" {...stroke} />
    </svg>
  ),
};
