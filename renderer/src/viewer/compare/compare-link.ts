import { type ClipTiming, followFrame, nearestEventFrame, offsetFromFramePair } from '../../../../common/compare/sync.ts';
import type { BodySide, GaitEventKind } from '../../../../common/contract/project.ts';

/** The two places a compared viewer can have; 'first' is the clip chosen in the clip list. */
export type PaneId = 'first' | 'second';

/** What a viewer lends the link while it shows a ready clip. */
export interface SyncHandle {
  timing: ClipTiming;
  /** The frame the viewer is asked to show now. */
  current(): number;
  events(): readonly { frameIndex: number; kind: string; side: string }[];
  /** Go to a frame because the other viewer moved (not the user): the link must not answer it. */
  follow(index: number): void;
}

/** What a viewer needs of the link: announce itself, and say when the user moved it. */
export interface SyncPort {
  attach(handle: SyncHandle): () => void;
  moved(index: number): void;
}

export interface LinkState {
  linked: boolean;
  /** Second clip's capture time minus the first's, seconds. */
  offsetSeconds: number;
  /** The follower's distance from the leader's instant after the last step, ms (0 when it landed exactly). */
  gapMs: number;
  /** The viewer the other one followed last. */
  leader: PaneId;
  /** Both viewers are ready (linking is possible). */
  ready: boolean;
  /** Why the last "sync on event" could not be done: the clip that lacks the event. */
  missingEventIn: PaneId | null;
}

const other = (pane: PaneId): PaneId => (pane === 'first' ? 'second' : 'first');

/**
 * Links two viewers in capture time. Lives outside React state: stepping goes viewer → link → other viewer
 * without rendering the workspace; only the compare bar subscribes to the link's state.
 */
export class CompareLink {
  private readonly handles: Partial<Record<PaneId, SyncHandle>> = {};
  /** A frame a viewer was sent to by the link; its own report of that move is not a user's move. */
  private readonly expected: Partial<Record<PaneId, number>> = {};
  private readonly listeners = new Set<() => void>();
  private state: LinkState = { linked: false, offsetSeconds: 0, gapMs: 0, leader: 'first', ready: false, missingEventIn: null };
  private readonly ports: Record<PaneId, SyncPort>;

  constructor() {
    const portFor = (pane: PaneId): SyncPort => ({
      attach: (handle) => {
        this.handles[pane] = handle;
        this.update({ ready: this.bothReady() });
        return () => {
          if (this.handles[pane] !== handle) return;
          delete this.handles[pane];
          // The frames the offset was taken from are gone (another clip, or the clip reopened).
          this.update({ ready: false, linked: false, gapMs: 0 });
        };
      },
      moved: (index) => this.moved(pane, index),
    });
    this.ports = { first: portFor('first'), second: portFor('second') };
  }

  port(pane: PaneId): SyncPort {
    return this.ports[pane];
  }

  get(): LinkState {
    return this.state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LinkState => this.state;

  /** Links the frames both viewers show now (a frame pair the user picked). */
  linkHere(leader: PaneId): void {
    const first = this.handles.first;
    const second = this.handles.second;
    if (!first || !second) return;
    this.update({ linked: true, offsetSeconds: offsetFromFramePair(first.timing, first.current(), second.timing, second.current()), gapMs: 0, leader, missingEventIn: null });
  }

  /** Both viewers go to their event of this kind and side nearest to what they show, and are linked there. */
  syncOnEvent(kind: GaitEventKind, side: BodySide, leader: PaneId): boolean {
    const first = this.handles.first;
    const second = this.handles.second;
    if (!first || !second) return false;
    const a = nearestEventFrame(first.events(), kind, side, first.current());
    const b = nearestEventFrame(second.events(), kind, side, second.current());
    if (a === null || b === null) {
      this.update({ missingEventIn: a === null ? 'first' : 'second' });
      return false;
    }
    this.send('first', a);
    this.send('second', b);
    this.update({ linked: true, offsetSeconds: offsetFromFramePair(first.timing, a, second.timing, b), gapMs: 0, leader, missingEventIn: null });
    return true;
  }

  /** Moves the viewer that follows by whole frames of its own and keeps the new pairing. */
  nudge(follower: PaneId, frames: number): void {
    const handle = this.handles[follower];
    if (!handle || !this.state.linked) return;
    const target = Math.max(0, Math.min(handle.timing.frames.times.length - 1, handle.current() + frames));
    this.send(follower, target);
    const first = this.handles.first!;
    const second = this.handles.second!;
    const a = follower === 'first' ? target : first.current();
    const b = follower === 'second' ? target : second.current();
    this.update({ offsetSeconds: offsetFromFramePair(first.timing, a, second.timing, b), gapMs: 0, leader: other(follower) });
  }

  /** The capture rate of the clip a viewer shows (for saying why its frame is only the nearest). */
  captureFps(pane: PaneId): number | null {
    return this.handles[pane]?.timing.rates.captureFps ?? null;
  }

  unlink(): void {
    this.update({ linked: false, gapMs: 0, missingEventIn: null });
  }

  private moved(pane: PaneId, index: number): void {
    if (this.expected[pane] !== undefined) {
      const expected = this.expected[pane];
      delete this.expected[pane];
      if (expected === index) return;
    }
    if (!this.state.linked) return;
    const leader = this.handles[pane];
    const followerId = other(pane);
    const follower = this.handles[followerId];
    if (!leader || !follower) return;
    const followed = followFrame(leader.timing, index, follower.timing, this.state.offsetSeconds, pane === 'first');
    this.send(followerId, followed.index);
    if (followed.gapMs !== this.state.gapMs || this.state.leader !== pane) this.update({ gapMs: followed.gapMs, leader: pane });
  }

  private send(pane: PaneId, index: number): void {
    const handle = this.handles[pane];
    if (!handle || handle.current() === index) return;
    this.expected[pane] = index;
    handle.follow(index);
  }

  private bothReady(): boolean {
    return Boolean(this.handles.first && this.handles.second);
  }

  private update(patch: Partial<LinkState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
