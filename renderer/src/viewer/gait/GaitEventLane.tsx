import { memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GaitProposal } from '../../../../common/contract/gait-proposals.ts';
import type { GaitEvent } from '../../../../common/contract/project.ts';
import { frameAtClientX, framePercent, innerBox } from '../../../../common/plot/frame-scale.ts';
import { KIND_GLYPH } from './gait-labels.ts';

export interface GaitEventLaneProps {
  events: readonly GaitEvent[];
  frameCount: number;
  selectedId: string | null;
  onPick(event: GaitEvent): void;
  /** A tick dragged to another frame (snapped to whole frames). */
  onMove(event: GaitEvent, frame: number): void;
  /** Proposed events, drawn as outlined ghosts (fainter the less certain); a click accepts an open one. */
  proposals?: readonly GaitProposal[];
  onAcceptProposal?(proposal: GaitProposal): void;
}

/**
 * Gait events above the timeline: a tick per event, left foot on the upper row and right foot on the lower,
 * coloured by foot and shaped by kind. Click goes there (and selects it); drag moves it, frame by frame.
 */
export const GaitEventLane = memo(function GaitEventLane({ events, frameCount, selectedId, onPick, onMove, proposals = [], onAcceptProposal }: GaitEventLaneProps) {
  const { t, i18n } = useTranslation();
  const percentFormat = new Intl.NumberFormat(i18n.language, { style: 'percent' });
  const laneRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ id: string; frame: number } | null>(null);
  const percent = (frame: number) => framePercent(frame, frameCount);
  const frameAt = (clientX: number) => {
    const element = laneRef.current;
    return (element && frameAtClientX(clientX, innerBox(element), frameCount)) ?? 0;
  };

  return (
    <div ref={laneRef} className="gait-lane" role="group" aria-label={t('gait.lane')} data-testid="gait-lane">
      {proposals.map((proposal) => {
        const name = `${t(`gait.kind.${proposal.kind}`)} ${t(`gait.side.${proposal.side}`)}`;
        const values = { name, frame: proposal.frameIndex, confidence: percentFormat.format(proposal.confidence) };
        return (
          <button
            key={`ghost-${proposal.side}-${proposal.kind}-${proposal.frameIndex}`}
            type="button"
            tabIndex={-1}
            className={`gait-tick gait-ghost ${proposal.side} ${proposal.kind}${proposal.rejected ? ' rejected' : ''}${proposal.confidence < 0.5 ? ' unsure' : ''}`}
            data-frame={proposal.frameIndex}
            data-kind={proposal.kind}
            data-side={proposal.side}
            data-confidence={proposal.confidence}
            // Certain proposals stand out, doubtful ones fade: the physio looks at those first.
            style={{ left: percent(proposal.frameIndex), opacity: proposal.rejected ? 0.35 : 0.45 + 0.55 * proposal.confidence }}
            title={t(proposal.rejected ? 'proposals.ghostRejectedTitle' : 'proposals.ghostTitle', values)}
            onClick={() => !proposal.rejected && onAcceptProposal?.(proposal)}
          >
            <span className="gait-tick-glyph">{KIND_GLYPH[proposal.kind]}</span>
          </button>
        );
      })}
      {events.map((event) => {
        const frame = drag?.id === event.id ? drag.frame : event.frameIndex;
        const name = `${t(`gait.kind.${event.kind}`)} ${t(`gait.side.${event.side}`)}`;
        return (
          <button
            key={event.id}
            type="button"
            tabIndex={-1}
            className={`gait-tick ${event.side} ${event.kind}`}
            aria-pressed={event.id === selectedId}
            data-frame={frame}
            data-kind={event.kind}
            data-side={event.side}
            style={{ left: percent(frame) }}
            title={t('gait.tickTitle', { name, frame })}
            onPointerDown={(pointer) => {
              pointer.currentTarget.setPointerCapture(pointer.pointerId);
              setDrag({ id: event.id, frame: event.frameIndex });
              onPick(event);
            }}
            onPointerMove={(pointer) => {
              if (!pointer.currentTarget.hasPointerCapture(pointer.pointerId)) return;
              const next = frameAt(pointer.clientX);
              setDrag((current) => (current && current.id === event.id && current.frame !== next ? { id: event.id, frame: next } : current));
            }}
            onPointerUp={() => {
              const target = drag?.id === event.id ? drag.frame : event.frameIndex;
              setDrag(null);
              if (target !== event.frameIndex) onMove(event, target);
            }}
            onPointerCancel={() => setDrag(null)}
          >
            <span className="gait-tick-glyph">{KIND_GLYPH[event.kind]}</span>
          </button>
        );
      })}
    </div>
  );
});
