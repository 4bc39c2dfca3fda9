import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * The side panel is rendered once, at a stable place in the workspace, so its tabs keep their state (a half-typed
 * form) while the viewer opens, relocates or changes clip. The viewer's own panels (measurements, timing) are
 * portalled into slots the side panel offers for them.
 */
export type ViewerPanelId = 'measurements' | 'timing';

type Slots = Partial<Record<ViewerPanelId, HTMLElement>>;

interface PanelSlotsValue {
  slots: Slots;
  /** Called by a viewer with its panels while it shows a ready clip (true) and when it stops (false). */
  announce(owner: object, present: boolean): void;
}

const PanelSlotsContext = createContext<PanelSlotsValue>({ slots: {}, announce: () => {} });

/** Holds the slot elements and whether a viewer has panels to show (the side panel then offers their tabs). */
export function usePanelSlotHost(): {
  value: PanelSlotsValue;
  viewerPresent: boolean;
  slotRef(id: ViewerPanelId): (element: HTMLElement | null) => void;
} {
  const [slots, setSlots] = useState<Slots>({});
  const [owners, setOwners] = useState<ReadonlySet<object>>(new Set());
  const announce = useCallback((owner: object, present: boolean) => {
    setOwners((current) => {
      if (current.has(owner) === present) return current;
      const next = new Set(current);
      if (present) next.add(owner);
      else next.delete(owner);
      return next;
    });
  }, []);
  // One stable ref callback per slot: a new one each render would detach and re-attach the slot every time.
  const slotRefs = useMemo(() => {
    const refFor = (id: ViewerPanelId) => (element: HTMLElement | null) =>
      setSlots((current) => (current[id] === (element ?? undefined) ? current : { ...current, [id]: element ?? undefined }));
    return { measurements: refFor('measurements'), timing: refFor('timing') } satisfies Record<ViewerPanelId, unknown>;
  }, []);
  const value = useMemo(() => ({ slots, announce }), [slots, announce]);
  return { value, viewerPresent: owners.size > 0, slotRef: (id) => slotRefs[id] };
}

export function PanelSlotsProvider({ value, children }: { value: PanelSlotsValue; children: ReactNode }) {
  return <PanelSlotsContext.Provider value={value}>{children}</PanelSlotsContext.Provider>;
}

/** Tells the side panel this viewer has panels to show, for as long as it is mounted and `present`. */
export function useAnnounceViewerPanels(owner: object, present: boolean): void {
  const { announce } = useContext(PanelSlotsContext);
  useEffect(() => {
    announce(owner, present);
    return () => announce(owner, false);
  }, [announce, owner, present]);
}

/** Renders the children in the side panel's slot `id` when it is shown (its tab is the active one). */
export function ViewerPanelPortal({ id, children }: { id: ViewerPanelId; children: ReactNode }) {
  const element = useContext(PanelSlotsContext).slots[id];
  return element ? createPortal(children, element) : null;
}
