import type { Annotation, AnnotationStyle, ImagePoint } from '../../../../common/contract/annotation.ts';
import type { AnnotationDraft } from '../../../../common/contract/project.ts';
import { LandmarkDetection } from '../pose/LandmarkDetection.tsx';
import { TrackGoniometer } from './TrackGoniometer.tsx';
import { TrackPanel } from './TrackPanel.tsx';
import type { ClipTracks } from './use-tracks.ts';

/**
 * The tracking bars under the frame: automatic landmarks, the list of tracks, and a goniometer made from three
 * tracks (bound to them, so it measures on every frame).
 */
export function TrackBars({
  clipId,
  mediaId,
  tracks,
  armed,
  frame,
  frameTime,
  style,
  onGoTo,
  createAnnotation,
  onCreated,
}: {
  clipId: string;
  mediaId: string;
  tracks: ClipTracks;
  armed: boolean;
  frame: number;
  frameTime: number;
  style: AnnotationStyle;
  onGoTo(frame: number): void;
  createAnnotation(draft: Omit<AnnotationDraft, 'clipId'>): Promise<Annotation | null>;
  onCreated(annotation: Annotation): void;
}) {
  return (
    <>
      <LandmarkDetection clipId={clipId} mediaId={mediaId} />
      <TrackPanel tracks={tracks} armed={armed} onGoTo={onGoTo} />
      <TrackGoniometer
        tracks={tracks.tracks}
        points={tracks.points}
        frame={frame}
        onMake={async (ids, label) => {
          const points = ids.map((id) => {
            const { x, y } = tracks.points.get(id)!.get(frame)!;
            return { x, y };
          }) as [ImagePoint, ImagePoint, ImagePoint];
          const record = await createAnnotation({ frameIndex: frame, frameTime, geometry: { kind: 'goniometer', points }, label, style, trackBindings: ids });
          if (record) onCreated(record);
        }}
      />
    </>
  );
}
