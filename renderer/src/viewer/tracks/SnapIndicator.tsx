import { useEffect, useRef, useState } from 'react';
import { imageToScreen, type ViewTransform } from '../../../../common/geometry/view-transform.ts';
import { trackPositionsOnFrame, type TrackPointsById } from '../../../../common/tracking/track-measure.ts';
import { SNAP_SCREEN_PX } from './use-bound-measurements.ts';

/**
 * While an angle tool or the line is armed: a ring around the track point the pointer would snap to, so the user
 * sees before clicking that this point will follow the track. Never takes pointer events.
 */
export function SnapIndicator({
  points,
  frame,
  transform,
  width,
  height,
}: {
  points: TrackPointsById;
  frame: number;
  transform: ViewTransform;
  width: number;
  height: number;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const stage = svgRef.current?.parentElement;
    if (!stage) return;
    const move = (event: PointerEvent) => {
      const rect = stage.getBoundingClientRect();
      setPointer({ x: event.clientX - rect.left, y: event.clientY - rect.top });
    };
    const leave = () => setPointer(null);
    stage.addEventListener('pointermove', move, { capture: true });
    stage.addEventListener('pointerleave', leave);
    return () => {
      stage.removeEventListener('pointermove', move, { capture: true });
      stage.removeEventListener('pointerleave', leave);
    };
  }, []);

  let target: { trackId: string; x: number; y: number } | null = null;
  if (pointer) {
    let best = SNAP_SCREEN_PX;
    for (const position of trackPositionsOnFrame(points, frame)) {
      const screen = imageToScreen(transform, position);
      const distance = Math.hypot(screen.x - pointer.x, screen.y - pointer.y);
      if (distance <= best) {
        best = distance;
        target = { trackId: position.trackId, ...screen };
      }
    }
  }
  return (
    <svg ref={svgRef} className="track-snap-layer" width={width} height={height} aria-hidden="true">
      {target && <circle data-testid="track-snap" data-track-id={target.trackId} className="track-snap" cx={target.x} cy={target.y} r={SNAP_SCREEN_PX + 2} />}
    </svg>
  );
}
