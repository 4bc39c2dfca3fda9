import { describe, expect, it } from 'vitest';
import {
  orientationOf,
  analyseTiming,
  buildFrameTable,
  chooseCaptureRate,
  mediaWarnings,
  parsePacketLine,
  parseStreamFacts,
  type ProbeJson,
  snapRate,
} from '../../../main/media/probe-parse.ts';

const packet = (pts: number | null, flags = '__', pos: number | null = null, size: number | null = null) => ({
  pts,
  dts: pts,
  keyframe: flags.startsWith('K'),
  discard: flags.slice(1).includes('D'),
  pos,
  size,
});

describe('parsePacketLine', () => {
  it('reads compact ffprobe packet lines, including N/A and discard flags', () => {
    expect(parsePacketLine('pts=-5376|dts=-5888|size=14536|pos=48|flags=KD')).toEqual({
      pts: -5376, dts: -5888, keyframe: true, discard: true, pos: 48, size: 14536,
    });
    expect(parsePacketLine('pts=N/A|dts=12|size=10|pos=N/A|flags=__')).toMatchObject({ pts: null, dts: 12, pos: null, keyframe: false });
    expect(parsePacketLine('pts=1|dts=1|size=1|pos=1|flags=K__')).toMatchObject({ keyframe: true, discard: false });
    expect(parsePacketLine('')).toBeNull();
  });
});

describe('buildFrameTable', () => {
  it('puts B-frames (stored out of order) in display order with keyframe indices', () => {
    const stored = [packet(0, 'K_'), packet(768), packet(256), packet(512), packet(1536, 'K_'), packet(1024), packet(1280)];
    const table = buildFrameTable(stored, [1, 15360], null);
    expect(table.pts).toEqual([0, 256, 512, 768, 1024, 1280, 1536]);
    expect(table.keyframes).toEqual([0, 6]);
    expect(table.times[1]).toBeCloseTo(256 / 15360, 6);
  });

  it('drops frames hidden by an edit list and frames whose data is past the end of the file', () => {
    const stored = [packet(-512, 'KD', 0, 10), packet(-256, '_D', 10, 10), packet(0, '__', 20, 10), packet(256, '__', 30, 10), packet(512, '__', 40, 100)];
    const table = buildFrameTable(stored, [1, 15360], 60);
    expect(table.pts).toEqual([0, 256]);
    expect(table.keyframes).toEqual([]);
    expect(table.hiddenByEditList).toBe(2);
    expect(table.missingAtEnd).toBe(1);
  });

  it('falls back to dts without pts, drops untimed packets and duplicates', () => {
    const table = buildFrameTable([{ ...packet(null), dts: 5 }, packet(null), { ...packet(null), dts: null }, packet(5)], [1, 1000], null);
    expect(table.pts).toEqual([5]);
    expect(table.untimed).toBe(2);
  });
});

describe('rotation', () => {
  it('display matrix is counter-clockwise, the legacy tag clockwise', () => {
    expect(orientationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }).rotation).toBe(90);
    expect(orientationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }).rotation).toBe(270);
    expect(orientationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: '-180.00' }] }).rotation).toBe(180);
    expect(orientationOf({ tags: { rotate: '90' } }).rotation).toBe(90);
    expect(orientationOf({ tags: { rotate: '-90' } }).rotation).toBe(270);
    expect(orientationOf({}).rotation).toBe(0);
  });
});

describe('parseStreamFacts', () => {
  const stream = { index: 1, codec_type: 'video', codec_name: 'hevc', width: 1920, height: 1080, pix_fmt: 'yuv420p10le', time_base: '1/600', sample_aspect_ratio: '1:1', avg_frame_rate: '240/1' };

  it('chooses the real video stream (not cover art) and reads the facts', () => {
    const facts = parseStreamFacts({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 100, height: 100, disposition: { attached_pic: 1 } }, stream, { index: 2, codec_type: 'audio' }],
      format: { format_name: 'mov,mp4', start_time: '0.5', tags: { 'com.android.capture.fps': '240.000000' } },
    });
    expect(facts).toMatchObject({
      streamIndex: 1, videoOrdinal: 1, codec: 'hevc', bitDepth: 10, timeBase: [1, 600], formatStartTime: 0.5, hasAudio: true, androidCaptureFps: 240, declaredFps: 240,
    });
  });

  it('non-square pixels widen the shown picture', () => {
    expect(parseStreamFacts({ streams: [{ ...stream, width: 1440, sample_aspect_ratio: '4:3' }] })).toMatchObject({ squareWidth: 1920 });
  });

  it('names what is missing', () => {
    expect(parseStreamFacts({ streams: [] })).toBe('no-streams');
    expect(parseStreamFacts({ streams: [{ index: 0, codec_type: 'audio' }] })).toBe('no-video');
    expect(parseStreamFacts({ streams: [{ index: 0, codec_type: 'video', width: 10, height: 10 }] })).toBe('unknown-codec');
  });
});

