import { describe, expect, it } from 'vitest';
import { buildDecodeArgs, buildStandbyArgs, rotationFilters, standbyScript } from '../../../main/media/decoder.ts';
import { candidatePaths, isAtLeast, parseVersionLine } from '../../../main/media/ffmpeg-path.ts';
import { FrameCache } from '../../../main/media/frame-cache.ts';
import { previewSizeFor, warmChunks } from '../../../main/media/media-session.ts';
import { LineSplitter, parseShowinfoFrame, parseShowinfoTimeBase } from '../../../main/media/showinfo.ts';

describe('showinfo lines', () => {
  it('reads frame pts and the time base', () => {
    expect(parseShowinfoFrame('[Parsed_showinfo_3 @ 0x55] n:  12 pts: 185772 pts_time:2.06413 pos:   741286 fmt:yuvj420p')).toEqual({ n: 12, pts: 185772 });
    expect(parseShowinfoFrame('[Parsed_showinfo_3 @ 0x55] n:   0 pts:  -512 pts_time:-0.03')).toEqual({ n: 0, pts: -512 });
    expect(parseShowinfoFrame('[Parsed_showinfo_3 @ 0x55] color_range:pc')).toBeNull();
    expect(parseShowinfoFrame('[mjpeg @ 0x1] n: 1 pts: 2 ')).toBeNull();
    expect(parseShowinfoTimeBase('[Parsed_showinfo_3 @ 0x55] config in time_base: 1/90000, frame_rate: 60/1')).toEqual([1, 90000]);
  });

  it('line splitter keeps partial lines', () => {
    const lines = new LineSplitter();
    expect(lines.push('a\nb')).toEqual(['a']);
    expect(lines.push('c\r\nd')).toEqual(['bc']);
    expect(lines.flush()).toEqual(['d']);
  });
});

describe('ffmpeg versions and lookup order', () => {
  it('parses release, Debian and snapshot version lines', () => {
    expect(parseVersionLine('ffmpeg version 5.1.9-0+deb12u1 Copyright')).toEqual({ text: '5.1.9-0+deb12u1', parsed: { major: 5, minor: 1 } });
    expect(parseVersionLine('ffprobe version n4.1.4 Copyright')?.parsed).toEqual({ major: 4, minor: 1 });
    expect(parseVersionLine('ffmpeg version N-113000-gabc Copyright')?.parsed).toBeNull();
    expect(parseVersionLine('something else')).toBeNull();
    expect(isAtLeast({ major: 4, minor: 0 }, { major: 4, minor: 1 })).toBe(false);
    expect(isAtLeast({ major: 8, minor: 0 }, { major: 4, minor: 1 })).toBe(true);
    expect(isAtLeast(null, { major: 4, minor: 1 })).toBe(true);
  });

  it('settings, then environment, then bundled, then PATH', () => {
    const list = candidatePaths('ffprobe', {
      settingsFfmpeg: '/s/ffmpeg',
      settingsFfprobe: '/s/ffprobe',
      env: { MIDSTANCE_FFPROBE: '/e/ffprobe', PATH: ['/p1', '/p2'].join(process.platform === 'win32' ? ';' : ':') },
      bundledRoots: ['/app/resources'],
    });
    expect(list.map((c) => c.source)).toEqual(['settings', 'environment', 'bundled', 'path', 'path']);
    expect(list[0]!.path).toBe('/s/ffprobe');
  });
});

describe('frame cache', () => {
  it('holds at most its bound, evicting least recently used, and reports evictions', () => {
    const evicted: number[] = [];
    const cache = new FrameCache(() => 30, (frame) => evicted.push(frame.index));
    for (let i = 0; i < 3; i += 1) cache.put({ mediaId: 'm', variant: 'preview', index: i, data: new Uint8Array(10) });
    cache.get('m', 'preview', 0);
    cache.put({ mediaId: 'm', variant: 'preview', index: 3, data: new Uint8Array(10) });
    expect(evicted).toEqual([1]);
    expect(cache.sizeBytes).toBe(30);
    expect(cache.peakBytes).toBeLessThanOrEqual(30);
    expect(cache.deleteWhere((frame) => frame.index === 0)).toBe(1);
    expect(cache.has('m', 'preview', 0)).toBe(false);
    expect(cache.count).toBe(2);
  });
});

