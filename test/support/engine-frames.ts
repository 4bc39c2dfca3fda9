import type { OpenedMedia } from '../../common/contract/media.ts';
import type { MediaService } from '../../main/media/media-service.ts';
import { decodeToGray } from '../fixtures/decode-images.ts';
import { type Raster, readFrameIndex } from '../fixtures/frame-code.ts';

/** Fetches frames one after another through the media service, decoded to gray rasters. */
export async function engineRasters(service: MediaService, mediaId: string, indices: number[], width?: number): Promise<Raster[]> {
  const session = service.session(mediaId);
  const size = session.sizeOf(session.variantFor(width));
  const images = [];
  for (const index of indices) images.push((await service.getFrame({ clipId: mediaId, index, width })).data);
  return decodeToGray(images, size.width, size.height);
}

/** The index embedded in each fetched frame, read in the clip's own orientation (null: unreadable). */
export async function engineIndices(service: MediaService, opened: OpenedMedia, indices: number[], width?: number): Promise<(number | null)[]> {
  const rasters = await engineRasters(service, opened.mediaId, indices, width);
  return rasters.map((raster) => readFrameIndex(raster, opened.info.rotation, opened.info.mirrored));
}