describe('timing', () => {
  it('1 ms time stamps at 240 fps are regular and still give 240 fps', () => {
    const times = Array.from({ length: 481 }, (_, i) => Math.round((i / 240) * 1000) / 1000);
    const timing = analyseTiming(times, 0.001);
    expect(timing.irregular).toBe(false);
    expect(timing.fileFps).toBe(240);
  });

  it('a dropped frame or a VFR stretch is irregular, with its spread', () => {
    const times = [0, 1, 2, 3, 5, 6, 7].map((i) => i / 30);
    const timing = analyseTiming(times, 1 / 90000);
    expect(timing).toMatchObject({ irregular: true, deviating: 1, fileFps: 30 });
    expect(timing.maxIntervalMs).toBeCloseTo(66.667, 2);
    expect(timing.minIntervalMs).toBeCloseTo(33.333, 2);
  });

  it('snaps to common rates without confusing 29.97 and 30', () => {
    expect(snapRate(29.97003)).toBe(29.97);
    expect(snapRate(30.0001)).toBe(30);
    expect(snapRate(239.8)).toBe(239.76);
    expect(snapRate(57.3)).toBe(57.3);
  });

  it('capture rate: user, then Android metadata, then the file rate; warnings below 120 fps', () => {
    const android = { androidCaptureFps: 240, applePlaybackIntent: null };
    const none = { androidCaptureFps: null, applePlaybackIntent: null };
    expect(chooseCaptureRate(30, android, null)).toEqual({ captureFps: 240, source: 'android-metadata' });
    expect(chooseCaptureRate(30, android, 120)).toEqual({ captureFps: 120, source: 'user' });
    expect(chooseCaptureRate(60, none, null)).toEqual({ captureFps: 60, source: 'file' });
    const timing = { medianIntervalMs: 16.7, minIntervalMs: 16.7, maxIntervalMs: 16.7, sdIntervalMs: 0, irregular: false, deviating: 0 };
    expect(mediaWarnings({ timing, captureFps: 60, captureSource: 'file', missingAtEnd: 0 }).map((w) => w.code)).toEqual(['low-capture-rate']);
    expect(mediaWarnings({ timing, captureFps: 240, captureSource: 'file', missingAtEnd: 3 }).map((w) => w.code)).toEqual(['truncated']);
  });
});