describe('session helpers', () => {
  it('warm chunks are whole keyframe groups of at least 480 frames; a short tail joins the chunk before it', () => {
    expect(warmChunks(1000, [0, 240, 480, 720, 960])).toEqual([[0, 479], [480, 999]]);
    expect(warmChunks(1500, [0, 240, 480, 720, 960, 1200])).toEqual([[0, 479], [480, 959], [960, 1499]]);
    expect(warmChunks(300, [0, 100, 200])).toEqual([[0, 299]]);
    expect(warmChunks(900, [40, 300, 600])).toEqual([[0, 599], [600, 899]]);
  });

  it('preview size keeps the aspect ratio, even, never upscaled', () => {
    expect(previewSizeFor({ width: 1920, height: 1080 }, 960)).toEqual({ width: 960, height: 540 });
    expect(previewSizeFor({ width: 1080, height: 1920 }, 960)).toEqual({ width: 960, height: 1706 });
    expect(previewSizeFor({ width: 640, height: 360 }, 960)).toEqual({ width: 640, height: 360 });
  });
});

describe('decoder arguments', () => {
  const source = {
    path: '/v/clip é.mp4', streamIndex: 1, formatStartTime: 10, rotation: 90 as const, mirrored: false, timeBase: [1, 1000] as [number, number],
    pts: [10000, 10020, 10040, 10060], times: [10, 10.02, 10.04, 10.06], ignoreEditList: false,
  };

  it('seeks a quarter of the way from the keyframe to the next frame, relative to the format start, and skips frames cheaply', () => {
    const args = buildDecodeArgs(source, { fromIndex: 1, keepFromIndex: 3, toIndex: 3, size: { width: 360, height: 640 }, quality: 3, background: true }, { modernFps: true, showinfoChecksum: true, concatFileOptions: true });
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 3)).toEqual(['-ss', '0.025000', '-noaccurate_seek']);
    expect(args).toContain('-copyts');
    expect(args[args.indexOf('-map') + 1]).toBe('0:1');
    const filters = args[args.indexOf('-vf') + 1]!;
    expect(filters).toBe("select='gte(pts\\,10060)',scale=640:360:flags=bilinear:out_range=tv,format=yuv420p,lutyuv=y='clip((val-16)*255/219,0,255)':u='clip((val-128)*255/224+128,0,255)':v='clip((val-128)*255/224+128,0,255)',transpose=clock,showinfo=checksum=0");
    expect(args).toContain('-fps_mode');
  });

  it('a clip indexed with its edit list ignored is decoded that way: -ignore_editlist 1 is an input option', () => {
    const request = { fromIndex: 1, keepFromIndex: 2, toIndex: 3, size: { width: 360, height: 640 }, quality: 3, background: false };
    const args = buildDecodeArgs({ ...source, ignoreEditList: true }, request, { modernFps: true, showinfoChecksum: true, concatFileOptions: true });
    expect(args.indexOf('-ignore_editlist')).toBeGreaterThan(args.indexOf('-ss'));
    expect(args.slice(args.indexOf('-ignore_editlist'), args.indexOf('-ignore_editlist') + 2)).toEqual(['-ignore_editlist', '1']);
    expect(args.indexOf('-ignore_editlist')).toBeLessThan(args.indexOf('-i'));
    expect(buildDecodeArgs(source, request, { modernFps: true, showinfoChecksum: true, concatFileOptions: true })).not.toContain('-ignore_editlist');
  });

  it('older ffmpeg gets -vsync and plain showinfo; frame 0 needs no seek', () => {
    const args = buildDecodeArgs(source, { fromIndex: 0, keepFromIndex: 0, toIndex: 2, size: { width: 2, height: 2 }, quality: 3, background: false }, { modernFps: false, showinfoChecksum: false, concatFileOptions: false });
    expect(args).not.toContain('-ss');
    expect(args).toContain('-vsync');
    expect(args[args.indexOf('-vf') + 1]).toMatch(/,showinfo$/);
    expect(rotationFilters(180)).toEqual(['hflip', 'vflip']);
    expect(rotationFilters(270)).toEqual(['transpose=cclock']);
  });
});

