import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTrackNames } from './use-track-names.ts';
import type { Track, TrackPoint } from '../../../../common/contract/track.ts';
import { imageToScreen, screenToImage, type ViewTransform } from '../../../../common/geometry/view-transform.ts';
import '../../styles/tracks.css';

/** Frames either side of the current one that the trail shows. */
export const TRAIL_FRAMES = 15;
/** Below this confidence a point is drawn as uncertain (hollow, red, dashed ring). */
export const LOW_CONFIDENCE = 0.5;

export function confidenceColour(confidence: number): string {
  if (confidence >= 0.8) return '#22c55e';
  if (confidence >= LOW_CONFIDENCE) return '#facc15';
  return '#ef4444';
}

/**
 * The clip's tracks over the frame (SVG above the annotation stage): each track's point on the current frame,
 * coloured by confidence, and a short trail around it that fades with the distance in frames. Proposed (pose)
 * tracks are dashed and dimmer. While `armed`, a click picks a point to track; with the Select tool a point can be dragged to
 * correct it (it becomes an anchor).
 */
export function TrackOverlay({
  tracks,
  points,
  frame,
  transform,
  width,
  height,
  armed,
  busy,
  editable,
  onPick,
  onCorrect,
}: {
  tracks: readonly Track[];
  points: ReadonlyMap<string, ReadonlyMap<number, TrackPoint>>;
  frame: number;
  transform: ViewTransform;
  width: number;
  height: number;
  armed: boolean;
  busy: boolean;
  /** Points can be dragged (only with the Select tool, so drawing on a tracked point still works). */
  editable: boolean;
  onPick(x: number, y: number): void;
  onCorrect(id: string, x: number, y: number): void;
}) {
  const { t } = useTranslation();
  const names = useTrackNames(tracks);
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ id: string; x: number; y: number } | null>(null);
  const local = (event: { clientX: number; clientY: number }) => {
    const rect = svgRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  return (
    <svg
      ref={svgRef}
      className={`track-overlay${armed ? ' armed' : ''}`}
      data-testid="track-overlay"
      width={width}
      height={height}
      onClick={(event) => {
        if (!armed || busy) return;
        const image = screenToImage(transform, local(event));
        onPick(image.x, image.y);
      }}
    >
      {tracks.map((track) => {
        const byFrame = points.get(track.id);
        if (!byFrame) return null;
        const proposed = track.status === 'proposed';
        const segments = [];
        for (let f = frame - TRAIL_FRAMES; f < frame + TRAIL_FRAMES; f += 1) {
          const a = byFrame.get(f);
          const b = byFrame.get(f + 1);
          if (!a || !b) continue;
          const pa = imageToScreen(transform, a);
          const pb = imageToScreen(transform, b);
          const distance = Math.max(Math.abs(f - frame), Math.abs(f + 1 - frame));
          const opacity = (1 - distance / (TRAIL_FRAMES + 1)) * (proposed ? 0.5 : 0.85);
          segments.push(
            <line key={f} x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} className={`track-trail${proposed ? ' proposed' : ''}`} strokeOpacity={opacity} />,
          );
        }
        const here = byFrame.get(frame);
        const dragging = drag?.id === track.id ? drag : null;
        const at = dragging ?? (here ? imageToScreen(transform, here) : null);
        const low = here ? here.confidence < LOW_CONFIDENCE : false;
        return (
          <g key={track.id} data-track-id={track.id}>
            {segments}
            {at && here && <circle className="track-halo" cx={at.x} cy={at.y} r={(proposed ? 4.5 : 6) + 2} />}
            {at && here && (
              <circle
                data-testid="track-point"
                data-track-id={track.id}
                data-confidence={here.confidence}
                cx={at.x}
                cy={at.y}
                r={proposed ? 4.5 : 6}
                className={`track-point${proposed ? ' proposed' : ''}${low ? ' low' : ''}${here.anchor ? ' anchor' : ''}`}
                stroke={confidenceColour(here.confidence)}
                fill={low ? 'none' : confidenceColour(here.confidence)}
                fillOpacity={proposed ? 0.35 : 0.7}
                style={{ pointerEvents: editable && !armed && !busy ? 'all' : 'none' }}
                onPointerDown={(event) => {
                  event.stopPropagation();
                  event.currentTarget.setPointerCapture(event.pointerId);
                  setDrag({ id: track.id, ...local(event) });
                }}
                onPointerMove={(event) => {
                  if (dragging) setDrag({ id: track.id, ...local(event) });
                }}
                onPointerUp={(event) => {
                  if (!dragging) return;
                  setDrag(null);
                  const end = local(event);
                  const start = imageToScreen(transform, here);
                  if (Math.hypot(end.x - start.x, end.y - start.y) < 2) return;
                  const image = screenToImage(transform, end);
                  onCorrect(track.id, image.x, image.y);
                }}
              >
                <title>{`${names.get(track.id) ?? track.label} · ${Math.round(here.confidence * 100)} %${proposed ? '' : ` · ${t('tracks.dragHint')}`}`}</title>
              </circle>
            )}
          </g>
        );
      })}
    </svg>
  );
}
