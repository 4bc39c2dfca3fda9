import { describe, expect, it } from 'vitest';
import { mediaWarningText } from '../../../common/media-warning-text.ts';
import { analyseTiming, chooseCaptureRate, mediaWarnings } from '../../../main/media/probe-parse.ts';

function warningsFor(times: number[]) {
  const timing = analyseTiming(times, 1 / 90000);
  const capture = chooseCaptureRate(timing.fileFps, { androidCaptureFps: null, applePlaybackIntent: null }, null);
  return mediaWarnings({ timing, captureFps: capture.captureFps, captureSource: capture.source, missingAtEnd: 0, frameCount: times.length });
}

describe('a rate that cannot be computed is said in words', () => {
  it.each([
    ['one frame', [0], /single frame, so it has no frame rate/, /één beeld en heeft dus geen beeldsnelheid/],
    ['two frames ten hours apart', [0, 36_000], /so far apart that it has no usable frame rate/, /zo ver uit elkaar/],
  ])('%s', (_name, times, english, dutch) => {
    const [warning] = warningsFor(times);
    expect(warning?.code).toBe('low-capture-rate');
    expect(warning?.message).toMatch(english);
    expect(mediaWarningText(warning!, 'nl')).toMatch(dutch);
    for (const text of [warning!.message, mediaWarningText(warning!, 'nl')]) {
      expect(text).not.toMatch(/Infinity|NaN|\b0 (frames|beelden)/);
    }
  });

  it('a real low rate keeps its number and accuracy', () => {
    const [warning] = warningsFor([0, 1 / 30, 2 / 30, 3 / 30]);
    expect(warning?.message).toMatch(/filmed at 30 frames per second.*33 ms/);
  });
});
