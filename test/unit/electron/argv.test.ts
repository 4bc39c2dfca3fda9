import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openablePathsFromArgv } from '../../../main/electron/argv.ts';

describe('openablePathsFromArgv', () => {
  const cwd = '/home/physio/runs';

  it('finds projects and videos after the executable, made absolute against the working directory', () => {
    expect(openablePathsFromArgv(['/opt/Midstance/midstance', 'anna.midstance', '/data/sprint.MP4'], cwd)).toEqual([
      join(cwd, 'anna.midstance'),
      '/data/sprint.MP4',
    ]);
  });

  it('ignores the app folder that development runs pass to electron', () => {
    expect(openablePathsFromArgv(['/x/electron', '/work/main', '/work/main/clip.mov'], cwd)).toEqual(['/work/main/clip.mov']);
  });

  it('ignores Chromium switches, macOS process serial numbers and switch values glued with =', () => {
    const argv = [
      'Midstance',
      '--allow-file-access-from-files',
      '--original-process-start-time=13371337',
      '-psn_0_12345',
      '--user-data-dir=/tmp/x.midstance',
      'clip.mkv',
    ];
    expect(openablePathsFromArgv(argv, cwd)).toEqual([join(cwd, 'clip.mkv')]);
  });

  it('ignores other files, URLs and empty arguments', () => {
    const argv = ['Midstance', 'notes.txt', '', 'file:///x/run.mp4', 'midstance://open?p=a.midstance', 'report.pdf'];
    expect(openablePathsFromArgv(argv, cwd)).toEqual([]);
  });

  it('never treats the executable itself as a file to open, and lists a file once', () => {
    expect(openablePathsFromArgv(['/tmp/run.mp4', 'a.mp4', './a.mp4'], cwd)).toEqual([join(cwd, 'a.mp4')]);
  });

  it('returns nothing for an empty command line', () => {
    expect(openablePathsFromArgv([], cwd)).toEqual([]);
  });
});
