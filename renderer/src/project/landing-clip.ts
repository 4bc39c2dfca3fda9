import type { ApiClient } from '../../../common/contract/client.ts';
import { isMidstanceError } from '../../../common/contract/errors.ts';
import type { Clip } from '../../../common/contract/project.ts';

/**
 * The clip to show when a project or session opens without the user choosing one: the remembered clip, else
 * the first — but not one whose file is there and is not a readable video (a project from before files were
 * checked on adding, or a video damaged since): then the next readable one. A clip whose video is missing is
 * acceptable (it offers to relink). Only when no clip is readable does the first candidate win, with its error.
 */
export async function chooseLandingClip(api: Pick<ApiClient, 'call'>, clips: readonly Clip[], rememberedId: string | null): Promise<Clip | null> {
  const remembered = clips.find((clip) => clip.id === rememberedId);
  const candidates = remembered ? [remembered, ...clips.filter((clip) => clip !== remembered)] : [...clips];
  for (const clip of candidates) {
    if (clip.media.state !== 'found' || !clip.media.path) return clip;
    try {
      await api.call('media.check', { path: clip.media.path });
      return clip;
    } catch (error) {
      // Only a verdict on the file itself rules a clip out; anything else (no ffmpeg, …) the viewer will say.
      if (!(isMidstanceError(error) && (error.code === 'media-unreadable' || error.code === 'media-unsupported'))) return clip;
    }
  }
  return candidates[0] ?? null;
}
