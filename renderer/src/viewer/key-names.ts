/**
 * Key names as a Dutch or English keyboard user knows them. Keyboards here label Shift, Ctrl, Esc, Home, End, Delete
 * and Backspace the same in both languages; only the space bar has a Dutch name ("spatiebalk").
 */
export function localKeyNames(display: string, translate: (key: 'keys.space') => string): string {
  return display.replace(/\bSpace\b/g, () => translate('keys.space'));
}
