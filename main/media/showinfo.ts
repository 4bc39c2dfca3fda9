/**
 * ffmpeg's showinfo filter logs one line per frame with its presentation timestamp. The
 * decoder pairs those lines, in order, with the images on stdout to know exactly which frame
 * each image is. Pure parsers for those lines.
 */

export interface ShowinfoFrame {
  n: number;
  pts: number;
}

const FRAME_LINE = /\bn:\s*(\d+)\s+pts:\s*(-?\d+)\s/;
const CONFIG_LINE = /config in time_base:\s*(\d+)\/(\d+)/;

export function parseShowinfoFrame(line: string): ShowinfoFrame | null {
  if (!line.includes('showinfo')) return null;
  const match = FRAME_LINE.exec(line);
  return match ? { n: Number(match[1]), pts: Number(match[2]) } : null;
}

export function parseShowinfoTimeBase(line: string): [number, number] | null {
  if (!line.includes('showinfo')) return null;
  const match = CONFIG_LINE.exec(line);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Splits a text stream into lines, keeping an unfinished last line for the next chunk. */
export class LineSplitter {
  private rest = '';

  push(text: string): string[] {
    const lines = (this.rest + text).split(/\r?\n|\r/);
    this.rest = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last] : [];
  }
}
