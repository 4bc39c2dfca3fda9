import { describe, expect, it } from 'vitest';
import { isAtLeast, MIN_VERSION, parseVersionLine, releaseOfLibavcodec } from '../../../main/media/ffmpeg-path.ts';

/** `-version` output of the static ffmpeg in @ffmpeg-installer/linux-x64 4.1.0 (abridged). */
const INSTALLER_FFMPEG = `ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers
built with gcc 6.3.0 (Debian 6.3.0-18+deb9u1) 20170516
configuration: --enable-gpl --enable-version3 --enable-static
libavutil      56. 24.101 / 56. 24.101
libavcodec     58. 42.100 / 58. 42.100
libavformat    58. 24.101 / 58. 24.101
`;

describe('ffmpeg version of git snapshots', () => {
  it('a snapshot is placed by its libavcodec version: the installer ffmpeg is 4.1, and says so', () => {
    expect(parseVersionLine(INSTALLER_FFMPEG)).toEqual({
      text: 'N-47683-g0e8eb07980-static (git snapshot after FFmpeg 4.1, libavcodec 58.42)',
      parsed: { major: 4, minor: 1 },
    });
  });

  it('release numbers still come from the version itself', () => {
    expect(parseVersionLine(INSTALLER_FFMPEG.replace('N-47683-g0e8eb07980-static', 'n4.4.2'))).toEqual({ text: 'n4.4.2', parsed: { major: 4, minor: 4 } });
  });

  it('libavcodec → the last release at or before it', () => {
    expect(releaseOfLibavcodec({ major: 58, minor: 35 })).toEqual({ major: 4, minor: 1 });
    expect(releaseOfLibavcodec({ major: 58, minor: 34 })).toEqual({ major: 4, minor: 0 });
    expect(releaseOfLibavcodec({ major: 59, minor: 37 })).toEqual({ major: 5, minor: 1 });
    expect(releaseOfLibavcodec({ major: 60, minor: 22 })).toEqual({ major: 6, minor: 0 });
    expect(releaseOfLibavcodec({ major: 63, minor: 0 })).toEqual({ major: 8, minor: 0 });
    expect(releaseOfLibavcodec({ major: 57, minor: 107 })).toEqual({ major: 3, minor: 0 });
  });

  it('a snapshot from before 4.1 is too old; one without library lines is accepted', () => {
    const older = parseVersionLine(INSTALLER_FFMPEG.replace('58. 42.100', '57.107.100'));
    expect(isAtLeast(older!.parsed, MIN_VERSION)).toBe(false);
    expect(parseVersionLine('ffmpeg version N-113000-gabc Copyright')).toEqual({ text: 'N-113000-gabc', parsed: null });
  });
});
