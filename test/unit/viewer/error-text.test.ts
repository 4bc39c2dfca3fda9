import { describe, expect, it } from 'vitest';
import { ErrorCode, MidstanceError } from '../../../common/contract/errors.ts';
import { FS_CODES, MEDIA_REASONS, allErrorTexts, errorCodeTexts, errorLine, errorText } from '../../../common/error-text.ts';

/** Words that are English and not Dutch: none may appear in a Dutch text. */
const ENGLISH = /\b(the|and|not|were|this|that|could|cannot|can't|file|folder|please|saved|open it|with|found|again|disk|too|is damaged|read|try)\b/i;

describe('errors in the user language', () => {
  it('every error code has a Dutch and an English text, and they differ', () => {
    const en = errorCodeTexts('en');
    const nl = errorCodeTexts('nl');
    for (const code of ErrorCode.options) {
      expect(en[code], code).toBeTruthy();
      expect(nl[code], code).toBeTruthy();
      expect(nl[code], code).not.toBe(en[code]);
    }
    expect(ErrorCode.options).toContain('file-access');
    expect(ErrorCode.options).toContain('too-large');
  });

  it('no English in the Dutch texts', () => {
    for (const text of allErrorTexts('nl')) expect(text, text).not.toMatch(ENGLISH);
    // The check itself finds English.
    expect(allErrorTexts('en').filter((text) => ENGLISH.test(text)).length).toBeGreaterThan(10);
  });

  it('says why a video was refused, with its file name, by the reason the media engine gives', () => {
    for (const reason of MEDIA_REASONS) {
      const error = new MidstanceError('media-unreadable', 'English words', { path: '/videos/loop é.mp4', reason });
      const nl = errorText(error, 'nl');
      expect(nl.text).toContain('loop é.mp4');
      expect(nl.text).not.toMatch(ENGLISH);
      expect(nl.detail).toBeNull();
    }
    const notVideo = new MidstanceError('media-unreadable', '"x.mp4" is not a video Midstance can read, or it is damaged.', {
      path: 'C:\\clips\\x.mp4',
      reason: 'not-video',
    });
    expect(errorText(notVideo, 'nl').text).toBe('"x.mp4" is geen video die Midstance kan lezen, of het bestand is beschadigd. Er is niets toegevoegd.');
    expect(errorText(notVideo, 'en').text).toBe('"x.mp4" is not a video Midstance can read, or it is damaged. Nothing was added.');
  });

  it('says what a path is when it is not a regular file', () => {
    const folder = new MidstanceError('media-unreadable', 'English', { path: '/clips/loop', fileKind: 'folder', reason: 'not-regular-file' });
    expect(errorText(folder, 'nl')).toEqual({ text: '"loop" is een map, geen bestand. Kies een bestand in die map.', detail: null });
    const pipe = { code: 'project-invalid' as const, message: 'English', details: { path: '/tmp/fifo', fileKind: 'pipe', reason: 'not-regular-file' } };
    expect(errorText(pipe, 'en').text).toBe('"fifo" is not a regular file but a pipe. Choose a file saved on a disk.');
  });

  it('file-access says what went wrong for every file system code', () => {
    const texts = new Set<string>();
    for (const fsCode of FS_CODES) {
      const shape = { code: 'file-access' as const, message: `EACCES: permission denied`, details: { path: '/data/praktijk.midstance', fsCode } };
      const nl = errorText(shape, 'nl');
      expect(nl.text).toMatch(/^Midstance kan "praktijk\.midstance" niet gebruiken: .+\.$/);
      expect(nl.detail).toBeNull();
      texts.add(errorText(shape, 'en').text);
    }
    expect(texts.size).toBeGreaterThanOrEqual(12);
    // An unknown fsCode: the generic text with the name, and the core's words as detail.
    const odd = errorText({ code: 'file-access', message: 'EWEIRD: something', details: { path: '/a/b.mp4', fsCode: 'EWEIRD' } }, 'nl');
    expect(odd).toEqual({ text: 'Midstance kan "b.mp4" niet gebruiken.', detail: 'EWEIRD: something' });
  });

  it('fills in versions of a newer project; falls back to the code with the core message as detail', () => {
    const newer = new MidstanceError('project-newer', 'English', { path: '/p/a.midstance', fileVersion: 9, supportedVersion: 3 });
    expect(errorText(newer, 'nl').text).toContain('projectformaat 9; deze Midstance leest tot en met 3');
    const invalid = new MidstanceError('invalid-request', 'Frame 12 does not exist: this clip has 10 frames (0–9).');
    expect(errorText(invalid, 'nl')).toEqual({
      text: 'Midstance kon dit niet uitvoeren: het verzoek was ongeldig.',
      detail: 'Frame 12 does not exist: this clip has 10 frames (0–9).',
    });
    expect(errorLine(invalid, 'nl')).toBe(
      'Midstance kon dit niet uitvoeren: het verzoek was ongeldig. (Frame 12 does not exist: this clip has 10 frames (0–9).)',
    );
    expect(errorText(new MidstanceError('not-found', 'Cannot find the project /p/jansen.midstance.', { path: '/p/jansen.midstance' }), 'nl')).toEqual({
      text: 'Midstance kan "jansen.midstance" niet vinden. Het is misschien verplaatst, hernoemd of verwijderd.',
      detail: null,
    });
    // The core's generic internal message adds nothing to its translation.
    expect(errorText(new MidstanceError('internal', 'Something went wrong inside Midstance. Details are in the log.'), 'nl').detail).toBeNull();
    expect(errorText(new MidstanceError('disk-full', 'The disk is full …', { path: '/p.midstance' }), 'nl').detail).toBeNull();
  });

  it('a lost connection and unknown errors are said in the language too', () => {
    expect(errorText(new TypeError('Failed to fetch'), 'nl').text).toContain('Midstance antwoordt niet');
    expect(errorText(new Error('boom'), 'nl')).toEqual({ text: 'Er ging iets mis.', detail: 'boom' });
    expect(errorText({ code: 'from-a-newer-core', message: 'New words' }, 'en')).toEqual({ text: 'Something went wrong.', detail: null });
  });
});

describe('a frame refused as busy', () => {
  it('has its own code and says, in both languages, to wait and ask again', () => {
    const error = new MidstanceError('busy', 'Frame 12 was skipped: newer frame requests came in while it waited for a decoder.', { index: 12 });
    expect(errorText(error, 'en')).toEqual({ text: expect.stringMatching(/busy.*try again/), detail: null });
    expect(errorText(error, 'nl')).toEqual({ text: expect.stringMatching(/bezig.*probeer het opnieuw/), detail: null });
  });
});
