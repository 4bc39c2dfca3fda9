import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/main.ts';
import { positiveNumber, wholeNumber } from '../../../main/cli/options.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('number options accept plain decimal only', () => {
  it.each(['', ' ', '0x10', '1e3', '+5', '-1', '5.0', ' 7', '7 ', 'Infinity', 'NaN', '١٢', '9007199254740993'])('whole number refuses %j', (text) => {
    expect(() => wholeNumber('--index', text, { min: 0, max: Number.MAX_SAFE_INTEGER })).toThrow(/--index must be a whole number from 0, not/);
  });

  it('accepts digits within the range', () => {
    expect(wholeNumber('--index', '0', { min: 0, max: 10 })).toBe(0);
    expect(wholeNumber('--index', '007', { min: 0, max: 10 })).toBe(7);
    expect(() => wholeNumber('--port', '65536', { min: 0, max: 65535 })).toThrow(/from 0 to 65535/);
  });

  it.each(['', '0', '0x10', '1e3', '-30', '.5', '5.', 'Infinity'])('positive number refuses %j', (text) => {
    expect(() => positiveNumber('--capture-fps', text)).toThrow(/--capture-fps must be a positive number/);
  });

  it('positive number accepts decimals', () => {
    expect(positiveNumber('--capture-fps', '239.76')).toBe(239.76);
    expect(positiveNumber('--capture-fps', '240')).toBe(240);
  });
});

describe('every command refuses odd numbers with one line and exit 2, before touching any file', () => {
  it.each([
    [['frame', '/nonexistent/clip.mp4', '--index=', '--out', '/nonexistent/f.png'], /--index must be a whole number/],
    [['frame', '/nonexistent/clip.mp4', '--index', '0x10', '--out', '/nonexistent/f.png'], /--index must be a whole number.*"0x10"/],
    [['frame', '/nonexistent/clip.mp4', '--index', '1', '--width', '1e3', '--out', '/nonexistent/f.png'], /--width must be a whole number of pixels/],
    [['frame', '/nonexistent/clip.mp4', '--index', '1', '--width', '320.5', '--out', '/nonexistent/f.png'], /--width must be a whole number of pixels/],
    [['probe', '/nonexistent/clip.mp4', '--capture-fps', '0x78'], /--capture-fps must be a positive number/],
    [['serve', '--port', '0x10', '--no-open'], /--port must be a whole number from 0 to 65535/],
    [['serve', '--port=', '--no-open'], /--port must be a whole number/],
    [['start', '--port', '8e3', '--no-open'], /--port must be a whole number/],
  ])('%j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
