import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { MediaWarning } from '../../../common/contract/media.ts';
import { mediaWarnings } from '../../../main/media/probe-parse.ts';
import { en } from '../../../renderer/src/i18n/en.ts';
import { nl } from '../../../renderer/src/i18n/nl.ts';
import { mediaWarningText } from '../../../renderer/src/viewer/media-warning-text.ts';

async function translator(language: 'en' | 'nl') {
  const i18n = createInstance();
  await i18n.init({ resources: { en: { translation: en }, nl: { translation: nl } }, lng: language, interpolation: { escapeValue: false } });
  return i18n.t;
}

const timing = { medianIntervalMs: 4.17, minIntervalMs: 2.1, maxIntervalMs: 9.5, sdIntervalMs: 1, irregular: true, deviating: 12 };

/** Warnings as the probe makes them, so the details the renderer reads are the ones the core sends. */
const fromProbe = (overrides: Partial<Parameters<typeof mediaWarnings>[0]> = {}): MediaWarning[] =>
  mediaWarnings({ timing, captureFps: 30, captureSource: 'file', missingAtEnd: 7, appleDevice: true, mirrored: true, ...overrides });

describe('media warnings in the user language', () => {
  it('every warning the probe makes reads in Dutch, with its numbers, not the core English text', async () => {
    const t = await translator('nl');
    const texts = fromProbe().map((warning) => mediaWarningText(warning, t, 'nl'));
    expect(texts).toHaveLength(4);
    for (const [i, text] of texts.entries()) expect(text).not.toBe(fromProbe()[i]!.message);
    expect(texts.join('\n')).toContain('links en rechts van de loper zijn in beeld verwisseld');
    expect(texts.join('\n')).toContain('varieert van 2,1 tot 9,5 ms (meestal 4,17 ms)');
    expect(texts.join('\n')).toContain('30 beelden per seconde');
    expect(texts.join('\n')).toContain('±33 ms');
    expect(texts.join('\n')).toContain('iPhone');
    expect(texts.join('\n')).toContain('laatste 7 beelden ontbreken');
  });

  it('the set-your-rate and iPhone hints follow the capture-rate source', async () => {
    const t = await translator('en');
    const text = (overrides: Partial<Parameters<typeof mediaWarnings>[0]>) =>
      mediaWarningText(fromProbe({ mirrored: false, missingAtEnd: 0, timing: { ...timing, irregular: false }, ...overrides })[0]!, t, 'en');
    expect(text({})).toContain('set its real capture rate');
    expect(text({})).toContain('iPhone');
    expect(text({ appleDevice: false })).not.toContain('iPhone');
    expect(text({ captureSource: 'user' })).not.toContain('set its real capture rate');
  });

  it('time-scaled edits get their own text; an unknown code falls back to the core message', async () => {
    const t = await translator('nl');
    expect(mediaWarningText(fromProbe({ timeScaledEdits: true })[1]!, t, 'nl')).toContain('Midstance negeert die snelheidswijziging');
    const unknown = { code: 'future-code', message: 'Core text' } as unknown as MediaWarning;
    expect(mediaWarningText(unknown, t, 'nl')).toBe('Core text');
  });
});
