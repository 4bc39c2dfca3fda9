import { describe, expect, it } from 'vitest';
import type { MediaWarning } from '../../../common/contract/media.ts';
import { mediaWarnings } from '../../../main/media/probe-parse.ts';
import { mediaWarningText } from '../../../common/media-warning-text.ts';

const timing = { medianIntervalMs: 4.17, minIntervalMs: 2.1, maxIntervalMs: 9.5, sdIntervalMs: 1, irregular: true, deviating: 12 };

/** Warnings as the probe makes them, so the details the renderer reads are the ones the core sends. */
const fromProbe = (overrides: Partial<Parameters<typeof mediaWarnings>[0]> = {}): MediaWarning[] =>
  mediaWarnings({ timing, captureFps: 30, captureSource: 'file', missingAtEnd: 7, appleDevice: true, mirrored: true, ...overrides });

describe('media warnings in the user language', () => {
  it('every warning the probe makes reads in Dutch, with its numbers, not the core English text', async () => {
    const texts = fromProbe().map((warning) => mediaWarningText(warning, 'nl'));
    expect(texts).toHaveLength(4);
    for (const [i, text] of texts.entries()) expect(text).not.toBe(fromProbe()[i]!.message);
    expect(texts.join('\n')).toContain('links en rechts van de loper zijn in beeld verwisseld');
    expect(texts.join('\n')).toContain('varieert van 2,1 tot 9,5 ms (meestal 4,17 ms)');
    expect(texts.join('\n')).toContain('30 beelden per seconde');
    expect(texts.join('\n')).toContain('tot 33 ms ernaast');
    expect(texts.join('\n')).toContain('iPhone');
    expect(texts.join('\n')).toContain('laatste 7 beelden ontbreken');
  });

  it('the set-your-rate and iPhone hints follow the capture-rate source', async () => {
    const text = (overrides: Partial<Parameters<typeof mediaWarnings>[0]>) =>
      mediaWarningText(fromProbe({ mirrored: false, missingAtEnd: 0, timing: { ...timing, irregular: false }, ...overrides })[0]!, 'en');
    expect(text({})).toContain('set its real capture rate');
    expect(text({})).toContain('iPhone');
    expect(text({ appleDevice: false })).not.toContain('iPhone');
    expect(text({ captureSource: 'user' })).not.toContain('set its real capture rate');
  });

  it('time-scaled edits get their own text; an unknown code falls back to the core message', async () => {
    expect(mediaWarningText(fromProbe({ timeScaledEdits: true })[1]!, 'nl')).toContain('Midstance negeert die snelheidswijziging');
    const unknown = { code: 'future-code', message: 'Core text' } as unknown as MediaWarning;
    expect(mediaWarningText(unknown, 'nl')).toBe('Core text');
  });
});
