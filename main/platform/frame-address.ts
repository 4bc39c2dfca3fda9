import type { FrameRequest } from '../../common/contract/client.ts';

/** Opaque ids only: a clip id can never smuggle a path, a dot or a separator into core. */
const FRAME_PATH = /^\/([A-Za-z0-9_-]{1,64})\/(\d{1,9})$/;
const WIDTH = /^\d{1,5}$/;
export const MAX_FRAME_WIDTH = 16384;

export type FrameAddress =
  | { ok: true; request: FrameRequest }
  | { ok: false; status: 400 | 404; message: string };

/**
 * Parses `/<clipId>/<index>` plus the `w` query value, shared by every transport that serves
 * frames (the Electron frame scheme; browser mode serves the same shape under /frames).
 */
export function parseFrameAddress(path: string, width: string | null): FrameAddress {
  const match = FRAME_PATH.exec(path);
  if (!match) return { ok: false, status: 404, message: 'No such frame address.' };
  const request: FrameRequest = { clipId: match[1]!, index: Number(match[2]) };
  if (width === null) return { ok: true, request };
  const pixels = WIDTH.test(width) ? Number(width) : Number.NaN;
  if (!(pixels >= 1 && pixels <= MAX_FRAME_WIDTH)) {
    return { ok: false, status: 400, message: 'Frame width out of range.' };
  }
  return { ok: true, request: { ...request, width: pixels } };
}