describe('Apple slow motion', () => {
  // Shaped like `ffprobe -show_format -show_streams -of json` of iPhone MOVs: Apple's keys are
  // movie-level metadata (format tags); the playback-intent key exists since iOS 18.
  const iphoneFormat = (fps: string, intent: string | undefined): ProbeJson => ({
    streams: [
      {
        index: 0, codec_type: 'video', codec_name: 'hevc', profile: 'Main', width: 1920, height: 1080, pix_fmt: 'yuv420p',
        time_base: '1/19200', r_frame_rate: fps, avg_frame_rate: fps, nb_frames: '480',
        tags: { handler_name: 'Core Media Video', encoder: 'HEVC' },
      },
      { index: 1, codec_type: 'audio', codec_name: 'aac' },
      { index: 2, codec_type: 'data', tags: { handler_name: 'Core Media Metadata' } },
    ],
    format: {
      format_name: 'mov,mp4,m4a,3gp,3g2,mj2', start_time: '0.000000', duration: '2.000000',
      tags: {
        major_brand: 'qt  ', 'com.apple.quicktime.make': 'Apple', 'com.apple.quicktime.model': 'iPhone 15 Pro',
        'com.apple.quicktime.software': '18.3.1',
        ...(intent === undefined ? {} : { 'com.apple.quicktime.full-frame-rate-playback-intent': intent }),
      },
    },
  });
  const factsOf = (json: ProbeJson) => {
    const facts = parseStreamFacts(json);
    if (typeof facts === 'string') throw new Error(facts);
    return facts;
  };

  it('reads the playback intent and the maker from the movie metadata', () => {
    expect(factsOf(iphoneFormat('240/1', '0'))).toMatchObject({ applePlaybackIntent: 'slow-motion', appleDevice: true, androidCaptureFps: null });
    expect(factsOf(iphoneFormat('120/1', '1'))).toMatchObject({ applePlaybackIntent: 'full-frame-rate' });
    expect(factsOf(iphoneFormat('30/1', undefined))).toMatchObject({ applePlaybackIntent: null, appleDevice: true });
    expect(parseStreamFacts({ streams: iphoneFormat('30/1', '0').streams! })).toMatchObject({ applePlaybackIntent: null, appleDevice: false });
  });

  it('a high-frame-rate original marked for slow-motion playback is captured at its own rate', () => {
    const facts = factsOf(iphoneFormat('240/1', '0'));
    expect(chooseCaptureRate(240, facts, null)).toEqual({ captureFps: 240, source: 'apple-metadata' });
    expect(chooseCaptureRate(119.88, facts, null)).toEqual({ captureFps: 119.88, source: 'apple-metadata' });
    expect(chooseCaptureRate(240, facts, 120)).toEqual({ captureFps: 120, source: 'user' });
  });

  it('says nothing at 30 or 60 fps (shared copies and normal video carry 0 too) or when meant for full-rate playback', () => {
    expect(chooseCaptureRate(30, factsOf(iphoneFormat('30/1', '0')), null)).toEqual({ captureFps: 30, source: 'file' });
    expect(chooseCaptureRate(60, factsOf(iphoneFormat('60/1', '0')), null)).toEqual({ captureFps: 60, source: 'file' });
    expect(chooseCaptureRate(120, factsOf(iphoneFormat('120/1', '1')), null)).toEqual({ captureFps: 120, source: 'file' });
  });

  it('Android capture-rate tag wins over the Apple key (it states the rate itself)', () => {
    expect(chooseCaptureRate(30, { androidCaptureFps: 120, applePlaybackIntent: 'slow-motion' }, null)).toEqual({ captureFps: 120, source: 'android-metadata' });
  });

  it('a 30 fps iPhone clip is told how to get the real slow-motion frames; ignored time-scaled edits get a note of their own', () => {
    const timing = { medianIntervalMs: 33.3, minIntervalMs: 33.3, maxIntervalMs: 6500, sdIntervalMs: 200, irregular: true, deviating: 1 };
    const iphone = mediaWarnings({ timing: { ...timing, irregular: false }, captureFps: 30, captureSource: 'file', missingAtEnd: 0, appleDevice: true });
    expect(iphone.map((w) => w.code)).toEqual(['low-capture-rate']);
    expect(iphone[0]!.message).toMatch(/import the original/);
    const set = mediaWarnings({ timing: { ...timing, irregular: false }, captureFps: 30, captureSource: 'user', missingAtEnd: 0, appleDevice: true });
    expect(set[0]!.message).not.toMatch(/iPhone/);
    const scaled = mediaWarnings({ timing: { ...timing, irregular: false }, captureFps: 240, captureSource: 'file', missingAtEnd: 0, timeScaledEdits: true });
    expect(scaled.map((w) => w.code)).toEqual(['time-scaled-edits']);
    expect(scaled[0]!.message).toMatch(/ignores that speed change: every recorded frame is shown once, at its recorded time.*including any part that was trimmed off/);
    // The stored times are the ones shown, so irregular stored timing is still reported.
    expect(mediaWarnings({ timing, captureFps: 240, captureSource: 'file', missingAtEnd: 0, timeScaledEdits: true }).map((w) => w.code)).toEqual(['time-scaled-edits', 'irregular-timing']);
    expect(mediaWarnings({ timing, captureFps: 240, captureSource: 'file', missingAtEnd: 0 }).map((w) => w.code)).toEqual(['irregular-timing']);
  });
});
