import { FRAME_SCHEME } from '../../common/contract/bridge.ts';
import { type FrameAddress, parseFrameAddress } from '../platform/frame-address.ts';

const FRAME_HOST = 'frames';

/** midstance-frame://frames/<clipId>/<index>?w=<width> → a frame request, or why not. */
export function parseFrameUrl(url: string): FrameAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 404, message: 'No such frame address.' };
  }
  if (parsed.protocol !== `${FRAME_SCHEME}:` || parsed.host !== FRAME_HOST || parsed.username || parsed.password) {
    return { ok: false, status: 404, message: 'No such frame address.' };
  }
  const extraParams = [...parsed.searchParams.keys()].some((key) => key !== 'w');
  if (extraParams || parsed.searchParams.getAll('w').length > 1) {
    return { ok: false, status: 400, message: 'Unknown frame parameters.' };
  }
  return parseFrameAddress(parsed.pathname, parsed.searchParams.get('w'));
}