describe('standby decoder: concat script and timestamp shift', () => {
  const at240 = { path: '/clips/run.mp4', timeBase: [1, 15360] as [number, number], pts: Array.from({ length: 960 }, (_, i) => i * 64), ignoreEditList: false };
  const ffmpeg5 = { concatFileOptions: true };

  it('shifts the wanted frame to pts 0 and the one before it below 0', () => {
    const script = standbyScript(at240, 700, ffmpeg5)!;
    expect(script.shift).toBe(700 * 64);
    expect(script.text).toBe("ffconcat version 1.0\nfile 'file:/clips/run.mp4'\ninpoint 2.916667\n");
    expect(standbyScript(at240, 1, ffmpeg5)!.text).toContain('inpoint 0.004167\n');
  });

  it('rounds like av_rescale_q and falls back to the inpoint below when the one above overshoots', () => {
    // 100 ns ticks: 1.2345678 s lies between two microseconds; rounding up would shift past the frame.
    const fine = { path: '/a.mkv', timeBase: [1, 10_000_000] as [number, number], pts: [12_345_600, 12_345_678], ignoreEditList: false };
    expect(standbyScript(fine, 1, ffmpeg5)).toMatchObject({ shift: 12_345_670 });
    expect(standbyScript(fine, 1, ffmpeg5)!.text).toContain('inpoint 1.234567\n');
    // …and no inpoint separates it from a previous frame 300 ns earlier: the request uses a process of its own.
    expect(standbyScript({ ...fine, pts: [12_345_675, 12_345_678] }, 1, ffmpeg5)).toBeNull();
    const ntsc = { path: '/b.mov', timeBase: [1, 30_000] as [number, number], pts: Array.from({ length: 10 }, (_, i) => i * 1001), ignoreEditList: false };
    expect(standbyScript(ntsc, 7, ffmpeg5)).toMatchObject({ shift: 7007 });
  });

  it('quotes paths for the concat script and refuses what it cannot write', () => {
    expect(standbyScript({ ...at240, path: "/x/it's é 中文.mp4" }, 5, ffmpeg5)!.text).toContain("file 'file:/x/it'\\''s é 中文.mp4'\n");
    expect(standbyScript({ ...at240, path: '/x/line\nbreak.mp4' }, 5, ffmpeg5)).toBeNull();
    expect(standbyScript(at240, 0, ffmpeg5)).toBeNull();
  });

  it('a clip read with its edit list ignored: the option line opens the file that way, and an ffmpeg before 5.0 (no option lines) gets no script', () => {
    const ignoring = { ...at240, ignoreEditList: true };
    expect(standbyScript(ignoring, 700, ffmpeg5)).toEqual({
      text: "ffconcat version 1.0\nfile 'file:/clips/run.mp4'\noption ignore_editlist 1\ninpoint 2.916667\n",
      shift: 700 * 64,
    });
    expect(standbyScript(ignoring, 700, { concatFileOptions: false })).toBeNull();
    expect(standbyScript(at240, 700, { concatFileOptions: false })!.text).not.toContain('option');
  });

  it('waits on stdin for a concat script and drops frames before pts 0 before scaling', () => {
    const args = buildStandbyArgs(
      { path: '/clips/run.mp4', streamIndex: 0, formatStartTime: 0, rotation: 90, mirrored: false, timeBase: [1, 15360], pts: [], times: [], ignoreEditList: false },
      { size: { width: 540, height: 960 }, quality: 3 },
      { modernFps: true, showinfoChecksum: true, concatFileOptions: true },
    );
    expect(args.join(' ')).toContain('-f concat -safe 0 -auto_convert 0 -copyts -i pipe:0 -map 0:0');
    expect(args).not.toContain('/clips/run.mp4');
    expect(args[args.indexOf('-vf') + 1]).toBe("select='gte(pts\\,0)',scale=960:540:flags=bilinear:out_range=tv,format=yuv420p,lutyuv=y='clip((val-16)*255/219,0,255)':u='clip((val-128)*255/224+128,0,255)':v='clip((val-128)*255/224+128,0,255)',transpose=clock,showinfo=checksum=0");
  });
});
